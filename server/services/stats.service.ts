import type { Locale, LocalisedText } from '#shared/i18n/locale'
import type { ApplicationStatus } from '#shared/status/status-table'
import type { AppDeps, SessionActor } from '../context'
import type { ExportFile, ExportFormat } from '../export/export-response'
import type { CellValue, Column, LocalisedColumn } from '../export/table'
import type { ArrivalRow, StatsFilter } from '../repositories/stats.repository'
import { addDays, todayInChina } from '#shared/dates/calendar'
import { chinaDateOf, chinaDayStart } from '#shared/dates/china-time'
import { daysInRange } from '#shared/dates/date-range'
import { compareNames } from '#shared/i18n/collate'
import { categoryNames } from '#shared/programme/category-label'
import { checkStatsRange } from '#shared/stats/stats-range'
import { isOverdue } from '#shared/status/review-deadline'
import { SERVER_STATUSES, STATUS_LABELS } from '#shared/status/status-table'
import { columnsIn, siteLabel } from '../export/table'
import { ApiError } from '../http/api-error'
import { appendAudit } from '../repositories/audit.repository'
import { countMembers } from '../repositories/members.repository'
import { categoryNamesEver, settingsInForce } from '../repositories/programme.repository'
import { countDecisions, countDuplicateCandidates, listArrivals, listRevisitOutcomes, summariseArrivals } from '../repositories/stats.repository'
import { namesScopeOf } from './site-scope'

/**
 * Desk statistics (issue 5 item 5) and the daily report (顾客信息日报表). Days are China
 * dates (Asia/Shanghai). Supervisors and administrators see every site; a reviewer sees
 * the sites they review (the figures are about their own work, and agents' names and
 * counts of other sites are not theirs to see); field agents are refused. No personal
 * data is shown, so views are not audited; the daily report's export is, like every export.
 *
 * Definitions: an application is new on the day it first reached the server; its review
 * time runs from then to its first decision (hours, median over the applications that
 * have one); rates are shares of the decisions taken in the range; overdue counts the
 * applications new in the range that are past their deadline (working days) today and
 * still await a decision; duplicates are candidate rows created in the range.
 */

const HOUR_MS = 3_600_000

