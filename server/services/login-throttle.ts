import type { AppDeps } from '../context'
import { ApiError } from '../http/api-error'
import { findLoginAttempts, saveLoginAttempt } from '../repositories/login-attempts.repository'

/**
 * Failed password checks — at sign-in, and when a signed-in user changes their password —
 * are counted per user name and per address; past the limit the key is locked for a while.
 */

const WINDOW_MS = 15 * 60_000
const LOCK_MS = 15 * 60_000
export const MAX_FAILURES = { user: 5, ip: 30 } as const

/** The keys under which failed sign-ins are counted: the user name, and the address. */
export function throttleKeys(username: string, ip: string | null): { user: string, ip: string | null } {
  return { user: `user:${username.toLowerCase()}`, ip: ip ? `ip:${ip}` : null }
}

export async function assertNotLocked(deps: AppDeps, keys: string[]): Promise<void> {
  const now = deps.now()
  for (const attempt of await findLoginAttempts(deps.db, keys)) {
    if (attempt.lockedUntil && new Date(attempt.lockedUntil) > now) {
      const minutes = Math.ceil((new Date(attempt.lockedUntil).getTime() - now.getTime()) / 60_000)
      throw new ApiError(429, 'auth.locked', { params: { minutes } })
    }
  }
}

export async function recordFailure(deps: AppDeps, key: string, max: number): Promise<void> {
  const now = deps.now()
  const [existing] = await findLoginAttempts(deps.db, [key])
  const fresh = !existing || now.getTime() - new Date(existing.windowStartedAt).getTime() > WINDOW_MS
  const failures = fresh ? 1 : existing.failures + 1
  await saveLoginAttempt(deps.db, {
    key,
    failures,
    windowStartedAt: fresh ? now.toISOString() : existing.windowStartedAt,
    lockedUntil: failures >= max ? new Date(now.getTime() + LOCK_MS).toISOString() : null,
  })
}
