import { describe, expect, it } from 'vitest'
import { applicationsExportPath, membersExportRequest } from '../../../client/src/desk/api/exports.api'
import { fileNameFromDisposition, totalRowsFromHeader } from '../../../client/src/desk/exports/export-files'
import { DEFAULT_FILTERS, filtersFromQuery } from '../../../client/src/desk/queue/queue-filters'

function query(path: string): URLSearchParams {
  return new URL(path, 'http://desk.test').searchParams
}

describe('fileNameFromDisposition', () => {
  it.each([
    ['attachment; filename="applications_2026-11-23.xlsx"; filename*=UTF-8\'\'%E5%85%A5%E4%BC%9A%E7%94%B3%E8%AF%B7_2026-11-23.xlsx', '入会申请_2026-11-23.xlsx'],
    ['attachment; filename*=utf-8\'\'%E4%BC%9A%E5%91%98_2026-11-23.csv', '会员_2026-11-23.csv'],
    ['attachment; filename*=UTF-8\'zh-CN\'%E4%BC%9A%E5%91%98.csv; filename="members.csv"', '会员.csv'],
    ['attachment; filename="members_2026-11-23.csv"', 'members_2026-11-23.csv'],
    ['attachment; filename=plain.csv', 'plain.csv'],
    ['attachment; filename="a \\"quoted\\" name.csv"', 'a "quoted" name.csv'],
    ['attachment; filename="../../etc/passwd"', '.._.._etc_passwd'],
  ])('%s → %s', (header, name) => {
    expect(fileNameFromDisposition(header)).toBe(name)
  })

  it('falls back to the plain name when the extended one is not valid UTF-8 percent-encoding', () => {
    expect(fileNameFromDisposition('attachment; filename*=UTF-8\'\'%E5%85; filename="fallback.csv"')).toBe('fallback.csv')
  })

  it.each([null, undefined, '', 'attachment', 'inline; filename=""'])('no name in %j', (header) => {
    expect(fileNameFromDisposition(header)).toBeNull()
  })
})

describe('totalRowsFromHeader', () => {
  it.each([['42', 42], ['0', 0], [' 7 ', 7], ['', null], [null, null], ['-1', null], ['abc', null]] as const)('%j → %j', (header, rows) => {
    expect(totalRowsFromHeader(header)).toBe(rows)
  })
})

describe('applicationsExportPath', () => {
  it('sends the queue\'s filters and order, never its paging', () => {
    const filters = filtersFromQuery({ status: 'submitted,in_review', siteId: 'site-1', overdue: 'true', sort: 'receiptNo', order: 'desc', page: '3', pageSize: '50' })
    const path = applicationsExportPath(filters, { format: 'csv', full: false })
    expect(path.startsWith('/api/exports/applications?')).toBe(true)
    const params = query(path)
    expect(params.get('status')).toBe('submitted,in_review')
    expect(params.get('siteId')).toBe('site-1')
    expect(params.get('overdue')).toBe('true')
    expect(params.get('sort')).toBe('receiptNo')
    expect(params.get('order')).toBe('desc')
    expect(params.get('format')).toBe('csv')
    expect(params.has('page')).toBe(false)
    expect(params.has('pageSize')).toBe(false)
    expect(params.has('full')).toBe(false)
  })

  it('adds full=true only when asked', () => {
    const params = query(applicationsExportPath({ ...DEFAULT_FILTERS }, { format: 'xlsx', full: true }))
    expect(params.get('full')).toBe('true')
    expect(params.get('format')).toBe('xlsx')
    expect(params.has('status')).toBe(false)
  })
})

const membersExportPath = (...args: Parameters<typeof membersExportRequest>) => membersExportRequest(...args).path

describe('membersExportRequest', () => {
  it('sends the status and site in the URL, and the search, trimmed, only in the X-Search header', () => {
    const request = membersExportRequest({ q: ' 张三 13800138000 ', status: ['active', 'expired'], siteId: 'site-2' }, { format: 'csv', full: false })
    expect(Object.fromEntries(query(request.path))).toEqual({ status: 'active,expired', siteId: 'site-2', format: 'csv' })
    expect(request.headers).toEqual({ 'X-Search': encodeURIComponent('张三 13800138000') })
    expect(decodeURIComponent(request.headers!['X-Search']!)).toBe('张三 13800138000')
  })

  it('leaves out empty filters, and a blank search altogether', () => {
    const request = membersExportRequest({ q: '  ', revisitDue: false }, { format: 'xlsx', full: true })
    expect(request).toEqual({ path: '/api/exports/members?format=xlsx&full=true', headers: {} })
  })

  it('sends the category, level and 待回访 filters', () => {
    expect(membersExportPath({ revisitDue: true }, { format: 'csv', full: false })).toBe('/api/exports/members?revisitDue=true&format=csv')
    expect(membersExportPath({ category: 'vip', level: 'gold' }, { format: 'csv', full: false })).toBe('/api/exports/members?category=vip&level=gold&format=csv')
  })

  it('sends the marketing-consent filter both ways (false is a filter too)', () => {
    expect(membersExportPath({ marketing: true }, { format: 'csv', full: false })).toBe('/api/exports/members?marketing=true&format=csv')
    expect(membersExportPath({ marketing: false }, { format: 'csv', full: false })).toBe('/api/exports/members?marketing=false&format=csv')
  })
})
