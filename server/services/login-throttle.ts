import type { AppDeps } from '../context'
import type { PersonalDataCipher } from '../security/personal-data'
import { ApiError } from '../http/api-error'
import { countAttempt, lockKey, uncountAttempt } from '../repositories/login-attempts.repository'

/**
 * Password checks — at sign-in, and when a signed-in user changes their password — are
 * limited per user name and per address: past the limit in a window the key is locked for a
 * while.
 *
 * Each attempt is counted before its password is checked, in one atomic update, and one past
 * the limit is refused unchecked. Counting failures after the check let a burst through: a
 * hundred guesses sent at once all passed the lock check during their ~50 ms of scrypt, and
 * their read-then-write counts overwrote one another. A right password takes its count back.
 */

const WINDOW_MS = 15 * 60_000
const LOCK_MS = 15 * 60_000
export const MAX_FAILURES = { user: 5, ip: 30 } as const

/**
 * The keys under which failed sign-ins are counted: the user name, and the address. The name
 * is counted under its keyed hash, never as typed: a name that is no account's is, as often
 * as not, the password typed into the wrong field (the audit log keeps no such name either),
 * and these rows outlive their lock, in the database and its backups.
 */
export function throttleKeys(cipher: Pick<PersonalDataCipher, 'lookupHash'>, username: string, ip: string | null): { user: string, ip: string | null } {
  return { user: `user:${cipher.lookupHash(`sign-in:${username.toLowerCase()}`)}`, ip: ip ? `ip:${ip}` : null }
}

export interface ThrottledKey {
  key: string
  max: number
}

export interface PasswordAttempt {
  /** The password was wrong: a key whose last allowed attempt this was is locked. */
  failed: () => Promise<void>
  /** The password was right: the attempt no longer counts. */
  passed: () => Promise<void>
}

function lockedError(until: Date, now: Date): ApiError {
  const seconds = Math.ceil((until.getTime() - now.getTime()) / 1000)
  return new ApiError(429, 'auth.locked', { params: { minutes: Math.ceil(seconds / 60) }, retryAfterSeconds: seconds })
}

/** Counts an attempt against every key; 429 `auth.locked` when one is locked or its attempts are used up. */
export async function beginPasswordAttempt(deps: AppDeps, keys: readonly ThrottledKey[]): Promise<PasswordAttempt> {
  const now = deps.now()
  const windowStart = new Date(now.getTime() - WINDOW_MS).toISOString()
  const counted: { key: ThrottledKey, attempt: number }[] = []
  // A refused attempt checks no password: the other keys do not count it.
  const giveBack = () => Promise.all(counted.map(c => uncountAttempt(deps.db, c.key.key)))
  for (const key of keys) {
    const { attempt, lockedUntil } = await countAttempt(deps.db, key.key, now.toISOString(), windowStart)
    if (lockedUntil) {
      await giveBack()
      throw lockedError(new Date(lockedUntil), now)
    }
    if (attempt > key.max) {
      // Attempts sent together past the limit: the key locks now, whatever the ones still being checked turn out to be.
      const until = new Date(now.getTime() + LOCK_MS)
      await lockKey(deps.db, key.key, until.toISOString())
      await giveBack()
      throw lockedError(until, now)
    }
    counted.push({ key, attempt })
  }
  return {
    failed: async () => {
      const until = new Date(deps.now().getTime() + LOCK_MS).toISOString()
      for (const { key, attempt } of counted) {
        if (attempt >= key.max)
          await lockKey(deps.db, key.key, until)
      }
    },
    passed: async () => {
      await giveBack()
    },
  }
}
