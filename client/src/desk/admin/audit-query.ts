import { chinaDateTime, chinaWallClockInstant } from '#shared/dates/china-time'

/**
 * The audit log screen's filters in their two places: the URL, which holds the search that
 * was made (the one source of the list shown), and the form, which holds what is being
 * edited. Paging goes on through the search that was made, whatever the form holds
 * meanwhile; each end of the time range keeps its own name, so a link with only an end
 * stays an end. Pure: no Vue, no DOM.
 */

/** The form: '' where a filter is open. `from` and `to` are instants the picker or the URL gave. */
export interface AuditForm {
  action: string
  actorId: string
  target: string
  from: string
  to: string
}

/** A route query as vue-router gives it (LocationQuery), without importing the router. */
export type AuditRouteQuery = Record<string, string | null | undefined | Array<string | null>>

const KEYS = ['action', 'actorId', 'target', 'from', 'to'] as const

function text(query: AuditRouteQuery, key: string): string {
  const value = query[key]
  return typeof value === 'string' ? value : ''
}

/** An instant as the URL writes it (UTC ISO); '' for anything that is not one. */
function instant(value: string): string {
  const at = Date.parse(value)
  return Number.isNaN(at) ? '' : new Date(at).toISOString()
}

/** The form as a URL names it: each end of the range from its own key. */
export function auditFormFromQuery(query: AuditRouteQuery): AuditForm {
  return { action: text(query, 'action'), actorId: text(query, 'actorId'), target: text(query, 'target'), from: text(query, 'from'), to: text(query, 'to') }
}

/** The page a URL asks for (1 when it names none, or nonsense). */
export function auditPageOf(query: AuditRouteQuery): number {
  return Math.max(1, Number.parseInt(text(query, 'page') || '1', 10) || 1)
}

/** The URL of a search with this form: only the filters set, the target trimmed, page 1 left out. */
export function auditQueryFromForm(form: AuditForm, page = 1): Record<string, string> {
  const query: Record<string, string> = {}
  if (form.action)
    query.action = form.action
  if (form.actorId)
    query.actorId = form.actorId
  if (form.target.trim())
    query.target = form.target.trim()
  const from = instant(form.from)
  if (from)
    query.from = from
  const to = instant(form.to)
  if (to)
    query.to = to
  if (page > 1)
    query.page = String(page)
  return query
}

/**
 * Whether a search (`auditQueryFromForm`) is the one the URL holds, page and all: the
 * router does not navigate to the address it is at, so the screen must load it itself —
 * searching again is how a list that could not be loaded (the server out of reach) is
 * asked for once more.
 */
export function isSearchShown(search: Record<string, string>, query: AuditRouteQuery): boolean {
  const shown = auditPageQuery(query, auditPageOf(query))
  const keys = new Set([...Object.keys(search), ...Object.keys(shown)])
  return [...keys].every(key => search[key] === shown[key])
}

/** The URL of another page of the search the URL holds: its filters as they are, never the form's. */
export function auditPageQuery(query: AuditRouteQuery, page: number): Record<string, string> {
  const next: Record<string, string> = {}
  for (const key of KEYS) {
    if (text(query, key))
      next[key] = text(query, key)
  }
  if (page > 1)
    next.page = String(page)
  return next
}

/**
 * The picker's side of the range. Its values are China's wall clock (`YYYY-MM-DD HH:mm:ss`),
 * as every time the desk shows, the log's own rows included — never the desk PC's zone: a
 * PC on London time once picked 11:05 and listed the entries of 19:05. The form keeps
 * instants; these two turn one into the other.
 */
export const PICKER_FORMAT = 'YYYY-MM-DD HH:mm:ss'

/** The picker's range for the form's ends, both or none. */
export function pickerRange(form: Pick<AuditForm, 'from' | 'to'>): [string, string] | null {
  const from = instant(form.from)
  const to = instant(form.to)
  return from && to ? [chinaDateTime(from), chinaDateTime(to)] : null
}

/** The form's ends for a range picked on China's wall clock; '' for an end that is none. */
export function rangeFromPicker(value: readonly [string, string] | null | undefined): Pick<AuditForm, 'from' | 'to'> {
  const at = (wall: string | undefined): string => (wall ? chinaWallClockInstant(wall) ?? '' : '')
  return { from: at(value?.[0]), to: at(value?.[1]) }
}
