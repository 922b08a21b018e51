import type { ValidationIssue } from '../errors/issue'

/**
 * From–to ranges of civil dates (`YYYY-MM-DD`, already checked with checkCalendarDate),
 * both ends included: the review queue's "submitted between", the statistics' span.
 */

const DAY_MS = 86_400_000

/** Whole days from `from` to `to` (0 on the same day, negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/** Days the range covers, both ends included (1 when from = to). */
export function daysInRange(from: string, to: string): number {
  return daysBetween(from, to) + 1
}

/**
 * The problems with a range: `date.range_reversed` when it ends before it begins,
 * `date.range_too_long` when it covers more than `maxDays` days; both at `toPath`.
 */
export function checkDateRange(from: string, to: string, options: { toPath: string, maxDays?: number }): ValidationIssue[] {
  if (from > to)
    return [{ path: options.toPath, code: 'date.range_reversed' }]
  if (options.maxDays !== undefined && daysInRange(from, to) > options.maxDays)
    return [{ path: options.toPath, code: 'date.range_too_long', params: { maxDays: options.maxDays } }]
  return []
}
