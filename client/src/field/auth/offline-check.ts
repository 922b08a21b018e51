import type { AccountRow, AccountsDb } from './accounts-db'
import type { AuthEnvironment } from './auth-environment'
import type { SignInResult } from './session.store'
import { replaceVerifier, saveOfflineThrottle } from './accounts.repository'
import { afterOfflineFailure, lockWithinItsLength, NO_FAILURES, offlineWaitMs } from './offline-throttle'
import { deriveVerifier, needsRehash, verifyPassword } from './password-verifier'

/**
 * A password checked on the device, against the account's stored verifier, throttled
 * (offline-throttle.ts): the offline sign-in and the unlock. A success clears the failures
 * and, when the verifier is older than today's iteration count, replaces it.
 */
export async function checkOffline(db: AccountsDb, env: Pick<AuthEnvironment, 'now' | 'iterations'>, row: AccountRow, password: string): Promise<SignInResult> {
  const throttle = lockWithinItsLength(row.offline, env.now())
  if (throttle !== row.offline)
    await saveOfflineThrottle(db, row.username, throttle, env.now())
  const waitMs = offlineWaitMs(throttle, env.now())
  if (waitMs > 0)
    return { ok: false, code: 'auth.offline_locked', params: { seconds: Math.ceil(waitMs / 1000) }, mode: 'offline' }
  if (!await verifyPassword(password, row.verifier)) {
    const next = afterOfflineFailure(throttle, env.now())
    await saveOfflineThrottle(db, row.username, next, env.now())
    const lockMs = offlineWaitMs(next, env.now())
    return lockMs > 0
      ? { ok: false, code: 'auth.offline_locked', params: { seconds: Math.ceil(lockMs / 1000) }, mode: 'offline' }
      : { ok: false, code: 'auth.invalid_credentials', mode: 'offline' }
  }
  if (throttle.failures > 0 || throttle.lockedUntil)
    await saveOfflineThrottle(db, row.username, NO_FAILURES, env.now())
  if (needsRehash(row.verifier, env.iterations))
    await replaceVerifier(db, row.username, await deriveVerifier(password, { iterations: env.iterations }), env.now())
  return { ok: true, mode: 'offline' }
}
