import { checkDateRange, daysBetween, daysInRange } from '#shared/dates/date-range'
import { checkStatsRange, STATS_MAX_RANGE_DAYS } from '#shared/stats/stats-range'
import { describe, expect, it } from 'vitest'

describe('date ranges', () => {
  it.each([
    ['2026-11-23', '2026-11-23', 0],
    ['2026-11-23', '2026-11-24', 1],
    ['2024-02-28', '2024-03-01', 2], // leap day
    ['2026-02-28', '2026-03-01', 1],
    ['2026-12-31', '2027-01-01', 1],
    ['2026-11-24', '2026-11-23', -1],
    ['2025-01-01', '2026-01-01', 365],
  ])('%s → %s is %i days apart', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days)
    expect(daysInRange(from, to)).toBe(days + 1)
  })

  it('refuses a reversed range, and a range longer than allowed, at the path given', () => {
    expect(checkDateRange('2026-11-24', '2026-11-23', { toPath: 'submittedTo' })).toEqual([{ path: 'submittedTo', code: 'date.range_reversed' }])
    expect(checkDateRange('2026-11-01', '2026-11-10', { toPath: 'to', maxDays: 9 })).toEqual([{ path: 'to', code: 'date.range_too_long', params: { maxDays: 9 } }])
    expect(checkDateRange('2026-11-01', '2026-11-09', { toPath: 'to', maxDays: 9 })).toEqual([])
    expect(checkDateRange('2020-01-01', '2026-11-09', { toPath: 'to' })).toEqual([])
  })

  it('lets statistics span 366 days, both ends included, and no more', () => {
    expect(STATS_MAX_RANGE_DAYS).toBe(366)
    expect(checkStatsRange('2024-01-01', '2024-12-31')).toEqual([]) // a whole leap year
    expect(checkStatsRange('2025-11-23', '2026-11-23')).toEqual([]) // to the same date a year later
    expect(checkStatsRange('2025-11-22', '2026-11-23')).toEqual([{ path: 'to', code: 'date.range_too_long', params: { maxDays: 366 } }])
    expect(checkStatsRange('2026-11-24', '2026-11-23')[0]?.code).toBe('date.range_reversed')
  })
})
