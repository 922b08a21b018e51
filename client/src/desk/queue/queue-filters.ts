import type { ApplicationStatus } from '#shared/status/status-table'
import { SERVER_STATUSES } from '#shared/status/status-table'

/**
 * The review queue's filters, one state with three faces: the page's form, the URL query
 * (so a reload or a shared link keeps them), and the API's query string
 * (GET /api/review/applications). URL keys are the API's own parameter names; the URL
 * leaves out defaults, the API query states everything. Bad values in a hand-edited URL
 * are dropped, never sent. Pure: no Vue, no DOM.
 */

/** The queue's status choices: those an application has on the server (it never shows drafts). */
export const QUEUE_STATUSES: readonly ApplicationStatus[] = SERVER_STATUSES
export const QUEUE_SORTS = ['submittedAt', 'reviewDueAt', 'receiptNo'] as const
export type QueueSort = (typeof QUEUE_SORTS)[number]
export type SortOrder = 'asc' | 'desc'
export const PAGE_SIZES = [10, 20, 50, 100] as const

/** A yes/no filter: null when it does not filter. */
export type Flag = boolean | null

export interface QueueFilters {
  status: ApplicationStatus[]
  siteId: string
  agentId: string
  /** YYYY-MM-DD (China), inclusive; '' when open. */
  submittedFrom: string
  submittedTo: string
  overdue: Flag
  hasDuplicates: Flag
  incomplete: Flag
  sort: QueueSort
  order: SortOrder
  page: number
  pageSize: number
}

/** Oldest first: a queue is worked in the order it arrived (the API's default too). */
export const DEFAULT_FILTERS: Readonly<QueueFilters> = Object.freeze({
  status: [],
  siteId: '',
  agentId: '',
  submittedFrom: '',
  submittedTo: '',
  overdue: null,
  hasDuplicates: null,
  incomplete: null,
  sort: 'submittedAt',
  order: 'asc',
  page: 1,
  pageSize: 20,
})

/** A route query as vue-router gives it (LocationQuery), without importing the router. */
export type RouteQuery = Record<string, string | null | undefined | Array<string | null>>

const FLAGS = ['overdue', 'hasDuplicates', 'incomplete'] as const

function values(query: RouteQuery, key: string): string[] {
  const raw = query[key]
  const list = Array.isArray(raw) ? raw : [raw]
  return list.flatMap(value => (typeof value === 'string' ? value.split(',') : [])).map(value => value.trim()).filter(Boolean)
}

function first(query: RouteQuery, key: string): string {
  return values(query, key)[0] ?? ''
}

function date(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : ''
}

function flag(value: string): Flag {
  return value === 'true' ? true : value === 'false' ? false : null
}

function positiveInt(value: string, fallback: number): number {
  return /^\d{1,6}$/.test(value) && Number(value) >= 1 ? Number(value) : fallback
}

/** The filters a URL names; anything missing or unusable is the default. */
export function filtersFromQuery(query: RouteQuery): QueueFilters {
  const status = [...new Set(values(query, 'status'))].filter((s): s is ApplicationStatus => (QUEUE_STATUSES as readonly string[]).includes(s))
  const sort = first(query, 'sort')
  const order = first(query, 'order')
  const pageSize = positiveInt(first(query, 'pageSize'), DEFAULT_FILTERS.pageSize)
  return {
    status: QUEUE_STATUSES.filter(s => status.includes(s)),
    siteId: first(query, 'siteId').slice(0, 64),
    agentId: first(query, 'agentId').slice(0, 64),
    submittedFrom: date(first(query, 'submittedFrom')),
    submittedTo: date(first(query, 'submittedTo')),
    overdue: flag(first(query, 'overdue')),
    hasDuplicates: flag(first(query, 'hasDuplicates')),
    incomplete: flag(first(query, 'incomplete')),
    sort: (QUEUE_SORTS as readonly string[]).includes(sort) ? sort as QueueSort : DEFAULT_FILTERS.sort,
    order: order === 'desc' || order === 'asc' ? order : DEFAULT_FILTERS.order,
    page: positiveInt(first(query, 'page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_FILTERS.pageSize,
  }
}

/** Every filter as API parameters; `withDefaults` states the defaults too. */
function toParams(filters: QueueFilters, withDefaults: boolean): Array<[string, string]> {
  const params: Array<[string, string]> = []
  const add = (key: keyof QueueFilters, value: string, isDefault: boolean): void => {
    if (value !== '' && (withDefaults || !isDefault))
      params.push([key, value])
  }
  // A filter's default is "no filter", written as '' and always left out.
  add('status', filters.status.join(','), false)
  add('siteId', filters.siteId.trim(), false)
  add('agentId', filters.agentId.trim(), false)
  add('submittedFrom', filters.submittedFrom, false)
  add('submittedTo', filters.submittedTo, false)
  for (const key of FLAGS)
    add(key, filters[key] === null ? '' : String(filters[key]), false)
  add('sort', filters.sort, filters.sort === DEFAULT_FILTERS.sort)
  add('order', filters.order, filters.order === DEFAULT_FILTERS.order)
  add('page', String(filters.page), filters.page === DEFAULT_FILTERS.page)
  add('pageSize', String(filters.pageSize), filters.pageSize === DEFAULT_FILTERS.pageSize)
  return params
}

/** The URL query for these filters: only what differs from the defaults. */
export function queryFromFilters(filters: QueueFilters): Record<string, string> {
  return Object.fromEntries(toParams(filters, false))
}

/** The API's query string (no leading `?`), every filter stated. */
export function apiQueryFromFilters(filters: QueueFilters): string {
  return new URLSearchParams(toParams(filters, true)).toString()
}

/**
 * The filters after the reviewer changed some: any change but the page itself starts
 * again at page 1, since page 7 of the old result means nothing in the new one.
 */
export function changeFilters(filters: QueueFilters, change: Partial<QueueFilters>): QueueFilters {
  const next = { ...filters, ...change }
  const onlyPaging = Object.keys(change).every(key => key === 'page')
  return onlyPaging ? next : { ...next, page: change.page ?? 1 }
}

/** Sorting from el-table's sort-change (`ascending` / `descending` / null: back to the default). */
export function sortFromTable(prop: string | null | undefined, order: 'ascending' | 'descending' | null | undefined): Pick<QueueFilters, 'sort' | 'order'> {
  if (!order || !prop || !(QUEUE_SORTS as readonly string[]).includes(prop))
    return { sort: DEFAULT_FILTERS.sort, order: DEFAULT_FILTERS.order }
  return { sort: prop as QueueSort, order: order === 'descending' ? 'desc' : 'asc' }
}

/** How many filters narrow the queue (for the "clear" button and the count badge). */
export function activeFilterCount(filters: QueueFilters): number {
  return [filters.status.length > 0, filters.siteId, filters.agentId, filters.submittedFrom, filters.submittedTo, ...FLAGS.map(key => filters[key] !== null)]
    .filter(Boolean)
    .length
}
