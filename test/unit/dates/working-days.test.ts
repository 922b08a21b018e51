import { addWorkingDays } from '#shared/dates/working-days'
import { describe, expect, it } from 'vitest'

describe('addWorkingDays', () => {
  it.each([
    // 2026-11-23 is a Monday.
    ['2026-11-23', 1, '2026-11-24'],
    ['2026-11-23', 3, '2026-11-26'],
    ['2026-11-23', 5, '2026-11-30'],
    // From a Friday, the weekend does not count.
    ['2026-11-27', 1, '2026-11-30'],
    // From a Saturday, Monday is the first working day.
    ['2026-11-28', 1, '2026-11-30'],
    ['2026-11-23', 0, '2026-11-23'],
    // Across a month and a year end.
    ['2026-12-30', 3, '2027-01-04'],
  ])('%s + %i working days = %s', (start, days, expected) => {
    expect(addWorkingDays(start, days)).toBe(expected)
  })

  it('skips listed holidays and counts listed make-up working days (调休)', () => {
    // 国庆: 1–7 October 2026 off; Saturday 10 October a working day.
    const calendar = {
      holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
      workdays: ['2026-10-10'],
    }
    expect(addWorkingDays('2026-09-30', 1, calendar)).toBe('2026-10-08')
    expect(addWorkingDays('2026-10-09', 1, calendar)).toBe('2026-10-10')
  })
})
