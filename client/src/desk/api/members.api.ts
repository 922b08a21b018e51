import type { MemberFee, MemberOperation } from '#shared/members/member-operations'
import type { CardStatus, MemberStatus } from '#shared/members/member-status'
import type { Revisit } from '#shared/members/revisit'
import type { MemberFilters } from '../members/member-filters'
import type { DeskHttp } from './desk-http'
import { searchHeaders } from '../../app/network/search-header'
import { memberFilterParams } from '../members/member-filters'

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
  /** Agreed to marketing messages (营销授权), until withdrawn. */
  marketing: boolean
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

/** A page of the list: its filters with one standing at most (the screen offers one). */
export interface MemberListQuery extends Omit<MemberFilters, 'status'> {
  status?: MemberStatus
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
      const { status, page, pageSize, ...filters } = query
      const params = memberFilterParams({ ...filters, ...(status ? { status: [status] } : {}) })
      params.set('page', String(page))
      params.set('pageSize', String(pageSize))
      return http.json<MemberList>(`/api/members?${params}`, { headers: searchHeaders(filters.q) })
    },
  }
}
