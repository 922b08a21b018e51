import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { DecisionAction } from './application-history.repository'
import type { SiteScope } from './application-queue.repository'
import type { Executor } from './types'
import { sql } from 'kysely'
import { DECISION_ACTIONS } from './application-history.repository'

/**
 * The reading side of the desk statistics. An application counts as new when it first
 * reached the server (`arrived_at`, its `ingest` event), not at `submitted_at`, which a
 * resubmission moves on; its review time runs from there to its first decision
 * (`first_decided_at`: approve, reject or return). Ranges are ISO instants, from inclusive, to exclusive. Re-visits (回访) count by
 * the member's site.
 */

export interface StatsFilter {
  scope: SiteScope
  siteId?: string | undefined
  from: string
  before: string
}

/** The viewer's sites and the chosen one, on the site column of the records counted. */
function sitesOf(column: 'applications.site_id' | 'members.site_id', filter: Pick<StatsFilter, 'scope' | 'siteId'>) {
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>): Expression<SqlBool> => {
    const site = sql.ref<string>(column)
    const conditions: Expression<SqlBool>[] = []
    if (filter.scope.kind === 'sites')
      conditions.push(filter.scope.siteIds.length ? eb(site, 'in', filter.scope.siteIds) : sql<SqlBool>`1 = 0`)
    if (filter.siteId !== undefined)
      conditions.push(eb(site, '=', filter.siteId))
    return eb.and(conditions)
  }
}

function inScope(filter: StatsFilter) {
  return sitesOf('applications.site_id', filter)
}

/**
 * Whether the records counted must be joined to their application or member for its site.
 * A supervisor's programme-wide view needs no join: every event, candidate and change
 * belongs to one (foreign keys), and joining 200,000 applications only to keep them all
 * cost PostgreSQL a hash join over the table (~100 ms in bench/desk-queries).
 */
function filtersBySite(filter: StatsFilter): boolean {
  return filter.scope.kind === 'sites' || filter.siteId !== undefined
}

/** One application that arrived in the range, as the statistics need it. */
export interface ArrivalRow {
  id: string
  siteId: string
  siteCode: string | null
  siteName: string | null
  agentId: string
  agentName: string | null
  status: string
  category: string
  reviewDueAt: string
  arrivedAt: string
  firstDecisionAt: string | null
}

/** The applications that arrived in the range, in scope: read through the index applications_arrivals. */
function arrivalsIn(db: Executor, filter: StatsFilter) {
  const scope = inScope(filter)
  return db.selectFrom('applications')
    .where('applications.arrived_at', '>=', filter.from)
    .where('applications.arrived_at', '<', filter.before)
    .where(eb => scope(eb))
}

/** Every arrival in the range, one row each (the daily report's day). */
export async function listArrivals(db: Executor, filter: StatsFilter): Promise<ArrivalRow[]> {
  const rows = await arrivalsIn(db, filter)
    .leftJoin('sites', 'sites.id', 'applications.site_id')
    .leftJoin('staff', 'staff.id', 'applications.agent_id')
    .select([
      'applications.id',
      'applications.site_id',
      'sites.code as site_code',
      'sites.name as site_name',
      'applications.agent_id',
      'staff.display_name as agent_name',
      'applications.status',
      'applications.category',
      'applications.review_due_at',
      'applications.arrived_at',
      'applications.first_decided_at',
    ])
    .orderBy('applications.arrived_at')
    .execute()
  return rows.map(r => ({
    id: r.id,
    siteId: r.site_id,
    siteCode: r.site_code,
    siteName: r.site_name,
    agentId: r.agent_id,
    agentName: r.agent_name,
    status: r.status,
    category: r.category,
    reviewDueAt: r.review_due_at,
    arrivedAt: r.arrived_at!,
    firstDecisionAt: r.first_decided_at,
  }))
}

/** The arrivals in a range, counted in SQL: a year of them is a few thousand groups, not 200,000 rows. */
export interface ArrivalSummary {
  /** Per UTC hour (`YYYY-MM-DDTHH`): China is a whole number of hours from UTC, so each hour falls in one China day. */
  perHour: Array<{ hour: string, count: number }>
  perAgent: Array<{ siteId: string, siteCode: string | null, siteName: string | null, agentId: string, agentName: string | null, count: number }>
  /** Per status and review deadline: what the shared overdue rule needs. */
  perStatusDeadline: Array<{ status: string, reviewDueAt: string, count: number }>
  /** Each decided arrival's arrival and first decision, for the median review time. */
  decided: Array<{ arrivedAt: string, firstDecidedAt: string }>
}

