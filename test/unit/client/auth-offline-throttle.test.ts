import { describe, expect, it } from 'vitest'
import { afterOfflineFailure, lockWithinItsLength, NO_FAILURES, OFFLINE_FREE_ATTEMPTS, OFFLINE_LOCK_CAP_MS, offlineWaitMs } from '../../../client/src/field/auth/offline-throttle'

describe('offline sign-in throttle', () => {
  const now = new Date('2026-11-23T02:00:00.000Z')

  function failures(n: number) {
    let state = NO_FAILURES
    for (let i = 0; i < n; i++)
      state = afterOfflineFailure(state, now)
    return state
  }

  it('allows the first four failures without waiting', () => {
    expect(OFFLINE_FREE_ATTEMPTS).toBe(5)
    for (let n = 1; n < OFFLINE_FREE_ATTEMPTS; n++)
      expect(failures(n)).toEqual({ failures: n, lockedUntil: null })
    expect(offlineWaitMs(failures(4), now)).toBe(0)
  })

  it('waits 30 s after the fifth failure, then doubles', () => {
    expect([5, 6, 7, 8].map(n => offlineWaitMs(failures(n), now))).toEqual([30_000, 60_000, 120_000, 240_000])
  })

  it('never waits more than an hour', () => {
    expect(offlineWaitMs(failures(12), now)).toBe(OFFLINE_LOCK_CAP_MS)
    expect(offlineWaitMs(failures(500), now)).toBe(OFFLINE_LOCK_CAP_MS)
  })

  it('counts the wait down on the clock', () => {
    const locked = failures(5)
    expect(offlineWaitMs(locked, new Date(now.getTime() + 10_000))).toBe(20_000)
    expect(offlineWaitMs(locked, new Date(now.getTime() + 30_000))).toBe(0)
    expect(offlineWaitMs(NO_FAILURES, now)).toBe(0)
  })

  it('a clock set back does not stretch a lock: it starts again from the new time, no longer than it was given', () => {
    const hours = (n: number) => n * 3_600_000
    const setBack = new Date(now.getTime() - hours(2) - 10 * 60_000)
    const locked = failures(5)
    const anchored = lockWithinItsLength(locked, setBack)
    expect(anchored).toEqual({ failures: 5, lockedUntil: new Date(setBack.getTime() + 30_000).toISOString() })
    expect(offlineWaitMs(anchored, setBack)).toBe(30_000)
    expect(offlineWaitMs(anchored, new Date(setBack.getTime() + 30_000))).toBe(0)
    // Twelve failures: the hour's lock, not the hour plus a year.
    expect(offlineWaitMs(lockWithinItsLength(failures(12), new Date(now.getTime() - hours(24 * 365))), new Date(now.getTime() - hours(24 * 365)))).toBe(OFFLINE_LOCK_CAP_MS)
  })

  it('leaves a lock on a clock that runs on as it was, and no lock as none', () => {
    const locked = failures(6)
    expect(lockWithinItsLength(locked, now)).toBe(locked)
    expect(lockWithinItsLength(locked, new Date(now.getTime() + 10_000))).toBe(locked)
    const notLocked = failures(3)
    expect(lockWithinItsLength(notLocked, now)).toBe(notLocked)
    expect(lockWithinItsLength(NO_FAILURES, now)).toBe(NO_FAILURES)
  })
})
