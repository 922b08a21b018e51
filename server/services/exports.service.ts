import type { Application } from '#shared/application/application.schema'
import type { ApplicantType } from '#shared/application/enums'
import type { Locale, LocalisedText } from '#shared/i18n/locale'
import type { NamedCategory } from '#shared/programme/category-label'
import type { AppDeps, SessionActor } from '../context'
import type { ReadSnapshot } from '../db/read-snapshot'
import type { ExportFile, ExportFormat } from '../export/export-response'
import type { CellValue, LocalisedColumn } from '../export/table'
import type { ApplicationExportRow, ExportPageEnd } from '../repositories/application-queue.repository'
import type { MemberExportPageEnd, MemberExportRow } from '../repositories/members.repository'
import type { MemberListQuery } from './members.service'
import type { ReviewListQuery } from './review.service'
import { APPLICANT_TYPE_LABELS, PAYMENT_METHOD_LABELS } from '#shared/application/enums'
import { ID_TYPE_LABELS } from '#shared/application/vocabulary-labels'
import { todayInChina } from '#shared/dates/calendar'
import { MEMBER_FIELD_LABELS } from '#shared/members/member-fields'
import { CARD_STATUS_LABELS, MEMBER_STATUS_LABELS, memberStatusOn } from '#shared/members/member-status'
import { maskIdNumber, maskMobile, maskName } from '#shared/privacy/masking'
import { categoryNames } from '#shared/programme/category-label'
import { isOverdue } from '#shared/status/review-deadline'
import { STATUS_LABELS } from '#shared/status/status-table'
import { releasedOnce } from '../db/read-snapshot'
import { columnsIn, siteLabel, yesNo } from '../export/table'
import { fitsOneSheet, XLSX_MAX_ROWS } from '../export/xlsx-writer'
import { ApiError } from '../http/api-error'
import { countApplications, listApplicationsForExport } from '../repositories/application-queue.repository'
import { appendAudit } from '../repositories/audit.repository'
import { countMembers, listMembersForExport } from '../repositories/members.repository'
import { categoryNamesEver } from '../repositories/programme.repository'
import { openApplication } from './application-codec'
import { memberFilterOf } from './members.service'
import { reviewFilterOf } from './review.service'

/**
 * Exports of the review queue and of the members list (DESIGN.md §8), with the same
 * filters and the same row-level scope as the screens. Masked by default (names, ID
 * numbers, mobiles, as in lists); full values only for supervisors (`full=true`; anyone
 * else 403 `export.full_forbidden`). Every export, masked or full, is written to the audit
 * log with its filters and row count before the first row leaves. Rows are read a page at
 * a time as the file is sent, all from one read snapshot taken before the count: the file
 * holds the rows as they were when the export began, each once, exactly `X-Total-Rows` of
 * them, whatever is pushed or decided while it downloads.
 */

const PAGE = 500

/**
 * Exports running at once in this process. Each holds a read snapshot (on PostgreSQL one of
 * the pool's connections) until its download ends; past this, 503 `export.busy`.
 */
export const MAX_CONCURRENT_EXPORTS = 4
let runningExports = 0

/** A read snapshot for one export, counted against the limit until released. */
async function exportSnapshot(deps: AppDeps): Promise<ReadSnapshot> {
  if (runningExports >= MAX_CONCURRENT_EXPORTS)
    throw new ApiError(503, 'export.busy', { params: { max: MAX_CONCURRENT_EXPORTS } })
  runningExports++
  try {
    const snapshot = await deps.readSnapshot()
    return {
      db: snapshot.db,
      release: releasedOnce(async () => {
        runningExports--
        await snapshot.release()
      }),
    }
  }
  catch (error) {
    runningExports--
    throw error
  }
}

/**
 * Runs `prepare` (count, audit) inside the snapshot, then hands back the snapshot the file's
 * rows are read from; the response body releases it when it is done with them
 * (ExportFile.release), or it is released at once if `prepare` fails.
 */
async function inSnapshot<T>(deps: AppDeps, prepare: (snapshot: ReadSnapshot) => Promise<T>): Promise<{ snapshot: ReadSnapshot, prepared: T }> {
  const snapshot = await exportSnapshot(deps)
  try {
    return { snapshot, prepared: await prepare(snapshot) }
  }
  catch (error) {
    await snapshot.release()
    throw error
  }
}

