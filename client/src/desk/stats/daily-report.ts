import type { Locale } from '#shared/i18n/locale'
import type { DailyReport, ExportFormat } from './stats.types'
import { siteLabel } from '../directory/directory-labels'

/**
 * The daily report (顾客信息日报表) as the page's table: a row per site and agent, then
 * the totals row, each with every status and category of the answer (0 when missing).
 * Pure, unit-tested in test/unit/desk/stats-daily-report.test.ts.
 */

export interface DailyTableRow {
  key: string
  isTotal: boolean
  site: string
  agent: string
  newApplications: number
  /** `status:<code>` and `category:<code>` → count. */
  counts: Record<string, number>
}

export function dailyTableRows(report: DailyReport, totalsLabel: string, locale: Locale): DailyTableRow[] {
  const counts = (byStatus: Record<string, number>, byCategory: Record<string, number>): Record<string, number> => {
    const out: Record<string, number> = {}
    for (const status of report.statuses)
      out[`status:${status}`] = byStatus[status] ?? 0
    for (const category of report.categories)
      out[`category:${category.code}`] = byCategory[category.code] ?? 0
    return out
  }
  const rows: DailyTableRow[] = report.rows.map(row => ({
    key: `${row.siteId}/${row.agentId}`,
    isTotal: false,
    site: siteLabel(row, locale),
    agent: row.agentName ?? row.agentId,
    newApplications: row.newApplications,
    counts: counts(row.byStatus, row.byCategory),
  }))
  rows.push({
    key: 'totals',
    isTotal: true,
    site: totalsLabel,
    agent: '',
    newApplications: report.totals.newApplications,
    counts: counts(report.totals.byStatus, report.totals.byCategory),
  })
  return rows
}

/** The name the server gives the export in the desk's language, for when its Content-Disposition cannot be read. */
export function dailyReportFileName(date: string, format: ExportFormat, locale: Locale): string {
  return `${locale === 'zh-CN' ? '顾客信息日报表' : 'daily-report'}_${date}.${format}`
}
