import type { CardStatus, MemberStatus } from '#shared/members/member-status'
import type { DeskHttp } from './desk-http'

/** The members API (server/routes/members): the masked list and search. */

export interface MemberListItem {
  id: string
  memberNo: string
  applicantType: string
  category: string
  level: string | null
  siteId: string
  status: MemberStatus
  cardStatus: CardStatus
  validFrom: string
  validUntil: string
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
  page: number
  pageSize: number
}

export function membersApi(http: DeskHttp) {
  return {
    list: (query: MemberListQuery) => {
      const params = new URLSearchParams({ page: String(query.page), pageSize: String(query.pageSize) })
      if (query.q?.trim())
        params.set('q', query.q.trim())
      return http.json<MemberList>(`/api/members?${params}`)
    },
  }
}