export interface ExportOptions {
  format: ExportFormat
  full: boolean
  /** The reader's language: headers, words in the cells, sheet and file name. */
  locale: Locale
}

function checkFull(actor: SessionActor, full: boolean): void {
  if (full && actor.role !== 'supervisor')
    throw new ApiError(403, 'export.full_forbidden')
}

/** An XLSX the filters make longer than a sheet is refused before anything is written or audited. */
function checkSheetSize(format: ExportFormat, rows: number): void {
  if (format === 'xlsx' && !fitsOneSheet(rows))
    throw new ApiError(422, 'export.too_many_rows', { params: { rows, max: XLSX_MAX_ROWS - 1 } })
}

/** The category and level columns, named as the programme names them, in the reader's language. */
function categoryCells(categories: readonly NamedCategory[], category: string, level: string | null | undefined, locale: Locale): [string, string | null] {
  const names = categoryNames(categories, category, level, locale)
  return [names.category, names.level]
}

/** What an export shows of a record whose personal data was destroyed at the end of its retention period. */
const PURGED: LocalisedText = { 'zh-CN': '（个人信息已到期销毁）', 'en': '(personal data destroyed at the end of retention)' }
const USCC: LocalisedText = { 'zh-CN': '统一社会信用代码', 'en': 'Unified social credit code' }

/** The applicant's identity as the export shows it: name, document type and number, mobile. */
function identityCells(app: Application | null, full: boolean, locale: Locale): [string, string | null, string | null, string | null] {
  if (!app)
    return [PURGED[locale], null, null, null]
  if (app.applicantType === 'organisation') {
    // The USCC is a public registration number; the contact's mobile is personal data.
    const mobile = app.organisation.contact.mobile
    return [app.organisation.name, USCC[locale], app.organisation.uscc, full ? mobile : maskMobile(mobile)]
  }
  const p = app.person
  return [
    full ? p.name : maskName(p.name),
    ID_TYPE_LABELS[p.idType][locale],
    full ? p.idNumber : maskIdNumber(p.idNumber),
    full ? p.mobile : maskMobile(p.mobile),
  ]
}

/** Who applied, under which category, and where: the same eight columns in both exports. */
const APPLICANT_COLUMNS: readonly LocalisedColumn[] = [
  { header: { 'zh-CN': '申请人类型', 'en': 'Applicant type' }, kind: 'text', width: 10 },
  { header: { 'zh-CN': '会员类别', 'en': 'Category' }, kind: 'text', width: 12 },
  { header: { 'zh-CN': '会员等级', 'en': 'Level' }, kind: 'text', width: 10 },
  { header: { 'zh-CN': '姓名/单位名称', 'en': 'Name / organisation' }, kind: 'text', width: 20 },
  { header: { 'zh-CN': '证件类型', 'en': 'Document type' }, kind: 'text', width: 16 },
  { header: { 'zh-CN': '证件号码', 'en': 'Document number' }, kind: 'code', width: 22 },
  { header: { 'zh-CN': '手机号码', 'en': 'Mobile' }, kind: 'code', width: 14 },
  { header: { 'zh-CN': '网点', 'en': 'Site' }, kind: 'text', width: 16 },
]

function applicantCells(row: { applicantType: string, category: string, siteCode: string | null, siteName: string | null, siteId: string }, app: Application | null, level: string | null | undefined, categories: readonly NamedCategory[], options: ExportOptions): CellValue[] {
  return [
    APPLICANT_TYPE_LABELS[row.applicantType as ApplicantType][options.locale],
    ...categoryCells(categories, row.category, level, options.locale),
    ...identityCells(app, options.full, options.locale),
    siteLabel(row),
  ]
}

/** Yields at most `limit` rows. */
async function* capped<T>(rows: AsyncIterable<T>, limit: number): AsyncGenerator<T> {
  if (limit <= 0)
    return
  let n = 0
  for await (const row of rows) {
    yield row
    if (++n >= limit)
      return
  }
}

// ── Applications ────────────────────────────────────────────────────────────────────────

