import type { StatsOverview } from '../../../client/src/desk/stats/stats.types'
import { addDays } from '#shared/dates/calendar'
import { describe, expect, it } from 'vitest'
import { fileNameFromDisposition } from '../../../client/src/desk/exports/export-files'
import {
  defaultFilters,
  everyDay,
  filtersFromQuery,
  formatHours,
  formatRate,
  perAgentOption,
  perDayOption,
  perSiteOption,
  queryFromFilters,
  queueQueryOfCard,
  refusedRange,
  statsCards,
  TOP_AGENTS,
} from '../../../client/src/desk/stats/stats-options'

const TEXTS = { applications: '申请数', noData: '暂无数据', locale: 'zh-CN' as const }

function overview(over: Partial<StatsOverview> = {}): StatsOverview {
  return {
    from: '2026-02-26',
    to: '2026-03-02',
    siteId: null,
    applications: 0,
    perDay: [],
    perSite: [],
    perAgent: [],
    decisions: { total: 0, approved: 0, rejected: 0, returned: 0 },
    rates: { approval: null, rejection: null, return: null },
    medianReviewHours: null,
    overdue: 0,
    duplicatesFound: 0,
    revisits: { due: 0, recorded: 0, reached: 0 },
    ...over,
  }
}

describe('statistics filters: URL ↔ range and site', () => {
  it('defaults to the last 30 China days, today included, and writes the defaults as an empty URL', () => {
    expect(defaultFilters('2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-01', siteId: '' })
    expect(filtersFromQuery({}, '2026-03-01')).toEqual(defaultFilters('2026-03-01'))
    expect(queryFromFilters(defaultFilters('2026-03-01'), '2026-03-01')).toEqual({})
  })

  it('keeps a valid range and a site, and round-trips them', () => {
    const filters = filtersFromQuery({ from: '2026-01-01', to: '2026-01-31', siteId: 's1' }, '2026-03-01')
    expect(filters).toEqual({ from: '2026-01-01', to: '2026-01-31', siteId: 's1' })
    expect(queryFromFilters(filters, '2026-03-01')).toEqual({ from: '2026-01-01', to: '2026-01-31', siteId: 's1' })
  })

  it.each([
    [{ from: '2026-02-30', to: '2026-03-01' }],
    [{ from: '2026-03-02', to: '2026-03-01' }],
    [{ from: '2024-01-01', to: '2026-03-01' }],
    [{ from: '2025-02-28', to: '2026-03-01' }], // 367 days: one more than the server answers
    [{ from: ' 2026-01-01', to: '2026-01-02' }],
    [{ from: '2026-01-01' }],
  ])('falls back to the default range for %o (bad, reversed, too long or half)', (query) => {
    const { from, to } = filtersFromQuery(query, '2026-03-01')
    expect({ from, to }).toEqual({ from: '2026-01-31', to: '2026-03-01' })
  })

  it.each([
    [{ from: '2026-02-30', to: '2026-03-01' }, { path: 'from', code: 'date.invalid' }],
    [{ from: '2026-03-02', to: '2026-03-01' }, { path: 'to', code: 'date.range_reversed' }],
    [{ from: '2025-02-28', to: '2026-03-01' }, { path: 'to', code: 'date.range_too_long', params: { maxDays: 366 } }],
    [{ from: ' 2026-01-01', to: '2026-01-02' }, { path: 'from', code: 'date.format' }],
    [{ from: '2026-01-01' }, { path: 'to', code: 'field.required' }],
  ])('says why the range of %o is not shown', (query, issue) => {
    expect(refusedRange(query)).toMatchObject(issue)
  })

  it('finds nothing to say of no range or a valid one', () => {
    expect(refusedRange({})).toBeNull()
    expect(refusedRange({ siteId: 's1' })).toBeNull()
    expect(refusedRange({ from: '2026-01-01', to: '2026-01-31' })).toBeNull()
  })

  it('keeps the longest range the server answers: 366 days, both ends included', () => {
    const { from, to } = filtersFromQuery({ from: '2025-03-01', to: '2026-03-01' }, '2026-03-01')
    expect({ from, to }).toEqual({ from: '2025-03-01', to: '2026-03-01' })
  })

  it('adds days across month and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })
})

describe('statistics cards', () => {
  it('formats rates as percentages and shows — when there were no decisions', () => {
    expect(formatRate(0.625, 'zh-CN')).toBe('62.5%')
    expect(formatRate(1, 'en')).toBe('100%')
    expect(formatRate(0, 'en')).toBe('0%')
    expect(formatRate(null, 'zh-CN')).toBe('—')
    expect(formatHours(null, 'en')).toBe('—')
    expect(formatHours(12.345, 'en')).toBe('12.3')
  })

  it('lists every card in order with its words', () => {
    const cards = statsCards(overview({ applications: 1234, rates: { approval: 0.5, rejection: 0.25, return: null }, medianReviewHours: 3, overdue: 2, duplicatesFound: 1, revisits: { due: 1500, recorded: 8, reached: 6 } }), 'en')
    expect(cards).toEqual([
      { key: 'applications', value: '1,234' },
      { key: 'approvalRate', value: '50%' },
      { key: 'rejectionRate', value: '25%' },
      { key: 'returnRate', value: '—' },
      { key: 'medianReviewHours', value: '3' },
      { key: 'overdue', value: '2' },
      { key: 'duplicatesFound', value: '1' },
      { key: 'revisitsDue', value: '1,500' },
      { key: 'revisitsRecorded', value: '8' },
      { key: 'revisitReachedRate', value: '75%' },
    ])
  })

  it('links the counts the queue can list to it, with the same days and site (its 首次提交日期 goes by first arrival, as the figures do)', () => {
    const filters = { from: '2026-11-01', to: '2026-11-30', siteId: '' }
    expect(queueQueryOfCard('applications', filters)).toEqual({ submittedFrom: '2026-11-01', submittedTo: '2026-11-30' })
    expect(queueQueryOfCard('overdue', { ...filters, siteId: 'site-bj01' })).toEqual({ submittedFrom: '2026-11-01', submittedTo: '2026-11-30', siteId: 'site-bj01', overdue: 'true' })
    for (const key of ['approvalRate', 'medianReviewHours', 'duplicatesFound', 'revisitsDue'] as const)
      expect(queueQueryOfCard(key, filters)).toBeNull()
  })
})

describe('statistics charts', () => {
  it('has every day of the range on the line, 0 for a day the answer leaves out', () => {
    const days = everyDay([{ date: '2026-02-28', count: 4 }], '2026-02-26', '2026-03-02')
    expect(days.map(day => day.date)).toEqual(['2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'])
    const option = perDayOption(overview({ perDay: [{ date: '2026-02-28', count: 4 }, { date: '2026-03-01', count: 1 }] }), TEXTS)
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['02-26', '02-27', '02-28', '03-01', '03-02'] })
    // Straight segments: a smoothed curve would dip below 0 between 02-27 and 02-28.
    expect(option.series).toEqual([expect.objectContaining({ type: 'line', name: '申请数', data: [0, 0, 4, 1, 0], smooth: false })])
    expect(option.title.show).toBe(false)
  })

  it('says "no data" on every chart when there is none, and still draws the empty days', () => {
    const empty = overview()
    for (const option of [perDayOption(empty, TEXTS), perSiteOption(empty, TEXTS), perAgentOption(empty, TEXTS)]) {
      expect(option.title).toMatchObject({ show: true, text: '暂无数据' })
    }
    expect(perDayOption(empty, TEXTS).series[0]!.data).toEqual([0, 0, 0, 0, 0])
    expect(perSiteOption(empty, TEXTS).series[0]!.data).toEqual([])
  })

  it('names the sites, busiest first', () => {
    const option = perSiteOption(overview({ perSite: [
      { siteId: 'a', siteCode: 'CY', siteName: '朝阳网点', count: 2 },
      { siteId: 'b', siteCode: null, siteName: null, count: 5 },
    ] }), TEXTS)
    expect(option.xAxis).toMatchObject({ data: ['b', '朝阳网点（CY）'] })
    expect(perSiteOption(overview({ perSite: [{ siteId: 'a', siteCode: 'CY', siteName: 'Chaoyang', count: 2 }] }), { ...TEXTS, locale: 'en' }).xAxis).toMatchObject({ data: ['Chaoyang (CY)'] })
    expect(option.series[0]!.data).toEqual([5, 2])
  })

  it('shows the busiest 15 agents, by name (by id when unnamed), busiest on top', () => {
    const perAgent = Array.from({ length: 20 }, (_, i) => ({ agentId: `agent-${i}`, agentName: i === 19 ? null : `外勤${i}`, siteId: 's', count: i }))
    const option = perAgentOption(overview({ perAgent }), TEXTS)
    expect(option.yAxis).toMatchObject({ type: 'category', inverse: true })
    const names = (option.yAxis as { data: string[] }).data
    expect(names).toHaveLength(TOP_AGENTS)
    expect(names[0]).toBe('agent-19')
    expect(names[1]).toBe('外勤18')
    expect(option.series[0]!.data[0]).toBe(19)
    expect(option.series[0]!.data.at(-1)).toBe(5)
  })

  it('puts agents with as many applications in pinyin order, whatever the browser\'s language', () => {
    const perAgent = ['张外勤', '陈外勤', '王外勤'].map((agentName, i) => ({ agentId: `agent-${i}`, agentName, siteId: 's', count: 3 }))
    const option = perAgentOption(overview({ perAgent }), { ...TEXTS, locale: 'en' })
    expect((option.yAxis as { data: string[] }).data).toEqual(['陈外勤', '王外勤', '张外勤'])
  })
})

describe('file names', () => {
  it('reads the UTF-8 file name of a Content-Disposition, then the plain one', () => {
    const encoded = encodeURIComponent('顾客信息日报表_2026-03-01.xlsx')
    expect(fileNameFromDisposition(`attachment; filename="_2026-03-01.xlsx"; filename*=UTF-8''${encoded}`)).toBe('顾客信息日报表_2026-03-01.xlsx')
    expect(fileNameFromDisposition('attachment; filename="report.csv"')).toBe('report.csv')
    expect(fileNameFromDisposition(null)).toBeNull()
    expect(fileNameFromDisposition('attachment')).toBeNull()
  })
})
