/**
 * The members list's filters as query parameters: the list (members.api) and its export
 * (exports.api) send the same ones. Pure: no Vue, no HTTP.
 */

/** The members list's filters, as the list and its export both send them. */
export interface MemberFilters {
  q?: string
  /** Standings today (`expired` is derived from the validity on the server). */
  status?: readonly string[]
  siteId?: string
  category?: string
  level?: string
  /** Only members whose re-visit is due by today, the longest-waiting first. */
  revisitDue?: boolean
  /** Only members who agreed to marketing messages (true), or who did not or withdrew (false). */
  marketing?: boolean
}

/** The query parameters of `filters`, empty ones left out. */
export function memberFilterParams(filters: MemberFilters): URLSearchParams {
  // The search itself (a mobile, an ID number) goes in a header, never the URL: searchHeaders.
  const params = new URLSearchParams()
  if (filters.status?.length)
    params.set('status', filters.status.join(','))
  if (filters.siteId?.trim())
    params.set('siteId', filters.siteId.trim())
  if (filters.category)
    params.set('category', filters.category)
  if (filters.level)
    params.set('level', filters.level)
  if (filters.revisitDue)
    params.set('revisitDue', 'true')
  if (filters.marketing !== undefined)
    params.set('marketing', String(filters.marketing))
  return params
}