/** The sheet's name; the file is named after it (`入会申请_2026-11-23.xlsx`, `applications_2026-11-23.xlsx`). */
const APPLICATIONS_TITLE: LocalisedText = { 'zh-CN': '入会申请', 'en': 'Applications' }

export const APPLICATION_EXPORT_COLUMNS: readonly LocalisedColumn[] = [
  { header: { 'zh-CN': '回执编号', 'en': 'Receipt number' }, kind: 'code', width: 22 },
  { header: { 'zh-CN': '申请状态', 'en': 'Status' }, kind: 'text', width: 10 },
  ...APPLICANT_COLUMNS,
  { header: { 'zh-CN': '外勤专员', 'en': 'Field agent' }, kind: 'text', width: 12 },
  { header: { 'zh-CN': '采集时间', 'en': 'Captured at' }, kind: 'datetime', width: 20 },
  { header: { 'zh-CN': '提交时间', 'en': 'Submitted at' }, kind: 'datetime', width: 20 },
  { header: { 'zh-CN': '审核期限', 'en': 'Review due' }, kind: 'date', width: 12 },
  { header: { 'zh-CN': '是否逾期', 'en': 'Overdue' }, kind: 'boolean', width: 10 },
  { header: { 'zh-CN': '疑似重复', 'en': 'Possible duplicates' }, kind: 'integer', width: 10 },
  { header: { 'zh-CN': '入会费（元）', 'en': 'Fee (yuan)' }, kind: 'yuan', width: 12 },
  { header: { 'zh-CN': '缴费方式', 'en': 'Payment method' }, kind: 'text', width: 10 },
  { header: { 'zh-CN': '收据号', 'en': 'Receipt no.' }, kind: 'code', width: 16 },
  { header: { 'zh-CN': '会员编号', 'en': 'Member number' }, kind: 'code', width: 14 },
]

function applicationCells(row: ApplicationExportRow, app: Application | null, categories: readonly NamedCategory[], today: string, options: ExportOptions): CellValue[] {
  const { locale } = options
  return [
    row.receiptNo,
    STATUS_LABELS[row.status][locale],
    ...applicantCells(row, app, app?.level, categories, options),
    row.agentName ?? row.agentId,
    row.capturedAt,
    row.submittedAt,
    row.reviewDueAt,
    isOverdue(row, today),
    row.duplicateCandidates,
    app?.payment?.amountFen ?? null,
    app?.payment ? PAYMENT_METHOD_LABELS[app.payment.method][locale] : null,
    app?.payment?.receiptNo ?? null,
    row.memberNo,
  ]
}

export type ApplicationExportQuery = Omit<ReviewListQuery, 'page' | 'pageSize'>

export async function exportApplications(deps: AppDeps, actor: SessionActor, query: ApplicationExportQuery, options: ExportOptions, ip: string | null): Promise<ExportFile> {
  checkFull(actor, options.full)
  const now = deps.now()
  const today = todayInChina(now)
  const filter = reviewFilterOf(actor, query, today)
  const { snapshot, prepared: { categories, total } } = await inSnapshot(deps, async ({ db }) => {
    const categories = await categoryNamesEver(db)
    const total = await countApplications(db, filter)
    checkSheetSize(options.format, total)
    await appendAudit(deps.db, { actorId: actor.id, action: 'export.applications', targetType: 'application', ip, detail: { format: options.format, full: options.full, filters: query, rowCount: total } }, now.toISOString())
    return { categories, total }
  })
  async function* rows(): AsyncGenerator<CellValue[]> {
    let after: ExportPageEnd | null = null
    for (;;) {
      const page = await listApplicationsForExport(snapshot.db, filter, { sort: query.sort, direction: query.order }, after, PAGE)
      for (const row of page)
        yield applicationCells(row, row.purgedAt ? null : openApplication(row.data, deps.cipher), categories, today, options)
      if (page.length < PAGE)
        return
      const last = page.at(-1)!
      after = { sortKey: last.sortKey, sortRank: last.sortRank, id: last.id }
    }
  }
  return {
    table: { title: APPLICATIONS_TITLE[options.locale], locale: options.locale, columns: columnsIn(APPLICATION_EXPORT_COLUMNS, options.locale), rows: capped(rows(), total) },
    format: options.format,
    fileName: options.locale === 'zh-CN' ? `入会申请_${today}` : `applications_${today}`,
    asciiFileName: `applications_${today}`,
    totalRows: total,
    release: snapshot.release,
  }
}

