import type { MemberFilters } from '../members/member-filters'
import type { QueueFilters } from '../queue/queue-filters'
import { searchHeaders } from '../../app/network/search-header'
import { memberFilterParams } from '../members/member-filters'
import { apiQueryFromFilters } from '../queue/queue-filters'

/**
 * The exports API (server/routes/exports): where to fetch a file of the queue or of the
 * members list with the screen's filters. Paging is the screen's, not the file's: the
 * export holds the whole filtered set, so `page` and `pageSize` are left out. `full=true`
 * (names, ID numbers and mobiles in full) is sent only when asked, and the server allows
 * it to supervisors only. Pure: no Vue, no DOM.
 */

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** An export's path, and the headers it needs besides the session's (a search: searchHeaders). */
export interface ExportRequest {
  path: string
  headers?: Record<string, string>
}

export interface ExportOptions {
  format: ExportFormat
  full: boolean
}

function withOptions(params: URLSearchParams, options: ExportOptions): string {
  params.delete('page')
  params.delete('pageSize')
  params.set('format', options.format)
  if (options.full)
    params.set('full', 'true')
  return params.toString()
}

/** GET /api/exports/applications with the queue's filters and order. */
export function applicationsExportPath(filters: QueueFilters, options: ExportOptions): string {
  return `/api/exports/applications?${withOptions(new URLSearchParams(apiQueryFromFilters(filters)), options)}`
}

/** GET /api/exports/members with the members list's filters, its search in a header. */
export function membersExportRequest(filters: MemberFilters, options: ExportOptions): ExportRequest {
  return { path: `/api/exports/members?${withOptions(memberFilterParams(filters), options)}`, headers: searchHeaders(filters.q) }
}
