import type { ApplicationStatus } from '#shared/status/status-table'
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { Database } from '../db/schema'
import type { Executor } from './types'
import { CANDIDATE_PENDING_STATUSES } from '#shared/dedup/candidate-pending'
import { AWAITING_REVIEW_STATUSES } from '#shared/status/review-deadline'
import { sql } from 'kysely'

/** The review queue and the applications export: filters, sorting and paging over the applications' columns. */

/** Which sites' records a staff member may see: every site (supervisors) or their own. */
export type SiteScope = { kind: 'all' } | { kind: 'sites', siteIds: readonly string[] }

export interface ApplicationListFilter {
  scope: SiteScope
  statuses?: readonly ApplicationStatus[]
  siteId?: string
  agentId?: string
  /**
   * First submitted (reached the server: `arrived_at`) at or after this instant (ISO). The
   * statistics count an application on that day too, so a range gives the same applications
   * in both; a resubmission moves `submitted_at`, never this.
   */
  submittedFrom?: string
  /** First submitted before this instant (ISO). */
  submittedBefore?: string
  /** Overdue (true) or not (false) on `today`: due before it while awaiting review. */
  overdue?: { value: boolean, today: string }
  /** Has (true) or has no (false) duplicate candidate waiting for a verdict (unresolved, on an open application). */
  hasDuplicates?: boolean
  /** Some named attachment has not arrived (true), or all have (false). */
  incomplete?: boolean
}

/**
 * 0 for an application awaiting review (AWAITING_REVIEW_STATUSES), 1 otherwise: the first
 * key of the deadline order, so that what awaits review comes first whichever way the
 * deadlines run, and with the deadline the overdue filter's range. Written exactly as the
 * index `applications_queue_due` is (migration 2026-12-13T0900), literals and all: SQLite
 * and PostgreSQL use an expression index only for the same expression, and a bound
 * parameter is not one.
 */
export const AWAITING_RANK_SQL = `(case when applications.status in (${AWAITING_REVIEW_STATUSES.map(status => `'${status}'`).join(', ')}) then 0 else 1 end)`
const awaitingRank = sql<number>`${sql.raw(AWAITING_RANK_SQL)}`

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
  /** The site's code and name (null only if the site row is gone). */
  siteCode: string | null
  siteName: string | null
  agentId: string
  /** The agent's display name (null only if the staff row is gone). */
  agentName: string | null
  /** The last submission (a resubmission moves it): the queue's order. */
  submittedAt: string
  /** When it first reached the server: what the date filter and the statistics go by. */
  arrivedAt: string
  reviewDueAt: string
  attachmentsComplete: boolean
  duplicateCandidates: number
  version: number
  displayName: string
  mobile: string
}

/** Candidates still waiting for a verdict (shared candidatePending): unresolved, on an application still open. */
function unresolvedCandidates(eb: ExpressionBuilder<Database, 'applications'>) {
  return eb.selectFrom('duplicate_candidates')
    .whereRef('duplicate_candidates.application_id', '=', 'applications.id')
    .where('duplicate_candidates.resolution', 'is', null)
    .where('applications.status', 'in', CANDIDATE_PENDING_STATUSES)
}

