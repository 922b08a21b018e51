/**
 * When to try a failed sync again: exponential backoff with full jitter (a uniformly random
 * wait between 0 and min(cap, base·2^attempt)), so devices coming back online together do
 * not all call at once. Pure: the random source is a parameter.
 */

export interface BackoffOptions {
  baseMs?: number
  capMs?: number
  random?: () => number
}

export const DEFAULT_BACKOFF_BASE_MS = 5_000
export const DEFAULT_BACKOFF_CAP_MS = 15 * 60_000

/** The ceiling of the wait after `attempt` failures in a row (attempt 0 = the first retry). */
export function backoffCeiling(attempt: number, { baseMs = DEFAULT_BACKOFF_BASE_MS, capMs = DEFAULT_BACKOFF_CAP_MS }: BackoffOptions = {}): number {
  const exponent = Math.max(0, Math.floor(attempt))
  // 2^exponent overflows to Infinity for large attempts; min() then gives the cap.
  return Math.min(capMs, baseMs * 2 ** exponent)
}

/** The wait in milliseconds before the next try, in [0, backoffCeiling(attempt)). */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const random = options.random ?? Math.random
  return Math.floor(random() * backoffCeiling(attempt, options))
}