export function median(values: readonly number[]): number | null {
  if (!values.length)
    return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function round(value: number, places: number): number {
  const f = 10 ** places
  return Math.round(value * f) / f
}

function filterOf(actor: SessionActor, from: string, to: string, siteId: string | undefined): StatsFilter {
  const issues = checkStatsRange(from, to)
  if (issues.length)
    throw new ApiError(400, 'request.invalid', { issues })
  return { scope: namesScopeOf(actor), siteId, from: chinaDayStart(from), before: chinaDayStart(addDays(to, 1)) }
}

function siteKey(row: Pick<ArrivalRow, 'siteId' | 'siteCode' | 'siteName'>): { siteId: string, siteCode: string | null, siteName: string | null } {
  return { siteId: row.siteId, siteCode: row.siteCode, siteName: row.siteName }
}

// ── Overview ────────────────────────────────────────────────────────────────────────────

export interface StatsOverview {
  from: string
  to: string
  siteId: string | null
  applications: number
  perDay: Array<{ date: string, count: number }>
  perSite: Array<{ siteId: string, siteCode: string | null, siteName: string | null, count: number }>
  perAgent: Array<{ agentId: string, agentName: string | null, siteId: string, count: number }>
  decisions: { total: number, approved: number, rejected: number, returned: number }
  /** Shares of the decisions taken in the range (0–1, 4 places); null without decisions. */
  rates: { approval: number | null, rejection: number | null, return: number | null }
  medianReviewHours: number | null
  overdue: number
  duplicatesFound: number
  /** Re-visits (回访): members due today (whatever the range), those recorded in the range, and of them the ones that reached the member. */
  revisits: { due: number, recorded: number, reached: number }
}

export async function statsOverview(deps: AppDeps, actor: SessionActor, query: { from: string, to: string, siteId?: string | undefined }): Promise<StatsOverview> {
  const filter = filterOf(actor, query.from, query.to, query.siteId)
  const today = todayInChina(deps.now())
  const arrivals = await summariseArrivals(deps.db, filter)
  const decided = await countDecisions(deps.db, filter)
  const duplicatesFound = await countDuplicateCandidates(deps.db, filter)
  const revisitOutcomes = await listRevisitOutcomes(deps.db, filter)
  // Counted as the members list's 待回访 filter counts them.
  const revisitsDue = await countMembers(deps.db, { scope: filter.scope, today, revisitDue: true, ...(filter.siteId !== undefined ? { siteId: filter.siteId } : {}) })

  const perDay = new Map<string, number>()
  // Counted, not compared: past 9999-12-31 the next day ('10000-01-01') sorts before it.
  for (let i = 0, days = daysInRange(query.from, query.to); i < days; i++)
    perDay.set(addDays(query.from, i), 0)
  let applications = 0
  for (const { hour, count } of arrivals.perHour) {
    const day = chinaDateOf(`${hour}:00:00.000Z`)
    perDay.set(day, (perDay.get(day) ?? 0) + count)
    applications += count
  }
  const perSite = new Map<string, StatsOverview['perSite'][number]>()
  const perAgent: StatsOverview['perAgent'] = []
  for (const row of arrivals.perAgent) {
    const site = perSite.get(row.siteId) ?? { ...siteKey(row), count: 0 }
    site.count += row.count
    perSite.set(row.siteId, site)
    perAgent.push({ agentId: row.agentId, agentName: row.agentName, siteId: row.siteId, count: row.count })
  }
  const overdue = arrivals.perStatusDeadline
    .filter(group => isOverdue({ status: group.status as ApplicationStatus, reviewDueAt: group.reviewDueAt }, today))
    .reduce((sum, group) => sum + group.count, 0)
  const reviewHours = arrivals.decided.map(row => (Date.parse(row.firstDecidedAt) - Date.parse(row.arrivedAt)) / HOUR_MS)
  const total = decided.approve + decided.reject + decided.return
  const rate = (n: number) => (total ? round(n / total, 4) : null)
  const middle = median(reviewHours)
  const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count
  return {
    from: query.from,
    to: query.to,
    siteId: query.siteId ?? null,
    applications,
    perDay: [...perDay].map(([date, count]) => ({ date, count })),
    perSite: [...perSite.values()].sort((a, b) => byCount(a, b) || a.siteId.localeCompare(b.siteId)),
    perAgent: perAgent.sort((a, b) => byCount(a, b) || a.agentId.localeCompare(b.agentId)),
    decisions: { total, approved: decided.approve, rejected: decided.reject, returned: decided.return },
    rates: { approval: rate(decided.approve), rejection: rate(decided.reject), return: rate(decided.return) },
    medianReviewHours: middle === null ? null : round(middle, 2),
    overdue,
    duplicatesFound,
    revisits: { due: revisitsDue, recorded: revisitOutcomes.length, reached: revisitOutcomes.filter(outcome => outcome === 'reached').length },
  }
}

// ── Daily report (顾客信息日报表) ───────────────────────────────────────────────────────

export interface DailyReportRow {
  siteId: string
  siteCode: string | null
  siteName: string | null
  agentId: string
  agentName: string | null
  newApplications: number
  /** Today's status of the day's new applications. */
  byStatus: Record<string, number>
  byCategory: Record<string, number>
}

export interface DailyReport {
  date: string
  siteId: string | null
  /** The programme's categories (code, and name in the caller's language: the export's headers), the report's category columns. */
  categories: Array<{ code: string, name: string }>
  statuses: ApplicationStatus[]
  rows: DailyReportRow[]
  totals: Omit<DailyReportRow, 'siteId' | 'siteCode' | 'siteName' | 'agentId' | 'agentName'>
}

function emptyCounts(keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map(k => [k, 0]))
}

