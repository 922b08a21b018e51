import {
  addDays,
  ageOn,
  checkCalendarDate,
  daysInMonth,
  formatDate,
  isLeapYear,
  isRealDate,
  todayInChina,
} from '#shared/dates/calendar'
import { describe, expect, it } from 'vitest'

describe('isLeapYear', () => {
  it.each([
    [2000, true], // divisible by 400
    [1600, true],
    [1900, false], // divisible by 100, not by 400
    [2100, false],
    [2024, true],
    [2026, false],
    [1996, true],
    [2023, false],
  ])('%i → %s', (year, expected) => {
    expect(isLeapYear(year)).toBe(expected)
  })
})

describe('daysInMonth', () => {
  it.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [1900, 2, 28],
    [2000, 2, 29],
    [2023, 1, 31],
    [2023, 4, 30],
    [2023, 6, 30],
    [2023, 9, 30],
    [2023, 11, 30],
    [2023, 12, 31],
    [2023, 0, 0],
    [2023, 13, 0],
  ])('%i-%i → %i', (year, month, expected) => {
    expect(daysInMonth(year, month)).toBe(expected)
  })
})

describe('isRealDate', () => {
  it.each([
    [2000, 2, 29, true],
    [2024, 2, 29, true],
    [1900, 2, 29, false],
    [2023, 2, 29, false],
    [2023, 4, 31, false],
    [2023, 12, 31, true],
    [2023, 1, 1, true],
    [2023, 0, 1, false],
    [2023, 13, 1, false],
    [2023, 1, 0, false],
    [2023, 1, 32, false],
    [0, 1, 1, false],
    [-1, 1, 1, false],
    [2020.5, 1, 1, false],
    [2020, 2, 1.5, false],
    [2020, 1.5, 1, false],
    [Number.NaN, 1, 1, false],
  ])('%d-%d-%d → %s', (year, month, day, expected) => {
    expect(isRealDate(year, month, day)).toBe(expected)
  })
})

describe('formatDate', () => {
  it.each([
    [2000, 2, 29, '2000-02-29'],
    [1949, 12, 31, '1949-12-31'],
    [987, 1, 5, '0987-01-05'],
  ])('%i, %i, %i → %s', (year, month, day, expected) => {
    expect(formatDate(year, month, day)).toBe(expected)
  })
})

describe('addDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-02-29', 366, '2025-03-01'],
    ['9999-12-31', 1, '10000-01-01'],
    // Years 0–99 are years, not 1900–1999 (Date.UTC's reading): a range in them keeps its days.
    ['0001-01-01', 1, '0001-01-02'],
    ['0099-12-31', 1, '0100-01-01'],
    ['0100-01-01', -1, '0099-12-31'],
    ['0050-02-28', 1, '0050-03-01'],
  ])('%s and %i days → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected)
  })
})

describe('checkCalendarDate', () => {
  it.each([
    ['2000-02-29', '2000-02-29'], // leap year (divisible by 400)
    ['2024-02-29', '2024-02-29'],
    ['2026-11-23', '2026-11-23'],
    ['1949-12-31', '1949-12-31'],
    [' 2023-01-01 ', '2023-01-01'], // trimmed
  ])('accepts %j', (input, expected) => {
    expect(checkCalendarDate(input)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['1900-02-29', 'date.invalid'], // 1900 is a common year
    ['2023-02-29', 'date.invalid'],
    ['2026-02-29', 'date.invalid'],
    ['2023-04-31', 'date.invalid'],
    ['2023-13-01', 'date.invalid'],
    ['2023-00-10', 'date.invalid'],
    ['2023-01-00', 'date.invalid'],
    ['2023-01-32', 'date.invalid'],
    ['0000-01-01', 'date.invalid'],
    ['2023-1-1', 'date.format'],
    ['2023/01/01', 'date.format'],
    ['20230101', 'date.format'],
    ['01-01-2023', 'date.format'],
    ['2023-01-01T00:00:00Z', 'date.format'],
    ['２０２３-０１-０１', 'date.format'], // full-width digits: the value comes from a date picker
    ['', 'field.required'], // not given: the agent is told to give it
    ['  ', 'field.required'],
  ])('refuses %j with %s', (input, code) => {
    expect(checkCalendarDate(input)).toEqual({ ok: false, code })
  })
})

describe('todayInChina', () => {
  it.each([
    // Asia/Shanghai is UTC+8 all year (no daylight saving time).
    ['2026-11-22T15:59:59.999Z', '2026-11-22'],
    ['2026-11-22T16:00:00.000Z', '2026-11-23'], // midnight in Beijing
    ['2026-11-23T15:59:59.999Z', '2026-11-23'],
    ['2024-02-28T16:00:00.000Z', '2024-02-29'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01'],
    ['2026-07-01T03:00:00.000Z', '2026-07-01'],
  ])('%s is %s in China', (instant, expected) => {
    expect(todayInChina(new Date(instant))).toBe(expected)
  })

  it('defaults to now, as YYYY-MM-DD', () => {
    expect(todayInChina()).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(checkCalendarDate(todayInChina()).ok).toBe(true)
  })

  it('does not depend on the en-CA date pattern (CLDR 42 briefly made it M/d/y)', () => {
    // ICU 72 / CLDR 42 formatted en-CA dates as 11/23/2026 (nodejs/node#45945, CLDR-16399);
    // browsers and WebViews of that vintage are still found on field tablets. `format` is
    // an accessor returning a bound function, so it is replaced through its descriptor.
    const original = Object.getOwnPropertyDescriptor(Intl.DateTimeFormat.prototype, 'format')!
    Object.defineProperty(Intl.DateTimeFormat.prototype, 'format', { configurable: true, get: () => () => '11/23/2026' })
    try {
      expect(new Intl.DateTimeFormat('en-CA').format(new Date())).toBe('11/23/2026')
      expect(todayInChina(new Date('2026-11-22T16:00:00.000Z'))).toBe('2026-11-23')
    }
    finally {
      Object.defineProperty(Intl.DateTimeFormat.prototype, 'format', original)
    }
  })
})

describe('ageOn', () => {
  it.each([
    ['2008-11-23', '2026-11-23', 18], // 18th birthday
    ['2008-11-24', '2026-11-23', 17], // the day before the 18th birthday
    ['2008-12-01', '2026-11-23', 17],
    ['2008-01-01', '2026-11-23', 18],
    ['1949-12-31', '2026-11-23', 76],
    ['2026-11-23', '2026-11-23', 0], // born today
    // Born on 29 February: a year older on 1 March in common years (周岁).
    ['2000-02-29', '2001-02-28', 0],
    ['2000-02-29', '2001-03-01', 1],
    ['2000-02-29', '2004-02-28', 3],
    ['2000-02-29', '2004-02-29', 4],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
  ])('born %s, on %s → %i', (birth, on, expected) => {
    expect(ageOn(birth, on)).toBe(expected)
  })
})
