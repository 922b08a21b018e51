import type { MemberFee, MemberOperation } from '#shared/members/member-operations'
import type { CardStatus, MemberStatus } from '#shared/members/member-status'
import type { Revisit } from '#shared/members/revisit'
import type { DeskHttp } from './desk-http'

/**
 * The members API (server/routes/members): the masked list and search, one member with its
 * change history (masked unless revealed; every view audited), and the card and status
 * operations, each naming the version it was made on (If-Match; 409 when stale).
 */

export interface MemberListItem {
  id: string
  memberNo: string
  applicantType: string
  category: string
  level: string | null
  siteId: string
  siteCode: string | null
  siteName: string | null
  status: MemberStatus
  cardStatus: CardStatus
  validFrom: string
  validUntil: string
  /** The date (China) the next re-visit (回访) is due; null when there is to be none. */
  revisitDue: string | null
  version: number
  createdAt: string
  displayName: string
  mobile: string
}

export interface MemberList {
  items: MemberListItem[]
  total: number
  page: number
  pageSize: number
}

export interface MemberListQuery {
  q?: string
  /** Standing today (`expired` is derived from the validity on the server). */
  status?: MemberStatus
  siteId?: string
  category?: string
  level?: string
  /** Only members whose re-visit is due by today, the longest-waiting first. */
  revisitDue?: boolean
  page: number
  pageSize: number
}

/** One entry of a member's change history; `detail` as the server stores it. */
export interface MemberChange {
  version: number
  action: string
  actorId: string
  actorName: string | null
  at: string
  detail: MemberChangeDetail
}

export interface MemberChangeDetail {
  changes?: Record<string, { from: unknown, to: unknown }>
  fee?: MemberFee
  reason?: string
  revisit?: Revisit
  note?: string
  [key: string]: unknown
}

export interface MemberDetail extends Omit<MemberListItem, 'displayName' | 'mobile' | 'siteCode' | 'siteName'> {
  applicationId: string
  displayName: string
  mobile: string
  cardNo: string | null
  updatedAt: string
  revealed: boolean
  data: Record<string, unknown>
  changes: MemberChange[]
  availableOperations: MemberOperation[]
}

export interface MemberOperationBody {
  fee?: MemberFee
  reason?: string
  revisit?: Revisit
  note?: string
}

export interface MemberOperationResult {
  id: string
  memberNo: string
  operation: MemberOperation
  version: number
  status: MemberStatus
  cardStatus: CardStatus
  cardNo: string | null
  validFrom: string
  validUntil: string
  revisitDue: string | null
  change: MemberChange
}

export function membersApi(http: DeskHttp) {
  return {
    get: (id: string, reveal = false) =>
      http.json<MemberDetail>(`/api/members/${encodeURIComponent(id)}?reveal=${reveal}`),
    operate: (id: string, operation: MemberOperation, version: number, body: MemberOperationBody) =>
      http.json<MemberOperationResult>(`/api/members/${encodeURIComponent(id)}/actions/${operation}`, {
        method: 'POST',
        headers: { 'If-Match': `"${version}"` },
        json: body,
      }),
    list: (query: MemberListQuery) => {
      const params = new URLSearchParams({ page: String(query.page), pageSize: String(query.pageSize) })
      if (query.q?.trim())
        params.set('q', query.q.trim())
      if (query.status)
        params.set('status', query.status)
      if (query.siteId)
        params.set('siteId', query.siteId)
      if (query.category)
        params.set('category', query.category)
      if (query.level)
        params.set('level', query.level)
      if (query.revisitDue)
        params.set('revisitDue', 'true')
      return http.json<MemberList>(`/api/members?${params}`)
    },
  }
}