export async function dailyReport(deps: AppDeps, actor: SessionActor, query: { date: string, siteId?: string | undefined }, locale: Locale): Promise<DailyReport> {
  const filter = filterOf(actor, query.date, query.date, query.siteId)
  const settings = await settingsInForce(deps.db)
  const categoryCodes = settings.categories.map(c => c.code)
  const arrivals = await listArrivals(deps.db, filter)
  const rows = new Map<string, DailyReportRow>()
  const totals = { newApplications: 0, byStatus: emptyCounts(SERVER_STATUSES), byCategory: emptyCounts(categoryCodes) }
  for (const arrival of arrivals) {
    const key = `${arrival.siteId}\u0000${arrival.agentId}`
    const row = rows.get(key) ?? {
      ...siteKey(arrival),
      agentId: arrival.agentId,
      agentName: arrival.agentName,
      newApplications: 0,
      byStatus: emptyCounts(SERVER_STATUSES),
      byCategory: emptyCounts(categoryCodes),
    }
    row.newApplications++
    row.byStatus[arrival.status] = (row.byStatus[arrival.status] ?? 0) + 1
    // A category since removed from the programme still counts, under its code.
    row.byCategory[arrival.category] = (row.byCategory[arrival.category] ?? 0) + 1
    rows.set(key, row)
    totals.newApplications++
    totals.byStatus[arrival.status] = (totals.byStatus[arrival.status] ?? 0) + 1
    totals.byCategory[arrival.category] = (totals.byCategory[arrival.category] ?? 0) + 1
  }
  const known = new Set(categoryCodes)
  const extra = Object.keys(totals.byCategory).filter(code => !known.has(code))
  // A category since removed still has its arrivals, under the name it last had.
  const everNamed = extra.length ? await categoryNamesEver(deps.db) : []
  return {
    date: query.date,
    siteId: query.siteId ?? null,
    categories: [
      ...settings.categories.map(c => ({ code: c.code, name: c.name[locale] })),
      ...extra.map(code => ({ code, name: categoryNames(everNamed, code, null, locale).category })),
    ],
    statuses: [...SERVER_STATUSES],
    rows: [...rows.values()].sort((a, b) => (a.siteCode ?? a.siteId).localeCompare(b.siteCode ?? b.siteId) || compareNames(a.agentName ?? a.agentId, b.agentName ?? b.agentId)),
    totals,
  }
}

const DAILY_COLUMNS: readonly LocalisedColumn[] = [
  { header: { 'zh-CN': '网点', 'en': 'Site' }, kind: 'text', width: 18 },
  { header: { 'zh-CN': '外勤专员', 'en': 'Field agent' }, kind: 'text', width: 14 },
  { header: { 'zh-CN': '新增申请', 'en': 'New applications' }, kind: 'integer', width: 10 },
]
const DAILY_TITLE: LocalisedText = { 'zh-CN': '顾客信息日报表', 'en': 'Daily report' }
const TOTAL: LocalisedText = { 'zh-CN': '合计', 'en': 'Total' }

/** The daily report as a file, in the caller's language: one row per site and agent, then a totals row. Audited as an export. */
export async function dailyReportFile(deps: AppDeps, actor: SessionActor, query: { date: string, siteId?: string | undefined }, format: ExportFormat, ip: string | null, locale: Locale): Promise<ExportFile> {
  const report = await dailyReport(deps, actor, query, locale)
  const columns: Column[] = [
    ...columnsIn(DAILY_COLUMNS, locale),
    ...report.statuses.map(s => ({ header: STATUS_LABELS[s][locale], kind: 'integer' as const, width: 10 })),
    ...report.categories.map(c => ({ header: c.name, kind: 'integer' as const, width: 12 })),
  ]
  const counts = (r: Pick<DailyReportRow, 'newApplications' | 'byStatus' | 'byCategory'>): CellValue[] => [
    r.newApplications,
    ...report.statuses.map(s => r.byStatus[s] ?? 0),
    ...report.categories.map(c => r.byCategory[c.code] ?? 0),
  ]
  const lines: CellValue[][] = [
    ...report.rows.map(r => [siteLabel(r), r.agentName ?? r.agentId, ...counts(r)]),
    [TOTAL[locale], null, ...counts(report.totals)],
  ]
  await deps.db.transaction().execute(trx => appendAudit(trx, {
    actorId: actor.id,
    action: 'export.daily_report',
    targetType: 'stats',
    ip,
    detail: { format, filters: query, rowCount: lines.length },
  }, deps.now().toISOString()))
  async function* rows(): AsyncGenerator<CellValue[]> {
    yield* lines
  }
  return {
    table: { title: DAILY_TITLE[locale], locale, columns, rows: rows() },
    format,
    fileName: locale === 'zh-CN' ? `顾客信息日报表_${report.date}` : `daily-report_${report.date}`,
    asciiFileName: `daily-report_${report.date}`,
    totalRows: lines.length,
  }
}
