import type { ValidationIssue } from '../errors/issue'
import { checkDateRange } from '../dates/date-range'

/**
 * The statistics' span: at most 366 days, both ends included (a whole leap year, or a
 * date to the same date a year later), so that one query stays a bounded scan. The desk's dashboard
 * keeps a URL within it before asking; the server refuses anything longer.
 */
export const STATS_MAX_RANGE_DAYS = 366

export function checkStatsRange(from: string, to: string): ValidationIssue[] {
  return checkDateRange(from, to, { toPath: 'to', maxDays: STATS_MAX_RANGE_DAYS })
}
