import { clockOffsetMs, isNotableClockOffset, NOTABLE_CLOCK_OFFSET_MS, offsetParts, onServerClock } from '#shared/sync/clock-offset'
import { describe, expect, it } from 'vitest'

describe('a device clock against the server', () => {
  it('is ahead when the device read a later time than the server when the push arrived', () => {
    expect(clockOffsetMs('2026-11-20T10:05:00.000Z', '2026-11-20T08:00:00.000Z')).toBe(2 * 3_600_000 + 5 * 60_000)
    expect(clockOffsetMs('2026-11-20T07:59:30.000Z', '2026-11-20T08:00:00.000Z')).toBe(-30_000)
  })

  it('reads a device time with its own zone offset as the instant it names', () => {
    expect(clockOffsetMs('2026-11-20T16:00:00+08:00', '2026-11-20T08:00:00.000Z')).toBe(0)
  })

  it('is unknown when the device did not say, or a time is no time', () => {
    expect(clockOffsetMs(null, '2026-11-20T08:00:00.000Z')).toBeNull()
    expect(clockOffsetMs('soon', '2026-11-20T08:00:00.000Z')).toBeNull()
  })

  it('is worth a reviewer\'s attention only beyond transit time and drift, either way', () => {
    expect(isNotableClockOffset(null)).toBe(false)
    expect(isNotableClockOffset(0)).toBe(false)
    expect(isNotableClockOffset(NOTABLE_CLOCK_OFFSET_MS)).toBe(false)
    expect(isNotableClockOffset(NOTABLE_CLOCK_OFFSET_MS + 1)).toBe(true)
    expect(isNotableClockOffset(-NOTABLE_CLOCK_OFFSET_MS - 1)).toBe(true)
  })

  it('reads a device time on the server\'s clock by taking the offset off', () => {
    expect(onServerClock('2026-11-20T10:05:00.000Z', 2 * 3_600_000)).toBe('2026-11-20T08:05:00.000Z')
    expect(onServerClock('2026-11-20T10:05:00+08:00', -60_000)).toBe('2026-11-20T02:06:00.000Z')
    expect(onServerClock('not a time', 0)).toBeNull()
    // A clock off by millennia gives no instant a Date can hold.
    expect(onServerClock('2026-11-20T10:05:00.000Z', -1e16)).toBeNull()
  })

  it('splits an offset into days, hours and minutes, rounded to the minute', () => {
    expect(offsetParts(2 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000 + 29_000)).toEqual({ ahead: true, days: 2, hours: 3, minutes: 4 })
    expect(offsetParts(-(59 * 60_000 + 31_000))).toEqual({ ahead: false, days: 0, hours: 1, minutes: 0 })
    expect(offsetParts(-6 * 60_000)).toEqual({ ahead: false, days: 0, hours: 0, minutes: 6 })
  })
})