export async function summariseArrivals(db: Executor, filter: StatsFilter): Promise<ArrivalSummary> {
  const hour = sql<string>`substr(applications.arrived_at, 1, 13)`
  const perHour = await arrivalsIn(db, filter)
    .select(hour.as('hour'))
    .select(eb => eb.fn.countAll<number>().as('n'))
    .groupBy(hour)
    .execute()
  const perAgentGroups = arrivalsIn(db, filter)
    .select(['applications.site_id', 'applications.agent_id'])
    .select(eb => eb.fn.countAll<number>().as('n'))
    .groupBy(['applications.site_id', 'applications.agent_id'])
  const perAgent = await db.selectFrom(perAgentGroups.as('g'))
    .leftJoin('sites', 'sites.id', 'g.site_id')
    .leftJoin('staff', 'staff.id', 'g.agent_id')
    .select(['g.site_id', 'g.agent_id', 'g.n', 'sites.code as site_code', 'sites.name as site_name', 'staff.display_name as agent_name'])
    .execute()
  const perStatusDeadline = await arrivalsIn(db, filter)
    .select(['applications.status', 'applications.review_due_at'])
    .select(eb => eb.fn.countAll<number>().as('n'))
    .groupBy(['applications.status', 'applications.review_due_at'])
    .execute()
  const decided = await arrivalsIn(db, filter)
    .where('applications.first_decided_at', 'is not', null)
    .select(['applications.arrived_at', 'applications.first_decided_at'])
    .execute()
  return {
    perHour: perHour.map(r => ({ hour: r.hour, count: Number(r.n) })),
    perAgent: perAgent.map(r => ({ siteId: r.site_id, siteCode: r.site_code, siteName: r.site_name, agentId: r.agent_id, agentName: r.agent_name, count: Number(r.n) })),
    perStatusDeadline: perStatusDeadline.map(r => ({ status: r.status, reviewDueAt: r.review_due_at, count: Number(r.n) })),
    decided: decided.map(r => ({ arrivedAt: r.arrived_at!, firstDecidedAt: r.first_decided_at! })),
  }
}

/** Decisions taken in the range on applications in scope, by action. */
export async function countDecisions(db: Executor, filter: StatsFilter): Promise<Record<DecisionAction, number>> {
  const scope = inScope(filter)
  const rows = await db.selectFrom('application_events')
    .$if(filtersBySite(filter), query => query.innerJoin('applications', 'applications.id', 'application_events.application_id'))
    .select(['application_events.action'])
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('application_events.action', 'in', DECISION_ACTIONS)
    .where('application_events.at', '>=', filter.from)
    .where('application_events.at', '<', filter.before)
    .where(eb => scope(eb))
    .groupBy('application_events.action')
    .execute()
  const counts: Record<DecisionAction, number> = { approve: 0, reject: 0, return: 0 }
  for (const row of rows)
    counts[row.action as DecisionAction] = Number(row.n)
  return counts
}

/** Duplicate candidates found in the range for applications in scope. */
export async function countDuplicateCandidates(db: Executor, filter: StatsFilter): Promise<number> {
  const scope = inScope(filter)
  const row = await db.selectFrom('duplicate_candidates')
    .$if(filtersBySite(filter), query => query.innerJoin('applications', 'applications.id', 'duplicate_candidates.application_id'))
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('duplicate_candidates.created_at', '>=', filter.from)
    .where('duplicate_candidates.created_at', '<', filter.before)
    .where(eb => scope(eb))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * The outcome of each re-visit recorded in the range on members in scope. Read from the
 * change history's detail (a few per member and year); a purged member's re-visits keep
 * their channel and outcome (memberChangeSkeleton), so days past count alike.
 */
export async function listRevisitOutcomes(db: Executor, filter: StatsFilter): Promise<Array<string | null>> {
  const scope = sitesOf('members.site_id', filter)
  const rows = await db.selectFrom('member_changes')
    .$if(filtersBySite(filter), query => query.innerJoin('members', 'members.id', 'member_changes.member_id'))
    .select('member_changes.detail')
    .where('member_changes.action', '=', 'revisit')
    .where('member_changes.at', '>=', filter.from)
    .where('member_changes.at', '<', filter.before)
    .where(eb => scope(eb))
    .execute()
  return rows.map((row) => {
    const detail = JSON.parse(row.detail) as { revisit?: { outcome?: string } }
    return detail.revisit?.outcome ?? null
  })
}
