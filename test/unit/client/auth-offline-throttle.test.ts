import { describe, expect, it } from 'vitest'
import { afterOfflineFailure, NO_FAILURES, OFFLINE_FREE_ATTEMPTS, OFFLINE_LOCK_CAP_MS, offlineWaitMs } from '../../../client/src/field/auth/offline-throttle'

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
})
