import type { SyncOutcome } from './sync-engine'
import { backoffDelay } from './backoff'

/**
 * When the sync engine runs (DESIGN.md §5): at start, on the browser's `online` event, on a
 * timer, and on demand. After a failure the timer backs off exponentially with jitter; after
 * a success it waits the regular interval. It stops by itself when the server refuses the
 * session (401: an online sign-in is needed) or wiped the device — running again then would
 * only fail again. Plain TypeScript: timers, the online probe and the event source are
 * parameters, so tests drive it with fake ones.
 */

export interface SyncSchedulerOptions {
  run: () => Promise<SyncOutcome>
  /** Wait after a successful run. */
  intervalMs?: number
  random?: () => number
  isOnline?: () => boolean
  /** Where `online` events come from (window in the browser). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null
  setTimer?: (callback: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
  /** Told after each run, with when the next one is due (null: stopped). */
  onSettled?: (outcome: SyncOutcome, nextAt: number | null) => void
  now?: () => number
}

export interface SyncScheduler {
  start: () => void
  stop: () => void
  /** Runs now (joining a run in progress) and resets the backoff. */
  runNow: () => Promise<SyncOutcome>
  readonly failures: number
}

export const DEFAULT_SYNC_INTERVAL_MS = 5 * 60_000

/** Outcomes after which retrying cannot help until the user acts. */
export function stopsScheduling(outcome: SyncOutcome): boolean {
  return !outcome.ok && ('wiped' in outcome || outcome.status === 401)
}

export function createSyncScheduler(options: SyncSchedulerOptions): SyncScheduler {
  const intervalMs = options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS
  const isOnline = options.isOnline ?? (() => (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine ?? true)
  const events = options.events === undefined ? (globalThis as { window?: EventTarget }).window ?? null : options.events
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms))
  const clearTimer = options.clearTimer ?? (handle => clearTimeout(handle as ReturnType<typeof setTimeout>))
  const now = options.now ?? Date.now
  let timer: unknown = null
  let failures = 0
  let started = false
  let running: Promise<SyncOutcome> | null = null

  function schedule(ms: number): void {
    if (timer !== null)
      clearTimer(timer)
    timer = setTimer(() => {
      timer = null
      void tick()
    }, ms)
  }

  async function tick(): Promise<SyncOutcome | null> {
    if (!isOnline()) {
      // Offline: the `online` event will call; keep a slow check in case it never fires.
      schedule(backoffDelay(failures, { random: options.random }) || intervalMs)
      return null
    }
    return runNow()
  }

  function runNow(): Promise<SyncOutcome> {
    // A run that throws (the engine could not even store its failure: storage full, the
    // database closed) is a failed run like any other: told, backed off and retried, never
    // a spinner left turning with nothing scheduled.
    running ??= options.run().catch((error: unknown): SyncOutcome => ({ ok: false, error: error instanceof Error ? error.message : String(error) })).then((outcome) => {
      failures = outcome.ok ? 0 : failures + 1
      let nextAt: number | null = null
      if (started && !stopsScheduling(outcome)) {
        const wait = outcome.ok ? intervalMs : backoffDelay(failures - 1, { random: options.random })
        schedule(wait)
        nextAt = now() + wait
      }
      else if (stopsScheduling(outcome)) {
        stop()
      }
      options.onSettled?.(outcome, nextAt)
      return outcome
    }).finally(() => {
      running = null
    })
    return running
  }

  const onOnline = (): void => {
    failures = 0
    void runNow()
  }

  function start(): void {
    if (started)
      return
    started = true
    events?.addEventListener('online', onOnline)
    void tick()
  }

  function stop(): void {
    started = false
    events?.removeEventListener('online', onOnline)
    if (timer !== null)
      clearTimer(timer)
    timer = null
  }

  return {
    start,
    stop,
    runNow: () => {
      failures = 0
      return runNow()
    },
    get failures() {
      return failures
    },
  }
}
