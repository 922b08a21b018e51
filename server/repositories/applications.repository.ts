import type { ValidationIssue } from '#shared/errors/issue'
import type { ReturnItem } from '#shared/status/review-decisions'
import type { ApplicationStatus } from '#shared/status/status-table'
import type { Expression, ExpressionBuilder, Selectable, SqlBool } from 'kysely'
import type { ApplicationTable, Database } from '../db/schema'
import type { Executor } from './types'
import { sql } from 'kysely'

/** Applications, their versions, status events and attachment links. */

export interface StoredApplication {
  id: string
  receiptNo: string
  version: number
  status: ApplicationStatus
  applicantType: string
  category: string
  siteId: string
  agentId: string
  deviceId: string
  formVersion: number
  /** Sealed JSON (identity numbers encrypted): open with application-codec. */
  data: string
  displayName: string
  mobile: string
  idNumberHmac: string | null
  warnings: ValidationIssue[]
  attachmentsComplete: boolean
  capturedAt: string
  submittedAt: string
  updatedAt: string
  reviewDueAt: string
  reviewerId: string | null
  rejectReason: string | null
  decisionNote: string | null
  returnItems: ReturnItem[] | null
  memberId: string | null
}

export function toStoredApplication(row: Selectable<ApplicationTable>): StoredApplication {
  return {
    id: row.id,
    receiptNo: row.receipt_no,
    version: Number(row.version),
    status: row.status as ApplicationStatus,
    applicantType: row.applicant_type,
    category: row.category,
    siteId: row.site_id,
    agentId: row.agent_id,
    deviceId: row.device_id,
    formVersion: Number(row.form_version),
    data: row.data,
    displayName: row.display_name,
    mobile: row.mobile,
    idNumberHmac: row.id_number_hmac,
    warnings: JSON.parse(row.warnings) as ValidationIssue[],
    attachmentsComplete: Number(row.attachments_complete) === 1,
    capturedAt: row.captured_at,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    reviewDueAt: row.review_due_at,
    reviewerId: row.reviewer_id,
    rejectReason: row.reject_reason,
    decisionNote: row.decision_note,
    returnItems: row.return_items ? JSON.parse(row.return_items) as ReturnItem[] : null,
    memberId: row.member_id,
  }
}

function toRow(a: StoredApplication): Selectable<ApplicationTable> {
  return {
    id: a.id,
    receipt_no: a.receiptNo,
    version: a.version,
    status: a.status,
    applicant_type: a.applicantType,
    category: a.category,
    site_id: a.siteId,
    agent_id: a.agentId,
    device_id: a.deviceId,
    form_version: a.formVersion,
    data: a.data,
    display_name: a.displayName,
    mobile: a.mobile,
    id_number_hmac: a.idNumberHmac,
    warnings: JSON.stringify(a.warnings),
    attachments_complete: a.attachmentsComplete ? 1 : 0,
    captured_at: a.capturedAt,
    submitted_at: a.submittedAt,
    updated_at: a.updatedAt,
    review_due_at: a.reviewDueAt,
    reviewer_id: a.reviewerId,
    reject_reason: a.rejectReason,
    decision_note: a.decisionNote,
    return_items: a.returnItems ? JSON.stringify(a.returnItems) : null,
    member_id: a.memberId,
  }
}

export async function findApplication(db: Executor, id: string): Promise<StoredApplication | undefined> {
  const row = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toStoredApplication(row)
}

/** Rows per multi-row insert: far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK))
  return out
}

export async function insertApplications(db: Executor, applications: readonly StoredApplication[]): Promise<void> {
  for (const part of chunks(applications))
    await db.insertInto('applications').values(part.map(toRow)).execute()
}

export async function insertApplication(db: Executor, application: StoredApplication): Promise<void> {
  await insertApplications(db, [application])
}

/** Those of `ids` that exist already. */
export async function existingApplicationIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length)
    return new Set()
  const rows = await db.selectFrom('applications').select('id').where('id', 'in', [...new Set(ids)]).execute()
  return new Set(rows.map(r => r.id))
}

