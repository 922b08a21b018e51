import type { ApplicantType } from '#shared/application/enums'
import type { ApplicationStatus } from '#shared/status/status-table'
import type { AppDeps, SessionActor } from '../context'
import type { AgentApplicationsFilter } from '../repositories/agent-applications.repository'
import { searchedMobile } from '#shared/contact/mobile'
import { maskDisplayName } from '#shared/privacy/masking'
import { normaliseReceiptNumber } from '#shared/receipt/receipt-number'
import { removeInvisibleCharacters } from '#shared/text/hidden-characters'
import { listAgentApplications } from '../repositories/agent-applications.repository'

/**
 * The agent's look-up of their own applications on the server (查询服务器记录): what became of
 * an application the tablet no longer holds — its status, the member number, the reason of a
 * rejection. Masked like the desk's lists (an applicant's name as 张*), only the agent's own,
 * only at their current sites; nothing here is full personal data, so it is not audited.
 */

export interface OwnApplicationSummary {
  id: string
  receiptNo: string
  applicantType: ApplicantType
  /** Masked; empty once its personal data was destroyed (`purged`). */
  displayName: string
  status: ApplicationStatus
  rejectReason: string | null
  memberNo: string | null
  submittedAt: string
  updatedAt: string
  purged: boolean
}

export interface OwnApplicationsQuery {
  q?: string | undefined
  page: number
  pageSize: number
}

/** A search text as a mobile (as the members search reads one) or else a receipt number's beginning. */
function searchOf(q: string | undefined): Pick<AgentApplicationsFilter, 'mobiles' | 'receiptPrefix'> {
  if (q === undefined)
    return {}
  // As the members search: invisible characters pasted with a number are not part of it.
  const text = removeInvisibleCharacters(q)
  const mobile = searchedMobile(text)
  if (mobile?.only)
    return { mobiles: mobile.mobiles }
  // A number as written at home (Taiwan's 0912…, Hong Kong's 9123 4567) is that mobile, or else a receipt number's beginning.
  return { receiptPrefix: normaliseReceiptNumber(text), ...(mobile ? { mobiles: mobile.mobiles } : {}) }
}

export async function lookUpOwnApplications(deps: AppDeps, actor: SessionActor, query: OwnApplicationsQuery): Promise<{ items: OwnApplicationSummary[], total: number, page: number, pageSize: number }> {
  const { rows, total } = await listAgentApplications(deps.db, { agentId: actor.id, siteIds: actor.siteIds, ...searchOf(query.q) }, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize })
  return {
    items: rows.map(row => ({
      id: row.id,
      receiptNo: row.receiptNo,
      applicantType: row.applicantType as ApplicantType,
      displayName: row.purgedAt ? '' : maskDisplayName(row.applicantType, row.displayName),
      status: row.status as ApplicationStatus,
      rejectReason: row.rejectReason,
      memberNo: row.memberNo,
      submittedAt: row.submittedAt,
      updatedAt: row.updatedAt,
      purged: row.purgedAt !== null,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  }
}
