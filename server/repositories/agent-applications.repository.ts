import type { Executor } from './types'
import { dialectOf } from '../db/dialect'
import { likeLiteral } from './like-pattern'

/**
 * An agent's own applications as the server holds them, for the agent's look-up from a
 * tablet that no longer has them (forgotten after its retention days, or a new tablet).
 * Read through the agent's index (agent_id, submitted_at), newest first: an agent's own
 * applications are few enough that a mobile is compared on them without an index of its own
 * (applications keep none: it would cost every push a random page).
 */

export interface AgentApplicationsFilter {
  agentId: string
  /** Only at these sites: the agent's current assignments. */
  siteIds: readonly string[]
  /** A receipt number or its beginning (canonical form). */
  receiptPrefix?: string
  /** Exact mobiles (canonical form): the one a search names, or each it may be. */
  mobiles?: readonly string[]
}

export interface AgentApplicationRow {
  id: string
  receiptNo: string
  applicantType: string
  displayName: string
  status: string
  rejectReason: string | null
  memberNo: string | null
  submittedAt: string
  updatedAt: string
  purgedAt: string | null
}

export async function listAgentApplications(db: Executor, filter: AgentApplicationsFilter, page: { offset: number, limit: number }): Promise<{ rows: AgentApplicationRow[], total: number }> {
  if (!filter.siteIds.length)
    return { rows: [], total: 0 }
  let query = db.selectFrom('applications')
    .where('applications.agent_id', '=', filter.agentId)
    .where('applications.site_id', 'in', filter.siteIds)
  if (filter.receiptPrefix !== undefined || filter.mobiles !== undefined) {
    const { receiptPrefix, mobiles } = filter
    query = query.where(eb => eb.or([
      ...(receiptPrefix ? [likeLiteral(dialectOf(db), 'applications.receipt_no', '', receiptPrefix, '%')] : []),
      ...(mobiles?.length ? [eb('applications.mobile', 'in', mobiles)] : []),
    ]))
  }
  const counted = await query.select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const rows = await query
    .leftJoin('members', 'members.id', 'applications.member_id')
    .select([
      'applications.id',
      'applications.receipt_no',
      'applications.applicant_type',
      'applications.display_name',
      'applications.status',
      'applications.reject_reason',
      'members.member_no',
      'applications.submitted_at',
      'applications.updated_at',
      'applications.purged_at',
    ])
    .orderBy('applications.submitted_at', 'desc')
    .orderBy('applications.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  return {
    total: Number(counted.n),
    rows: rows.map(r => ({
      id: r.id,
      receiptNo: r.receipt_no,
      applicantType: r.applicant_type,
      displayName: r.display_name,
      status: r.status,
      rejectReason: r.reject_reason,
      memberNo: r.member_no,
      submittedAt: r.submitted_at,
      updatedAt: r.updated_at,
      purgedAt: r.purged_at,
    })),
  }
}
