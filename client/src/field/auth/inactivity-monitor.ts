/**
 * Notices when nobody has touched the app for a while, so it can lock (DESIGN.md §8: a
 * tablet left on a counter shows no applicant's data). Activity is pointer, touch, wheel
 * and keyboard input. Elapsed time is measured on the clock, not counted by timers, so a
 * tablet that slept with the page open locks as soon as it wakes; the check also runs when
 * the page becomes visible again.
 */

/** How long without input before the app locks. */
export const INACTIVITY_LOCK_MS = 10 * 60_000

export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const

interface EventTargetLike {
  addEventListener: (type: string, listener: () => void, options?: { passive?: boolean, capture?: boolean }) => void
  removeEventListener: (type: string, listener: () => void, options?: { capture?: boolean }) => void
}

export interface InactivityMonitorOptions {
  /** Called once each time the idle time reaches `timeoutMs`; activity re-arms it. */
  onIdle: () => void
  timeoutMs?: number
  /** Where input is listened for (the window in the app). */
  target: EventTargetLike
  /** Where `visibilitychange` is listened for (the document in the app); optional. */
  visibilityTarget?: EventTargetLike
  now?: () => number
  /** How often the clock is checked. */
  checkEveryMs?: number
}

export interface InactivityMonitor {
  /** Counts as input now (e.g. after unlocking). */
  touch: () => void
  /** Checks the clock now (also done on a timer). */
  check: () => void
  stop: () => void
}

export function createInactivityMonitor(options: InactivityMonitorOptions): InactivityMonitor {
  const timeoutMs = options.timeoutMs ?? INACTIVITY_LOCK_MS
  const now = options.now ?? (() => Date.now())
  let lastActivity = now()
  let fired = false

  const touch = () => {
    lastActivity = now()
    fired = false
  }
  const check = () => {
    if (!fired && now() - lastActivity >= timeoutMs) {
      fired = true
      options.onIdle()
    }
  }

  for (const type of ACTIVITY_EVENTS)
    options.target.addEventListener(type, touch, { passive: true, capture: true })
  options.visibilityTarget?.addEventListener('visibilitychange', check)
  const timer = setInterval(check, options.checkEveryMs ?? Math.min(15_000, timeoutMs))

  return {
    touch,
    check,
    stop: () => {
      clearInterval(timer)
      for (const type of ACTIVITY_EVENTS)
        options.target.removeEventListener(type, touch, { capture: true })
      options.visibilityTarget?.removeEventListener('visibilitychange', check)
    },
  }
}
