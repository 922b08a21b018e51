import type { Locale } from '#shared/i18n/locale'
import type { DailyReport, ExportFormat } from './stats.types'
import { siteLabel } from '../directory/directory-labels'

/**
 * The daily report (顾客信息日报表) as the page's table: a row per site and agent, and
 * the totals, each with every status and category of the answer (0 when missing).
 * Pure, unit-tested in test/unit/desk/stats-daily-report.test.ts.
 */

export interface DailyTableRow {
  key: string
  site: string
  agent: string
  newApplications: number
  /** `status:<code>` and `category:<code>` → count. */
  counts: Record<string, number>
}

export interface DailyTable {
  /** A row per site and agent, in the answer's order. */
  rows: DailyTableRow[]
  /** 合计: the table's footer, so that it stays in view under rows that scroll. */
  totals: DailyTableRow
}

export function dailyTable(report: DailyReport, totalsLabel: string, locale: Locale): DailyTable {
  const counts = (byStatus: Record<string, number>, byCategory: Record<string, number>): Record<string, number> => {
    const out: Record<string, number> = {}
    for (const status of report.statuses)
      out[`status:${status}`] = byStatus[status] ?? 0
    for (const category of report.categories)
      out[`category:${category.code}`] = byCategory[category.code] ?? 0
    return out
  }
  return {
    rows: report.rows.map(row => ({
      key: `${row.siteId}/${row.agentId}`,
      site: siteLabel(row, locale),
      agent: row.agentName ?? row.agentId,
      newApplications: row.newApplications,
      counts: counts(row.byStatus, row.byCategory),
    })),
    totals: {
      key: 'totals',
      site: totalsLabel,
      agent: '',
      newApplications: report.totals.newApplications,
      counts: counts(report.totals.byStatus, report.totals.byCategory),
    },
  }
}

/**
 * What a row shows in the column keyed `columnKey` (the page's column keys: `site`,
 * `agent`, `new`, and the counts' `status:<code>` and `category:<code>`); the footer reads
 * 合计 through it, column by column.
 */
export function dailyCell(row: DailyTableRow, columnKey: string): string | number {
  switch (columnKey) {
    case 'site': return row.site
    case 'agent': return row.agent
    case 'new': return row.newApplications
    default: return row.counts[columnKey] ?? ''
  }
}

/** The name the server gives the export in the desk's language, for when its Content-Disposition cannot be read. */
export function dailyReportFileName(date: string, format: ExportFormat, locale: Locale): string {
  return `${locale === 'zh-CN' ? '顾客信息日报表' : 'daily-report'}_${date}.${format}`
}
