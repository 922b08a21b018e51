/**
 * Throttling of offline password checks (sign-in and unlock), so a lost tablet cannot be
 * guessed at quickly: after OFFLINE_FREE_ATTEMPTS failures in a row every further failure
 * locks checks for a while, 30 s first and doubling each time, up to an hour. The count and
 * the lock are stored in the account row (not in memory), so a reload does not reset them;
 * a successful check, offline or online, clears them. The server throttles online sign-ins
 * on its own.
 */

export const OFFLINE_FREE_ATTEMPTS = 5
export const OFFLINE_LOCK_BASE_MS = 30_000
export const OFFLINE_LOCK_CAP_MS = 60 * 60_000

export interface OfflineThrottleState {
  /** Failed offline checks in a row. */
  failures: number
  /** ISO time before which no offline check is made; null when not locked. */
  lockedUntil: string | null
}

export const NO_FAILURES: OfflineThrottleState = { failures: 0, lockedUntil: null }

/** How long the lock after this many failures in a row lasts (0: none). */
function lockMsAfter(failures: number): number {
  if (failures < OFFLINE_FREE_ATTEMPTS)
    return 0
  return Math.min(OFFLINE_LOCK_CAP_MS, OFFLINE_LOCK_BASE_MS * 2 ** Math.min(failures - OFFLINE_FREE_ATTEMPTS, 20))
}

/** Milliseconds left before the next check is allowed (0 when allowed now). */
export function offlineWaitMs(state: OfflineThrottleState, now: Date): number {
  if (!state.lockedUntil)
    return 0
  return Math.max(0, new Date(state.lockedUntil).getTime() - now.getTime())
}

/**
 * The state with its lock no longer than the lock it was given. The lock's end is a time on
 * the device's clock: a clock set back since — a fast one put right, as the device page asks,
 * or one that lost its setting — would stretch the lock by as much, keeping the agent out of
 * the tablet (and its unsynced work) for hours. Such a lock starts again from now.
 */
export function lockWithinItsLength(state: OfflineThrottleState, now: Date): OfflineThrottleState {
  const lockMs = lockMsAfter(state.failures)
  if (!state.lockedUntil || offlineWaitMs(state, now) <= lockMs)
    return state
  return { failures: state.failures, lockedUntil: new Date(now.getTime() + lockMs).toISOString() }
}

/** The state after one more failure at `now`. */
export function afterOfflineFailure(state: OfflineThrottleState, now: Date): OfflineThrottleState {
  const failures = state.failures + 1
  if (failures < OFFLINE_FREE_ATTEMPTS)
    return { failures, lockedUntil: null }
  return { failures, lockedUntil: new Date(now.getTime() + lockMsAfter(failures)).toISOString() }
}
