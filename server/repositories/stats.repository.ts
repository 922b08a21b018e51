import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { SiteScope } from './application-queue.repository'
import type { Executor } from './types'
import { sql } from 'kysely'

/**
 * The reading side of the desk statistics. An application counts as new when it first
 * reached the server (its `ingest` event), not at `submitted_at`, which a resubmission
 * moves on; its review time runs from there to its first decision (approve, reject or
 * return). Ranges are ISO instants, from inclusive, to exclusive. Re-visits (回访) count by
 * the member's site.
 */

export const DECISION_ACTIONS = ['approve', 'reject', 'return'] as const
export type DecisionAction = (typeof DECISION_ACTIONS)[number]

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

export async function listArrivals(db: Executor, filter: StatsFilter): Promise<ArrivalRow[]> {
  const scope = inScope(filter)
  const rows = await db.selectFrom('application_events')
    .innerJoin('applications', 'applications.id', 'application_events.application_id')
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
      'application_events.at as arrived_at',
    ])
    .select(eb => eb.selectFrom('application_events as decision')
      .select(inner => inner.fn.min('decision.at').as('first'))
      .whereRef('decision.application_id', '=', 'applications.id')
      .where('decision.action', 'in', DECISION_ACTIONS)
      .as('first_decision_at'))
    .where('application_events.action', '=', 'ingest')
    .where('application_events.at', '>=', filter.from)
    .where('application_events.at', '<', filter.before)
    .where(eb => scope(eb))
    .orderBy('application_events.at')
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
    arrivedAt: r.arrived_at,
    firstDecisionAt: (r.first_decision_at as string | null) ?? null,
  }))
}

/** Decisions taken in the range on applications in scope, by action. */
export async function countDecisions(db: Executor, filter: StatsFilter): Promise<Record<DecisionAction, number>> {
  const scope = inScope(filter)
  const rows = await db.selectFrom('application_events')
    .innerJoin('applications', 'applications.id', 'application_events.application_id')
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
    .innerJoin('applications', 'applications.id', 'duplicate_candidates.application_id')
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('duplicate_candidates.created_at', '>=', filter.from)
    .where('duplicate_candidates.created_at', '<', filter.before)
    .where(eb => scope(eb))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * The outcome of each re-visit recorded in the range on members in scope. Read from the
 * change history's detail (a few per member and year); a purged member's re-visits count
 * with no outcome, their detail having been destroyed.
 */
export async function listRevisitOutcomes(db: Executor, filter: StatsFilter): Promise<Array<string | null>> {
  const scope = sitesOf('members.site_id', filter)
  const rows = await db.selectFrom('member_changes')
    .innerJoin('members', 'members.id', 'member_changes.member_id')
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
