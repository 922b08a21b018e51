import type { DailyReport } from '../../../client/src/desk/stats/stats.types'
import { describe, expect, it } from 'vitest'
import { dailyCell, dailyTable } from '../../../client/src/desk/stats/daily-report'

const REPORT: DailyReport = {
  date: '2026-03-01',
  siteId: null,
  categories: [{ code: 'standard', name: '普通会员' }, { code: 'senior', name: '长者会员' }],
  statuses: ['submitted', 'approved'],
  rows: [
    { siteId: 's1', siteCode: 'CY', siteName: '朝阳网点', agentId: 'a1', agentName: '王外勤', newApplications: 3, byStatus: { submitted: 2, approved: 1 }, byCategory: { standard: 3 } },
    { siteId: 's1', siteCode: 'CY', siteName: '朝阳网点', agentId: 'a2', agentName: null, newApplications: 0, byStatus: {}, byCategory: {} },
  ],
  totals: { newApplications: 3, byStatus: { submitted: 2, approved: 1 }, byCategory: { standard: 3, senior: 0 } },
}

describe('daily report table', () => {
  it('has a row per site and agent, and the totals, with every status and category (0 when missing)', () => {
    const { rows, totals } = dailyTable(REPORT, '合计', 'zh-CN')
    expect(rows.map(row => [row.site, row.agent, row.newApplications])).toEqual([
      ['朝阳网点（CY）', '王外勤', 3],
      ['朝阳网点（CY）', 'a2', 0],
    ])
    expect(rows[0]!.counts).toEqual({ 'status:submitted': 2, 'status:approved': 1, 'category:standard': 3, 'category:senior': 0 })
    expect(rows[1]!.counts).toEqual({ 'status:submitted': 0, 'status:approved': 0, 'category:standard': 0, 'category:senior': 0 })
    expect(totals).toMatchObject({ site: '合计', agent: '', newApplications: 3 })
    expect(totals.counts).toEqual({ 'status:submitted': 2, 'status:approved': 1, 'category:standard': 3, 'category:senior': 0 })
    expect(dailyTable(REPORT, 'Total', 'en').rows[0]!.site).toBe('朝阳网点 (CY)')
  })

  it('has no rows on an empty day, and totals of 0 for every status and category', () => {
    const { rows, totals } = dailyTable({ ...REPORT, rows: [], totals: { newApplications: 0, byStatus: {}, byCategory: {} } }, 'Total', 'en')
    expect(rows).toEqual([])
    expect(totals).toMatchObject({ site: 'Total', newApplications: 0 })
    expect(Object.values(totals.counts)).toEqual([0, 0, 0, 0])
  })

  it('reads a row column by column, by the page\'s column keys (the footer\'s 合计)', () => {
    const { totals } = dailyTable(REPORT, '合计', 'zh-CN')
    const keys = ['site', 'agent', 'new', 'status:submitted', 'status:approved', 'category:standard', 'category:senior', 'something-else']
    expect(keys.map(key => dailyCell(totals, key))).toEqual(['合计', '', 3, 2, 1, 3, 0, ''])
  })
})
