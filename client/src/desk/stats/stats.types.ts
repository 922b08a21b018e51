import type { ApplicationStatus } from '#shared/status/status-table'

/**
 * The statistics API's answers (server/routes/stats/stats.routes.ts), apart from the API
 * module so pure code and tests use them without the HTTP client.
 */

export type Rate = number | null

export interface StatsOverview {
  from: string
  to: string
  siteId: string | null
  applications: number
  /** Every day of the range, zeros included. */
  perDay: Array<{ date: string, count: number }>
  perSite: Array<{ siteId: string, siteCode: string | null, siteName: string | null, count: number }>
  perAgent: Array<{ agentId: string, agentName: string | null, siteId: string, count: number }>
  decisions: { total: number, approved: number, rejected: number, returned: number }
  /** Shares of the decisions (0–1); null when there were none. */
  rates: { approval: Rate, rejection: Rate, return: Rate }
  medianReviewHours: number | null
  overdue: number
  duplicatesFound: number
  /** Re-visits (回访): due today, recorded in the range, and of those the ones that reached the member. */
  revisits: { due: number, recorded: number, reached: number }
}

export type CountsBy = Record<string, number>

export interface DailyReportRow {
  siteId: string
  siteCode: string | null
  siteName: string | null
  agentId: string
  agentName: string | null
  newApplications: number
  byStatus: CountsBy
  byCategory: CountsBy
}

export interface DailyReport {
  date: string
  siteId: string | null
  categories: Array<{ code: string, name: string }>
  statuses: ApplicationStatus[]
  rows: DailyReportRow[]
  totals: Pick<DailyReportRow, 'newApplications' | 'byStatus' | 'byCategory'>
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
