import type { CheckResult } from '../errors/issue'
import { fail, pass } from '../errors/issue'
import { chinaDateOf } from './china-time'

/**
 * Calendar dates as `YYYY-MM-DD` strings. Birth dates are civil dates without a time
 * zone; "today" is the date in China (Asia/Shanghai), wherever the code runs, so that a
 * tablet and the server agree on an applicant's age at midnight.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
}

/** True when year, month and day name a day that exists (1 ≤ month ≤ 12, 1 ≤ day ≤ days in that month). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day)
    && year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** The civil date `days` days after `date` (before it when negative), both `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const next = new Date(new Date(0).setUTCFullYear(y, m - 1, d + days))
  return formatDate(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate())
}

/** Checks `YYYY-MM-DD` and that the day exists. */
export function checkCalendarDate(input: string): CheckResult {
  // A blank date was not given: "required" tells the agent what to do, a format would not.
  if (input.trim() === '')
    return fail('field.required')
  const match = DATE_PATTERN.exec(input.trim())
  if (!match)
    return fail('date.format')
  const [, y, m, d] = match
  if (!isRealDate(Number(y), Number(m), Number(d)))
    return fail('date.invalid')
  return pass(input.trim())
}

/** Today's date in China as `YYYY-MM-DD`. */
export function todayInChina(now: Date = new Date()): string {
  return chinaDateOf(now)
}

/**
 * Whole years of age on `onDate` for someone born on `birthDate` (both `YYYY-MM-DD`).
 * Someone born on 29 February turns a year older on 1 March in common years, as
 * Chinese civil practice counts 周岁.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = onDate.split('-').map(Number) as [number, number, number]
  let age = ty - by
  if (tm < bm || (tm === bm && td < bd))
    age--
  return age
}