/** Those of `receiptNos` that another application has already. */
export async function takenReceiptNumbers(db: Executor, receiptNos: readonly string[]): Promise<Set<string>> {
  if (!receiptNos.length)
    return new Set()
  const rows = await db.selectFrom('applications').select('receipt_no').where('receipt_no', 'in', [...new Set(receiptNos)]).execute()
  return new Set(rows.map(r => r.receipt_no))
}

/**
 * Writes a new state of the application if it is still at `expectedVersion` (optimistic
 * concurrency). Answers false when someone else changed it first.
 */
export async function updateApplication(db: Executor, application: StoredApplication, expectedVersion: number): Promise<boolean> {
  const { id: _id, ...rest } = toRow(application)
  const result = await db.updateTable('applications').set(rest).where('id', '=', application.id).where('version', '=', expectedVersion).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export interface NewApplicationVersion { applicationId: string, version: number, status: string, data: string, mutationId: string | null, actorId: string, deviceTime: string | null, serverTime: string }

export async function insertApplicationVersions(db: Executor, versions: readonly NewApplicationVersion[]): Promise<void> {
  for (const part of chunks(versions)) {
    await db.insertInto('application_versions').values(part.map(v => ({
      application_id: v.applicationId,
      version: v.version,
      status: v.status,
      data: v.data,
      mutation_id: v.mutationId,
      actor_id: v.actorId,
      device_time: v.deviceTime,
      server_time: v.serverTime,
    }))).execute()
  }
}

export async function insertApplicationVersion(db: Executor, version: NewApplicationVersion): Promise<void> {
  await insertApplicationVersions(db, [version])
}

export interface NewApplicationEvent { applicationId: string, version: number, action: string, from: string, to: string, actorId: string, at: string, reason?: string | null, note?: string | null, items?: ReturnItem[] | null }

export async function insertApplicationEvents(db: Executor, events: readonly NewApplicationEvent[]): Promise<void> {
  for (const part of chunks(events)) {
    await db.insertInto('application_events').values(part.map(e => ({
      application_id: e.applicationId,
      version: e.version,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      actor_id: e.actorId,
      at: e.at,
      reason: e.reason ?? null,
      note: e.note ?? null,
      items: e.items ? JSON.stringify(e.items) : null,
    }))).execute()
  }
}

export async function insertApplicationEvent(db: Executor, event: NewApplicationEvent): Promise<void> {
  await insertApplicationEvents(db, [event])
}

export interface AttachmentLink { applicationId: string, id: string, sha256: string, kind: string }

export async function insertAttachmentLinks(db: Executor, links: readonly AttachmentLink[]): Promise<void> {
  for (const part of chunks(links))
    await db.insertInto('application_attachments').values(part.map(a => ({ application_id: a.applicationId, attachment_id: a.id, sha256: a.sha256, kind: a.kind }))).execute()
}

/** Replaces the attachment links of an application with those its current version names (`isNew`: there are none yet). */
export async function replaceAttachmentLinks(db: Executor, applicationId: string, attachments: readonly { id: string, sha256: string, kind: string }[], isNew = false): Promise<void> {
  if (!isNew)
    await db.deleteFrom('application_attachments').where('application_id', '=', applicationId).execute()
  await insertAttachmentLinks(db, attachments.map(a => ({ applicationId, ...a })))
}

/** Those of `hashes` that have not been uploaded yet. */
export async function missingAttachmentHashes(db: Executor, hashes: readonly string[]): Promise<string[]> {
  const unique = [...new Set(hashes)]
  if (!unique.length)
    return []
  const present = await db.selectFrom('attachments').select('sha256').where('sha256', 'in', unique).execute()
  const have = new Set(present.map(p => p.sha256))
  return unique.filter(h => !have.has(h))
}

export async function memberNumberOf(db: Executor, memberId: string | null): Promise<string | null> {
  if (!memberId)
    return null
  const row = await db.selectFrom('members').select('member_no').where('id', '=', memberId).executeTakeFirst()
  return row?.member_no ?? null
}

// ── Review: the queue, status history and versions ──────────────────────────────────────

/** Which sites' records a staff member may see: every site (supervisors) or their own. */
export type SiteScope = { kind: 'all' } | { kind: 'sites', siteIds: readonly string[] }

export interface ApplicationListFilter {
  scope: SiteScope
  statuses?: readonly ApplicationStatus[]
  siteId?: string
  agentId?: string
  /** Submitted at or after this instant (ISO). */
  submittedFrom?: string
  /** Submitted before this instant (ISO). */
  submittedBefore?: string
  /** Overdue (true) or not (false) on `today`: due before it while awaiting review. */
  overdue?: { value: boolean, today: string, awaitingStatuses: readonly ApplicationStatus[] }
  /** Has (true) or has no (false) unresolved duplicate candidate. */
  hasDuplicates?: boolean
  /** Some named attachment has not arrived (true), or all have (false). */
  incomplete?: boolean
}

export const APPLICATION_SORT_COLUMNS = {
  submittedAt: 'submitted_at',
  reviewDueAt: 'review_due_at',
  receiptNo: 'receipt_no',
} as const

export interface ApplicationListOrder {
  sort: keyof typeof APPLICATION_SORT_COLUMNS
  direction: 'asc' | 'desc'
  offset: number
  limit: number
}

/** A row of the review queue: columns only, never the sealed data. */
export interface ApplicationListRow {
  id: string
  receiptNo: string
  status: ApplicationStatus
  applicantType: string
  category: string
  siteId: string
  agentId: string
  submittedAt: string
  reviewDueAt: string
  attachmentsComplete: boolean
  duplicateCandidates: number
  version: number
  displayName: string
  mobile: string
}

function unresolvedCandidates(eb: ExpressionBuilder<Database, 'applications'>) {
  return eb.selectFrom('duplicate_candidates')
    .whereRef('duplicate_candidates.application_id', '=', 'applications.id')
    .where('duplicate_candidates.resolution', 'is', null)
}

/** The columns a queue row shows, shared by the queue's page and the export's. */
const LIST_COLUMNS = [
  'applications.id',
  'applications.receipt_no',
  'applications.status',
  'applications.applicant_type',
  'applications.category',
  'applications.site_id',
  'applications.agent_id',
  'applications.submitted_at',
  'applications.review_due_at',
  'applications.attachments_complete',
  'applications.version',
  'applications.display_name',
  'applications.mobile',
] as const

interface ListColumns {
  id: string
  receipt_no: string
  status: string
  applicant_type: string
  category: string
  site_id: string
  agent_id: string
  submitted_at: string
  review_due_at: string
  attachments_complete: number
  version: number
  display_name: string
  mobile: string
  duplicate_count: number | null
}

function listRowOf(r: ListColumns): ApplicationListRow {
  return {
    id: r.id,
    receiptNo: r.receipt_no,
    status: r.status as ApplicationStatus,
    applicantType: r.applicant_type,
    category: r.category,
    siteId: r.site_id,
    agentId: r.agent_id,
    submittedAt: r.submitted_at,
    reviewDueAt: r.review_due_at,
    attachmentsComplete: Number(r.attachments_complete) === 1,
    duplicateCandidates: Number(r.duplicate_count ?? 0),
    version: Number(r.version),
    displayName: r.display_name,
    mobile: r.mobile,
  }
}

function applicationFilter(filter: ApplicationListFilter) {
  return (eb: ExpressionBuilder<Database, 'applications'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = []
    if (filter.scope.kind === 'sites')
      conditions.push(filter.scope.siteIds.length ? eb('applications.site_id', 'in', filter.scope.siteIds) : sql<SqlBool>`1 = 0`)
    if (filter.statuses?.length)
      conditions.push(eb('applications.status', 'in', filter.statuses))
    if (filter.siteId !== undefined)
      conditions.push(eb('applications.site_id', '=', filter.siteId))
    if (filter.agentId !== undefined)
      conditions.push(eb('applications.agent_id', '=', filter.agentId))
    if (filter.submittedFrom !== undefined)
      conditions.push(eb('applications.submitted_at', '>=', filter.submittedFrom))
    if (filter.submittedBefore !== undefined)
      conditions.push(eb('applications.submitted_at', '<', filter.submittedBefore))
    if (filter.overdue) {
      const overdue = eb.and([
        eb('applications.status', 'in', filter.overdue.awaitingStatuses),
        eb('applications.review_due_at', '<', filter.overdue.today),
      ])
      conditions.push(filter.overdue.value ? overdue : eb.not(overdue))
    }
    if (filter.hasDuplicates !== undefined) {
      const has = eb.exists(unresolvedCandidates(eb).select(sql.lit(1).as('one')))
      conditions.push(filter.hasDuplicates ? has : eb.not(has))
    }
    if (filter.incomplete !== undefined)
      conditions.push(eb('applications.attachments_complete', '=', filter.incomplete ? 0 : 1))
    return eb.and(conditions)
  }
}

/** One page of the review queue and the number of rows the filter matches. */
export async function listApplications(db: Executor, filter: ApplicationListFilter, order: ApplicationListOrder): Promise<{ rows: ApplicationListRow[], total: number }> {
  const where = applicationFilter(filter)
  const counted = await db.selectFrom('applications').select(eb => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow()
  const rows = await db.selectFrom('applications')
    .select(LIST_COLUMNS)
    .select(eb => unresolvedCandidates(eb).select(eb.fn.countAll<number>().as('n')).as('duplicate_count'))
    .where(where)
    .orderBy(APPLICATION_SORT_COLUMNS[order.sort], order.direction)
    .orderBy('id', order.direction)
    .limit(order.limit)
    .offset(order.offset)
    .execute()
  return {
    total: Number(counted.n),
    rows: rows.map(listRowOf),
  }
}

export interface ApplicationEventRecord {
  version: number
  action: string
  from: ApplicationStatus
  to: ApplicationStatus
  actorId: string
  actorName: string | null
  at: string
  reason: string | null
  note: string | null
  items: ReturnItem[] | null
}

/** Every status change of the application, oldest first, with who made it. */
export async function listApplicationEvents(db: Executor, applicationId: string): Promise<ApplicationEventRecord[]> {
  const rows = await db.selectFrom('application_events')
    .leftJoin('staff', 'staff.id', 'application_events.actor_id')
    .select(['application_events.version', 'action', 'from_status', 'to_status', 'actor_id', 'staff.display_name', 'at', 'reason', 'note', 'items'])
    .where('application_id', '=', applicationId)
    .orderBy('application_events.id')
    .execute()
  return rows.map(r => ({
    version: Number(r.version),
    action: r.action,
    from: r.from_status as ApplicationStatus,
    to: r.to_status as ApplicationStatus,
    actorId: r.actor_id,
    actorName: r.display_name,
    at: r.at,
    reason: r.reason,
    note: r.note,
    items: r.items ? JSON.parse(r.items) as ReturnItem[] : null,
  }))
}

export interface ApplicationVersionRecord {
  version: number
  status: ApplicationStatus
  serverTime: string
  deviceTime: string | null
  actorId: string
  actorName: string | null
  mutationId: string | null
}

function toVersionRecord(r: { version: number, status: string, server_time: string, device_time: string | null, actor_id: string, display_name: string | null, mutation_id: string | null }): ApplicationVersionRecord {
  return {
    version: Number(r.version),
    status: r.status as ApplicationStatus,
    serverTime: r.server_time,
    deviceTime: r.device_time,
    actorId: r.actor_id,
    actorName: r.display_name,
    mutationId: r.mutation_id,
  }
}

const VERSION_COLUMNS = ['application_versions.version', 'application_versions.status', 'server_time', 'device_time', 'actor_id', 'staff.display_name', 'mutation_id'] as const

/** Every stored version of the application, oldest first, without their content. */
export async function listApplicationVersions(db: Executor, applicationId: string): Promise<ApplicationVersionRecord[]> {
  const rows = await db.selectFrom('application_versions')
    .leftJoin('staff', 'staff.id', 'application_versions.actor_id')
    .select(VERSION_COLUMNS)
    .where('application_id', '=', applicationId)
    .orderBy('application_versions.version')
    .execute()
  return rows.map(toVersionRecord)
}

/** One stored version with its sealed content (open it with application-codec). */
export async function findApplicationVersion(db: Executor, applicationId: string, version: number): Promise<(ApplicationVersionRecord & { data: string }) | undefined> {
  const row = await db.selectFrom('application_versions')
    .leftJoin('staff', 'staff.id', 'application_versions.actor_id')
    .select([...VERSION_COLUMNS, 'data'])
    .where('application_id', '=', applicationId)
    .where('application_versions.version', '=', version)
    .executeTakeFirst()
  return row && { ...toVersionRecord(row), data: row.data }
}

// ── Exports ─────────────────────────────────────────────────────────────────────────────

/** A row of an applications export: the queue's columns, the sealed data, and names of site, agent and member. */
export interface ApplicationExportRow extends ApplicationListRow {
  data: string
  capturedAt: string
  siteCode: string | null
  siteName: string | null
  agentName: string | null
  memberNo: string | null
  /** The sort column's value, for the next page's key. */
  sortKey: string
}

export async function countApplications(db: Executor, filter: ApplicationListFilter): Promise<number> {
  const row = await db.selectFrom('applications').select(eb => eb.fn.countAll<number>().as('n')).where(applicationFilter(filter)).executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * The applications `filter` matches in the queue's order, after the row `after` (its sort
 * key and id: keyset paging, so each page is an index range and none is skipped or
 * repeated as the export walks through them), `limit` at a time.
 */
export async function listApplicationsForExport(db: Executor, filter: ApplicationListFilter, order: Pick<ApplicationListOrder, 'sort' | 'direction'>, after: { sortKey: string, id: string } | null, limit: number): Promise<ApplicationExportRow[]> {
  const column = `applications.${APPLICATION_SORT_COLUMNS[order.sort]}` as const
  const where = applicationFilter(filter)
  const beyond = order.direction === 'asc' ? '>' : '<'
  const rows = await db.selectFrom('applications')
    .leftJoin('sites', 'sites.id', 'applications.site_id')
    .leftJoin('staff', 'staff.id', 'applications.agent_id')
    .leftJoin('members', 'members.id', 'applications.member_id')
    .select(LIST_COLUMNS)
    .select([
      'applications.captured_at',
      'applications.data',
      'sites.code as site_code',
      'sites.name as site_name',
      'staff.display_name as agent_name',
      'members.member_no',
    ])
    .select(eb => eb.ref(column).as('sort_key'))
    .select(eb => unresolvedCandidates(eb as unknown as ExpressionBuilder<Database, 'applications'>).select(eb.fn.countAll<number>().as('n')).as('duplicate_count'))
    .where(eb => where(eb as unknown as ExpressionBuilder<Database, 'applications'>))
    .$if(after !== null, qb => qb.where(eb => eb.or([
      eb(column, beyond, after!.sortKey),
      eb.and([eb(column, '=', after!.sortKey), eb('applications.id', beyond, after!.id)]),
    ])))
    .orderBy(column, order.direction)
    .orderBy('applications.id', order.direction)
    .limit(limit)
    .execute()
  return rows.map(r => ({
    ...listRowOf(r),
    capturedAt: r.captured_at,
    data: r.data,
    siteCode: r.site_code,
    siteName: r.site_name,
    agentName: r.agent_name,
    memberNo: r.member_no,
    sortKey: String(r.sort_key),
  }))
}
