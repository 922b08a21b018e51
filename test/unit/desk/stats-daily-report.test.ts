import type { DailyReport } from '../../../client/src/desk/stats/stats.types'
import { describe, expect, it } from 'vitest'
import { dailyTableRows } from '../../../client/src/desk/stats/daily-report'

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
  it('has a row per site and agent, then the totals, with every status and category (0 when missing)', () => {
    const rows = dailyTableRows(REPORT, '合计', 'zh-CN')
    expect(rows.map(row => [row.site, row.agent, row.newApplications, row.isTotal])).toEqual([
      ['朝阳网点（CY）', '王外勤', 3, false],
      ['朝阳网点（CY）', 'a2', 0, false],
      ['合计', '', 3, true],
    ])
    expect(rows[0]!.counts).toEqual({ 'status:submitted': 2, 'status:approved': 1, 'category:standard': 3, 'category:senior': 0 })
    expect(rows[1]!.counts).toEqual({ 'status:submitted': 0, 'status:approved': 0, 'category:standard': 0, 'category:senior': 0 })
    expect(dailyTableRows(REPORT, 'Total', 'en')[0]!.site).toBe('朝阳网点 (CY)')
  })

  it('is only the totals row on an empty day', () => {
    const rows = dailyTableRows({ ...REPORT, rows: [], totals: { newApplications: 0, byStatus: {}, byCategory: {} } }, 'Total', 'en')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ isTotal: true, site: 'Total', newApplications: 0 })
  })
})
