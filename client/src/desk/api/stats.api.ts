import type { DailyReport, ExportFormat, StatsOverview } from '../stats/stats.types'
import type { DeskHttp } from './desk-http'

/**
 * The statistics API (server/routes/stats): the dashboard's figures, the daily report
 * (顾客信息日报表) and its CSV / XLSX export. Dates are China calendar days (YYYY-MM-DD);
 * the server limits a reviewer to their own sites.
 */

export type { DailyReport, DailyReportRow, ExportFormat, StatsOverview } from '../stats/stats.types'

export interface OverviewQuery { from: string, to: string, siteId?: string }
export interface DailyQuery { date: string, siteId?: string }

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value)
      search.set(key, value)
  }
  return search.toString()
}

export function dailyReportExportPath(q: DailyQuery, format: ExportFormat): string {
  return `/api/stats/daily-report/export?${query({ date: q.date, siteId: q.siteId, format })}`
}

export function statsApi(http: DeskHttp) {
  return {
    overview: (q: OverviewQuery) => http.json<StatsOverview>(`/api/stats/overview?${query({ from: q.from, to: q.to, siteId: q.siteId })}`),
    dailyReport: (q: DailyQuery) => http.json<DailyReport>(`/api/stats/daily-report?${query({ date: q.date, siteId: q.siteId })}`),
  }
}
