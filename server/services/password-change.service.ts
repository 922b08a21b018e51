import type { PasswordChange } from '#shared/auth/password-policy'
import type { AppDeps, SessionActor } from '../context'
import { ApiError } from '../http/api-error'
import { appendAudit } from '../repositories/audit.repository'
import { clearLoginAttempts } from '../repositories/login-attempts.repository'
import { revokeOtherSessionsOfStaff } from '../repositories/sessions.repository'
import { findStaffByUsername, updateStaff } from '../repositories/staff.repository'
import { hashPassword, verifyPassword } from '../security/passwords'
import { beginPasswordAttempt, MAX_FAILURES, throttleKeys } from './login-throttle'

/**
 * A signed-in staff member changes their own password. The current one must be given —
 * a session left open on a shared PC must not be enough to take the account — and a wrong
 * one counts as a failed sign-in, so it is throttled and locks the same way. Every other
 * session of the account ends (devices sign in again online with the new password, which
 * also renews their offline verifier); the session that asked goes on.
 */
export async function changeOwnPassword(deps: AppDeps, actor: SessionActor, change: PasswordChange, ip: string | null): Promise<{ sessionsEnded: number }> {
  const key = throttleKeys(deps.cipher, actor.username, null).user
  const staff = await findStaffByUsername(deps.db, actor.username)
  if (!staff || staff.id !== actor.id)
    throw new ApiError(401, 'auth.required')
  const attempt = await beginPasswordAttempt(deps, [{ key, max: MAX_FAILURES.user }])
  if (!await verifyPassword(change.currentPassword, staff.passwordHash)) {
    await attempt.failed()
    await appendAudit(deps.db, { actorId: actor.id, action: 'auth.password_change_failed', targetType: 'staff', targetId: actor.id, ip }, deps.now().toISOString())
    throw new ApiError(400, 'auth.wrong_password')
  }
  await attempt.passed()
  const passwordHash = await hashPassword(change.newPassword)
  const at = deps.now().toISOString()
  return deps.db.transaction().execute(async (trx) => {
    await updateStaff(trx, actor.id, { passwordHash }, at)
    const sessionsEnded = await revokeOtherSessionsOfStaff(trx, actor.id, actor.tokenHash, at)
    await clearLoginAttempts(trx, key)
    await appendAudit(trx, { actorId: actor.id, action: 'auth.password_changed', targetType: 'staff', targetId: actor.id, ip, detail: { sessionsEnded } }, at)
    return { sessionsEnded }
  })
}