// ── Members ─────────────────────────────────────────────────────────────────────────────

const MEMBERS_TITLE: LocalisedText = { 'zh-CN': '会员', 'en': 'Members' }

export const MEMBER_EXPORT_COLUMNS: readonly LocalisedColumn[] = [
  { header: { 'zh-CN': '会员编号', 'en': 'Member number' }, kind: 'code', width: 14 },
  { header: MEMBER_FIELD_LABELS.status, kind: 'text', width: 10 },
  { header: MEMBER_FIELD_LABELS.cardStatus, kind: 'text', width: 12 },
  { header: MEMBER_FIELD_LABELS.cardNo, kind: 'code', width: 16 },
  ...APPLICANT_COLUMNS,
  { header: MEMBER_FIELD_LABELS.validFrom, kind: 'date', width: 12 },
  { header: MEMBER_FIELD_LABELS.validUntil, kind: 'date', width: 12 },
  { header: MEMBER_FIELD_LABELS.revisitDue, kind: 'date', width: 12 },
  { header: { 'zh-CN': '接收营销信息', 'en': 'Marketing consent' }, kind: 'text', width: 12 },
  { header: { 'zh-CN': '入会时间', 'en': 'Joined at' }, kind: 'datetime', width: 20 },
]

function memberCells(row: MemberExportRow, app: Application | null, categories: readonly NamedCategory[], today: string, options: ExportOptions): CellValue[] {
  const { locale } = options
  return [
    row.memberNo,
    MEMBER_STATUS_LABELS[memberStatusOn(row, today)][locale],
    CARD_STATUS_LABELS[row.cardStatus][locale],
    row.cardNo,
    ...applicantCells(row, app, row.level, categories, options),
    row.validFrom,
    row.validUntil,
    row.revisitDue,
    row.purgedAt ? null : yesNo(row.marketing, locale),
    row.createdAt,
  ]
}

export type MemberExportQuery = Pick<MemberListQuery, 'q' | 'status' | 'siteId' | 'category' | 'level' | 'revisitDue' | 'marketing'>

export async function exportMembers(deps: AppDeps, actor: SessionActor, query: MemberExportQuery, options: ExportOptions, ip: string | null): Promise<ExportFile> {
  checkFull(actor, options.full)
  const now = deps.now()
  const filter = memberFilterOf(deps, actor, query)
  const { snapshot, prepared: { categories, total } } = await inSnapshot(deps, async ({ db }) => {
    const categories = await categoryNamesEver(db)
    const total = await countMembers(db, filter)
    checkSheetSize(options.format, total)
    // The search text may be a mobile or an ID number: the log keeps only whether there was one.
    const filters = { ...query, ...(query.q !== undefined ? { q: '(search)' } : {}) }
    await appendAudit(deps.db, { actorId: actor.id, action: 'export.members', targetType: 'member', ip, detail: { format: options.format, full: options.full, filters, rowCount: total } }, now.toISOString())
    return { categories, total }
  })
  async function* rows(): AsyncGenerator<CellValue[]> {
    let after: MemberExportPageEnd | null = null
    for (;;) {
      const page = await listMembersForExport(snapshot.db, filter, after, PAGE)
      for (const row of page)
        yield memberCells(row, row.purgedAt ? null : openApplication(row.data, deps.cipher), categories, filter.today, options)
      if (page.length < PAGE)
        return
      const last = page.at(-1)!
      after = { memberNo: last.memberNo, revisitDue: last.revisitDue }
    }
  }
  return {
    table: { title: MEMBERS_TITLE[options.locale], locale: options.locale, columns: columnsIn(MEMBER_EXPORT_COLUMNS, options.locale), rows: capped(rows(), total) },
    format: options.format,
    fileName: options.locale === 'zh-CN' ? `会员_${filter.today}` : `members_${filter.today}`,
    asciiFileName: `members_${filter.today}`,
    totalRows: total,
    release: snapshot.release,
  }
}
