import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createInactivityMonitor, INACTIVITY_LOCK_MS } from '../../../client/src/field/auth/inactivity-monitor'

describe('inactivity monitor (lock after no input)', () => {
  let clock = 0
  const target = new EventTarget()
  const page = new EventTarget()

  beforeEach(() => {
    vi.useFakeTimers()
    clock = 0
  })
  afterEach(() => vi.useRealTimers())

  function monitor(onIdle: () => void) {
    return createInactivityMonitor({ onIdle, target, visibilityTarget: page, now: () => clock, timeoutMs: 60_000, checkEveryMs: 1000 })
  }

  function pass(ms: number) {
    clock += ms
    vi.advanceTimersByTime(ms)
  }

  it('locks after ten minutes by default', () => {
    expect(INACTIVITY_LOCK_MS).toBe(600_000)
  })

  it('fires once when the time passes without input', () => {
    const onIdle = vi.fn()
    const m = monitor(onIdle)
    pass(59_000)
    expect(onIdle).not.toHaveBeenCalled()
    pass(1000)
    expect(onIdle).toHaveBeenCalledTimes(1)
    pass(120_000)
    expect(onIdle).toHaveBeenCalledTimes(1)
    m.stop()
  })

  it.each(['pointerdown', 'keydown', 'touchstart', 'wheel'])('starts the count again on %s', (type) => {
    const onIdle = vi.fn()
    const m = monitor(onIdle)
    pass(50_000)
    target.dispatchEvent(new Event(type))
    pass(50_000)
    expect(onIdle).not.toHaveBeenCalled()
    pass(10_000)
    expect(onIdle).toHaveBeenCalledTimes(1)
    // Input after it fired re-arms it.
    target.dispatchEvent(new Event(type))
    pass(60_000)
    expect(onIdle).toHaveBeenCalledTimes(2)
    m.stop()
  })

  it('locks at once when the page becomes visible after the tablet slept (timers did not run)', () => {
    const onIdle = vi.fn()
    const m = monitor(onIdle)
    clock += 3_600_000 // asleep: the clock moved, no timer fired
    page.dispatchEvent(new Event('visibilitychange'))
    expect(onIdle).toHaveBeenCalledTimes(1)
    m.stop()
  })

  it('stops listening and checking when stopped', () => {
    const onIdle = vi.fn()
    monitor(onIdle).stop()
    pass(600_000)
    page.dispatchEvent(new Event('visibilitychange'))
    expect(onIdle).not.toHaveBeenCalled()
  })
})