/** Applications with their site and agent, whose names a queue row shows instead of ids. */
function withNames(db: Executor) {
  return db.selectFrom('applications')
    .leftJoin('sites', 'sites.id', 'applications.site_id')
    .leftJoin('staff', 'staff.id', 'applications.agent_id')
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
  'applications.arrived_at',
  'applications.review_due_at',
  'applications.attachments_complete',
  'applications.version',
  'applications.display_name',
  'applications.mobile',
  'sites.code as site_code',
  'sites.name as site_name',
  'staff.display_name as agent_name',
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
  arrived_at: string | null
  review_due_at: string
  attachments_complete: number
  version: number
  display_name: string
  mobile: string
  site_code: string | null
  site_name: string | null
  agent_name: string | null
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
    siteCode: r.site_code,
    siteName: r.site_name,
    agentId: r.agent_id,
    agentName: r.agent_name,
    submittedAt: r.submitted_at,
    arrivedAt: r.arrived_at ?? r.submitted_at,
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
      conditions.push(eb('applications.arrived_at', '>=', filter.submittedFrom))
    if (filter.submittedBefore !== undefined)
      conditions.push(eb('applications.arrived_at', '<', filter.submittedBefore))
    if (filter.overdue) {
      const overdue = eb.and([
        eb(awaitingRank, '=', sql.lit(0)),
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
  const rows = await withNames(db)
    .select(LIST_COLUMNS)
    .select(eb => unresolvedCandidates(eb as unknown as ExpressionBuilder<Database, 'applications'>).select(eb.fn.countAll<number>().as('n')).as('duplicate_count'))
    .where(eb => where(eb as unknown as ExpressionBuilder<Database, 'applications'>))
    .$if(order.sort === 'reviewDueAt', qb => qb.orderBy(awaitingRank))
    .orderBy(`applications.${APPLICATION_SORT_COLUMNS[order.sort]}`, order.direction)
    .orderBy('applications.id', order.direction)
    .limit(order.limit)
    .offset(order.offset)
    .execute()
  return {
    total: Number(counted.n),
    rows: rows.map(listRowOf),
  }
}

/** A row of an applications export: the queue's columns, the sealed data and the member number. */
export interface ApplicationExportRow extends ApplicationListRow {
  data: string
  /** Set when its personal data was destroyed (retention): `data` holds nothing then. */
  purgedAt: string | null
  capturedAt: string
  memberNo: string | null
  /** The sort column's value, and by deadline whether it awaits review, for the next page's key. */
  sortKey: string
  sortRank: number
}

/** Where the previous page of an export ended: its last row's place in the order. */
export interface ExportPageEnd { sortKey: string, sortRank: number, id: string }

export async function countApplications(db: Executor, filter: ApplicationListFilter): Promise<number> {
  const row = await db.selectFrom('applications').select(eb => eb.fn.countAll<number>().as('n')).where(applicationFilter(filter)).executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * The applications `filter` matches in the queue's order, after the row `after` (its sort
 * key and id: keyset paging, so each page is an index range and none is skipped or
 * repeated as the export walks through them), `limit` at a time.
 */
export async function listApplicationsForExport(db: Executor, filter: ApplicationListFilter, order: Pick<ApplicationListOrder, 'sort' | 'direction'>, after: ExportPageEnd | null, limit: number): Promise<ApplicationExportRow[]> {
  const column = `applications.${APPLICATION_SORT_COLUMNS[order.sort]}` as const
  const where = applicationFilter(filter)
  const beyond = order.direction === 'asc' ? '>' : '<'
  const ranked = order.sort === 'reviewDueAt'
  const rows = await withNames(db)
    .leftJoin('members', 'members.id', 'applications.member_id')
    .select(LIST_COLUMNS)
    .select(['applications.captured_at', 'applications.data', 'applications.purged_at', 'members.member_no'])
    .select(eb => eb.ref(column).as('sort_key'))
    .select((ranked ? awaitingRank : sql<number>`0`).as('sort_rank'))
    .select(eb => unresolvedCandidates(eb as unknown as ExpressionBuilder<Database, 'applications'>).select(eb.fn.countAll<number>().as('n')).as('duplicate_count'))
    .where(eb => where(eb as unknown as ExpressionBuilder<Database, 'applications'>))
    .$if(after !== null, qb => qb.where((eb) => {
      const withinRank = eb.or([
        eb(column, beyond, after!.sortKey),
        eb.and([eb(column, '=', after!.sortKey), eb('applications.id', beyond, after!.id)]),
      ])
      // By deadline, what awaits review comes first either way: the rank only ever rises.
      return ranked ? eb.or([eb(awaitingRank, '>', after!.sortRank), eb.and([eb(awaitingRank, '=', after!.sortRank), withinRank])]) : withinRank
    }))
    .$if(ranked, qb => qb.orderBy(awaitingRank))
    .orderBy(column, order.direction)
    .orderBy('applications.id', order.direction)
    .limit(limit)
    .execute()
  return rows.map(r => ({
    ...listRowOf(r),
    capturedAt: r.captured_at,
    data: r.data,
    purgedAt: r.purged_at,
    memberNo: r.member_no,
    sortKey: String(r.sort_key),
    sortRank: Number(r.sort_rank),
  }))
}
