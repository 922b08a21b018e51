import { describe, expect, it } from 'vitest'
import {
  activeFilterCount,
  apiQueryFromFilters,
  changeFilters,
  DEFAULT_FILTERS,
  filtersFromQuery,
  queryFromFilters,
  sortFromTable,
} from '../../../client/src/desk/queue/queue-filters'

describe('review queue filters: URL query ↔ filters ↔ API query', () => {
  it('reads an empty URL as the defaults, and writes the defaults as an empty URL', () => {
    expect(filtersFromQuery({})).toEqual(DEFAULT_FILTERS)
    expect(queryFromFilters(DEFAULT_FILTERS)).toEqual({})
  })

  it('states every default to the API, so the server never guesses', () => {
    expect(apiQueryFromFilters(DEFAULT_FILTERS)).toBe('sort=submittedAt&order=asc&page=1&pageSize=20')
  })

  it('reads every filter from the URL', () => {
    const filters = filtersFromQuery({
      status: 'submitted,in_review',
      siteId: 'site-1',
      agentId: 'agent-7',
      submittedFrom: '2026-11-01',
      submittedTo: '2026-11-23',
      overdue: 'true',
      hasDuplicates: 'false',
      incomplete: 'true',
      sort: 'reviewDueAt',
      order: 'desc',
      page: '3',
      pageSize: '50',
    })
    expect(filters).toEqual({
      status: ['submitted', 'in_review'],
      siteId: 'site-1',
      agentId: 'agent-7',
      submittedFrom: '2026-11-01',
      submittedTo: '2026-11-23',
      overdue: true,
      hasDuplicates: false,
      incomplete: true,
      sort: 'reviewDueAt',
      order: 'desc',
      page: 3,
      pageSize: 50,
    })
  })

  it('round-trips: filters → URL → filters', () => {
    const filters = { ...DEFAULT_FILTERS, status: ['returned' as const], overdue: false, submittedFrom: '2026-10-01', sort: 'receiptNo' as const, page: 2 }
    expect(filtersFromQuery(queryFromFilters(filters))).toEqual(filters)
  })

  it('sends the API its own parameter names, statuses comma-separated', () => {
    const query = apiQueryFromFilters({ ...DEFAULT_FILTERS, status: ['submitted', 'in_review'], siteId: 'site-1', hasDuplicates: true, incomplete: false })
    expect(Object.fromEntries(new URLSearchParams(query))).toEqual({
      status: 'submitted,in_review',
      siteId: 'site-1',
      hasDuplicates: 'true',
      incomplete: 'false',
      sort: 'submittedAt',
      order: 'asc',
      page: '1',
      pageSize: '20',
    })
  })

  it('accepts a repeated status parameter, as vue-router gives it, and keeps the table order', () => {
    expect(filtersFromQuery({ status: ['in_review', 'submitted', 'in_review'] }).status).toEqual(['submitted', 'in_review'])
  })

  it('drops what a hand-edited URL gets wrong instead of sending it', () => {
    const filters = filtersFromQuery({
      status: 'draft,queued,nonsense,approved',
      submittedFrom: '2026-13-45',
      submittedTo: 'yesterday',
      overdue: 'maybe',
      sort: 'name',
      order: 'sideways',
      page: '-2',
      pageSize: '7',
    })
    expect(filters).toEqual({ ...DEFAULT_FILTERS, status: ['approved'] })
  })

  it('starts again at page 1 when a filter changes, but not when only the page does', () => {
    const onPage4 = { ...DEFAULT_FILTERS, page: 4 }
    expect(changeFilters(onPage4, { overdue: true }).page).toBe(1)
    expect(changeFilters(onPage4, { pageSize: 50 }).page).toBe(1)
    expect(changeFilters(onPage4, { page: 5 }).page).toBe(5)
  })

  it('maps el-table sorting, and back to the default when cleared', () => {
    expect(sortFromTable('reviewDueAt', 'descending')).toEqual({ sort: 'reviewDueAt', order: 'desc' })
    expect(sortFromTable('receiptNo', 'ascending')).toEqual({ sort: 'receiptNo', order: 'asc' })
    expect(sortFromTable('reviewDueAt', null)).toEqual({ sort: 'submittedAt', order: 'asc' })
    expect(sortFromTable('displayName', 'ascending')).toEqual({ sort: 'submittedAt', order: 'asc' })
  })

  it('counts the filters that narrow the queue (not sorting or paging)', () => {
    expect(activeFilterCount(DEFAULT_FILTERS)).toBe(0)
    expect(activeFilterCount({ ...DEFAULT_FILTERS, status: ['submitted'], incomplete: false, sort: 'receiptNo', page: 3 })).toBe(2)
  })
})
