import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCsv } from '../../support/csv'
import { DIALECTS } from '../../support/databases'
import { approveThrough, deskApplication, OTHER_SITE_ID, pushApplication, reviewAction } from '../../support/review-fixtures'
import { pushBody, resubmit, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * Known data (times UTC; China is +8):
 *   2026-11-23 02:00  L1, 02:01 L2, 02:02 L3 (agent.li, site-bj01), 02:03 Z4 (agent.zhao, site-sh01)
 *   2026-11-23 05:00  L1 approved (3 h after arrival), L2 returned (2 h 59 min)
 *   2026-11-23        one duplicate candidate found for L3
 *   2026-11-24 03:00  L5; 15:59 L6 (23:59 in China: still the 24th); 16:00 L7 (the 25th in China)
 *   read on 2026-12-10: L3, Z4, L5, L6 are past their deadline and still await a decision
 *   L1's member is due its first re-visit (回访) on 2026-12-23
 */
describe.each(DIALECTS)('statistics on %s', (dialect) => {
  let server: TestServer
  let reviewer: SignedInAgent
  let supervisor: SignedInAgent
  let admin: SignedInAgent
  let li: SignedInAgent
  let zhao: SignedInAgent
  const ids: Record<string, string> = {}
  const apps: Record<string, ReturnType<typeof deskApplication>> = {}
  let memberL1: string

  const get = (path: string, who: SignedInAgent = supervisor) => server.request(path, { token: who.token })
  const push = async (label: string, seq: number, agent: SignedInAgent, siteId: string) => {
    const app = deskApplication(agent, seq, siteId)
    await pushApplication(server, agent, app)
    ids[label] = app.id
    apps[label] = app
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('agent.zhao', 'field_agent', [OTHER_SITE_ID])
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    li = await server.signIn('agent.li')
    zhao = await server.signIn('agent.zhao')
    await push('L1', 1, li, SYNC_SITE_ID)
    server.clock.set('2026-11-23T02:01:00.000Z')
    await push('L2', 2, li, SYNC_SITE_ID)
    server.clock.set('2026-11-23T02:02:00.000Z')
    await push('L3', 3, li, SYNC_SITE_ID)
    server.clock.set('2026-11-23T02:03:00.000Z')
    await push('Z4', 4, zhao, OTHER_SITE_ID)

    server.clock.set('2026-11-23T05:00:00.000Z')
    supervisor = await server.signIn('supervisor.wu')
    await reviewAction(server, supervisor.token, ids.L2!, 'start_review', 1)
    memberL1 = (await approveThrough(server, supervisor.token, ids.L1!)).memberId
    await reviewAction(server, supervisor.token, ids.L2!, 'return', 2, { items: [{ kind: 'material', ref: 'id_back' }] })
    await server.database.db.insertInto('duplicate_candidates').values({
      id: 'dup-l3',
      application_id: ids.L3!,
      other_type: 'application',
      other_id: ids.L1!,
      level: 'possible',
      score: 0.5,
      reasons: '["name"]',
      resolution: null,
      resolved_by: null,
      resolved_at: null,
      created_at: server.clock.now().toISOString(),
    }).execute()

    server.clock.set('2026-11-24T03:00:00.000Z')
    await push('L5', 5, li, SYNC_SITE_ID)
    server.clock.set('2026-11-24T15:59:00.000Z')
    await push('L6', 6, li, SYNC_SITE_ID)
    server.clock.set('2026-11-24T16:00:00.000Z')
    await push('L7', 7, li, SYNC_SITE_ID)

    server.clock.set('2026-12-10T02:00:00.000Z')
    reviewer = await server.signIn('reviewer.chen')
    supervisor = await server.signIn('supervisor.wu')
    admin = await server.signIn('admin', server.adminPassword)
  })
  afterAll(() => server.dispose())

  it('gives a supervisor the overview of every site', async () => {
    const response = await get('/api/stats/overview?from=2026-11-23&to=2026-11-24')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      from: '2026-11-23',
      to: '2026-11-24',
      siteId: null,
      applications: 6,
      perDay: [{ date: '2026-11-23', count: 4 }, { date: '2026-11-24', count: 2 }],
      perSite: [
        { siteId: SYNC_SITE_ID, siteCode: 'BJ01', siteName: SYNC_SITE_ID, count: 5 },
        { siteId: OTHER_SITE_ID, siteCode: '0H01', siteName: OTHER_SITE_ID, count: 1 },
      ],
      perAgent: [
        { agentId: li.staffId, agentName: 'agent.li', siteId: SYNC_SITE_ID, count: 5 },
        { agentId: zhao.staffId, agentName: 'agent.zhao', siteId: OTHER_SITE_ID, count: 1 },
      ],
      decisions: { total: 2, approved: 1, rejected: 0, returned: 1 },
      rates: { approval: 0.5, rejection: 0, return: 0.5 },
      medianReviewHours: 2.99,
      overdue: 4,
      duplicatesFound: 1,
      revisits: { due: 0, recorded: 0, reached: 0 },
    })
  })

  it('counts days in China time and fills days without applications', async () => {
    const body = await (await get('/api/stats/overview?from=2026-11-24&to=2026-11-26')).json()
    expect(body.perDay).toEqual([{ date: '2026-11-24', count: 2 }, { date: '2026-11-25', count: 1 }, { date: '2026-11-26', count: 0 }])
    expect(body).toMatchObject({ applications: 3, decisions: { total: 0 }, rates: { approval: null }, medianReviewHours: null })
  })

  it('keeps a reviewer to their sites, filters by site, and lets an administrator see all', async () => {
    const own = await (await get('/api/stats/overview?from=2026-11-23&to=2026-11-24', reviewer)).json()
    expect(own).toMatchObject({ applications: 5, overdue: 3, duplicatesFound: 1, decisions: { total: 2 } })
    expect(own.perSite.map((s: { siteId: string }) => s.siteId)).toEqual([SYNC_SITE_ID])
    const elsewhere = await (await get(`/api/stats/overview?from=2026-11-23&to=2026-11-24&siteId=${OTHER_SITE_ID}`, reviewer)).json()
    expect(elsewhere).toMatchObject({ applications: 0, perSite: [] })
    expect(await (await get(`/api/stats/overview?from=2026-11-23&to=2026-11-24&siteId=${OTHER_SITE_ID}`)).json()).toMatchObject({ applications: 1, overdue: 1, duplicatesFound: 0, decisions: { total: 0 } })
    expect((await get('/api/stats/overview?from=2026-11-23&to=2026-11-24', admin)).status).toBe(200)
    expect((await get('/api/stats/overview?from=2026-11-23&to=2026-11-24', li)).status).toBe(403)
  })

  it('refuses reversed, overlong and malformed ranges', async () => {
    const reversed = await get('/api/stats/overview?from=2026-11-24&to=2026-11-23')
    expect(reversed.status).toBe(400)
    expect((await reversed.json()).error.issues[0].code).toBe('date.range_reversed')
    const long = await get('/api/stats/overview?from=2025-01-01&to=2026-11-23')
    expect((await long.json()).error.issues[0].code).toBe('date.range_too_long')
    expect((await get('/api/stats/overview?from=2025-11-22&to=2026-11-23')).status).toBe(400)
    expect((await get('/api/stats/overview?from=2025-11-23&to=2026-11-23')).status).toBe(200) // 366 days, the longest
    expect((await get('/api/stats/overview?from=2026-02-30&to=2026-03-01')).status).toBe(400)
    expect((await get('/api/stats/overview?to=2026-03-01')).status).toBe(400)
  })

  it('answers for the last day there is (9999-12-31), whose end used to be a RangeError and a 500', async () => {
    for (const path of ['/api/stats/overview?from=9999-12-31&to=9999-12-31', '/api/stats/daily-report?date=9999-12-31', '/api/review/applications?submittedTo=9999-12-31']) {
      const response = await get(path)
      expect(response.status, path).toBe(200)
    }
    expect((await (await get('/api/stats/overview?from=9999-12-31&to=9999-12-31')).json()).applications).toBe(0)
  })

  it('names the days of a range in the years 1 to 99 as those years, not 1901 to 1999', async () => {
    const body = await (await get('/api/stats/overview?from=0099-12-30&to=0100-01-01')).json()
    expect(body.perDay).toEqual([{ date: '0099-12-30', count: 0 }, { date: '0099-12-31', count: 0 }, { date: '0100-01-01', count: 0 }])
    expect(body.applications).toBe(0)
  })

  it('reports the day per site and agent: new applications, by status, by category', async () => {
    const report = await (await get('/api/stats/daily-report?date=2026-11-23')).json()
    expect(report).toMatchObject({ date: '2026-11-23', siteId: null, statuses: ['submitted', 'in_review', 'approved', 'rejected', 'returned', 'withdrawn'] })
    expect(report.categories[0]).toEqual({ code: 'standard', name: '普通会员' })
    // By site code (the test gives site-sh01 the code 0H01: S is not in the code alphabet), then agent.
    expect(report.rows).toEqual([
      expect.objectContaining({ siteCode: '0H01', agentId: zhao.staffId, newApplications: 1, byStatus: expect.objectContaining({ submitted: 1 }) }),
      expect.objectContaining({ siteCode: 'BJ01', agentId: li.staffId, agentName: 'agent.li', newApplications: 3, byStatus: { submitted: 1, in_review: 0, approved: 1, rejected: 0, returned: 1, withdrawn: 0 }, byCategory: expect.objectContaining({ standard: 3, vip: 0 }) }),
    ])
    expect(report.totals).toMatchObject({ newApplications: 4, byStatus: { submitted: 2, approved: 1, returned: 1 }, byCategory: { standard: 4 } })
    const own = await (await get('/api/stats/daily-report?date=2026-11-23', reviewer)).json()
    expect(own.rows.map((r: { siteId: string }) => r.siteId)).toEqual([SYNC_SITE_ID])
    expect(own.totals.newApplications).toBe(3)
  })

  it('exports the daily report as CSV and XLSX, audited', async () => {
    const response = await get('/api/stats/daily-report/export?date=2026-11-23&format=csv')
    expect(response.status).toBe(200)
    expect(response.headers.get('X-Total-Rows')).toBe('3')
    expect(response.headers.get('Content-Disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('顾客信息日报表_2026-11-23.csv')}`)
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer())
    expect(text.startsWith('\uFEFF')).toBe(true)
    const [header, ...rows] = parseCsv(text.slice(1))
    expect(header!.slice(0, 9)).toEqual(['网点', '外勤专员', '新增申请', '已提交', '审核中', '已通过', '已拒绝', '退回补充', '已撤回'])
    expect(header![9]).toBe('普通会员')
    expect(rows.map(r => r.slice(0, 9))).toEqual([
      ['0H01 site-sh01', 'agent.zhao', '1', '1', '0', '0', '0', '0', '0'],
      ['BJ01 site-bj01', 'agent.li', '3', '1', '0', '1', '0', '1', '0'],
      ['合计', '', '4', '2', '0', '1', '0', '1', '0'],
    ])
    const xlsx = await get('/api/stats/daily-report/export?date=2026-11-23&format=xlsx', admin)
    expect(xlsx.status).toBe(200)
    // In English for a desk in English: headers, statuses, categories, the totals row and the file name.
    const english = await server.request('/api/stats/daily-report/export?date=2026-11-23&format=csv', { token: supervisor.token, headers: { 'Accept-Language': 'en' } })
    expect(english.headers.get('Content-Disposition')).toContain(`filename*=UTF-8''daily-report_2026-11-23.csv`)
    const [enHeader, ...enRows] = parseCsv(new TextDecoder('utf-8').decode(await english.arrayBuffer()))
    expect(enHeader!.slice(0, 4)).toEqual(['Site', 'Field agent', 'New applications', 'Submitted'])
    expect(enHeader![9]).toBe('Standard member')
    expect(enRows.at(-1)![0]).toBe('Total')
    const audit = await server.database.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'export.daily_report').orderBy('seq').execute()
    expect(audit.map(a => [a.actor_id, JSON.parse(a.detail).format, JSON.parse(a.detail).rowCount])).toEqual([[supervisor.staffId, 'csv', 3], [admin.staffId, 'xlsx', 3], [supervisor.staffId, 'csv', 3]])
  })

  it('counts the members due a re-visit today and the re-visits recorded in the range, by the member\'s site', async () => {
    server.clock.set('2026-12-23T02:00:00.000Z')
    supervisor = await server.signIn('supervisor.wu')
    reviewer = await server.signIn('reviewer.chen')
    const range = 'from=2026-12-23&to=2026-12-23'
    expect((await (await get(`/api/stats/overview?${range}`)).json()).revisits).toEqual({ due: 1, recorded: 0, reached: 0 })

    const revisit = (version: number, outcome: string) => server.request(`/api/members/${memberL1}/actions/revisit`, { method: 'POST', token: reviewer.token, headers: { 'If-Match': `"${version}"` }, json: { revisit: { channel: 'phone', outcome } } })
    expect((await revisit(1, 'unreachable')).status).toBe(200)
    server.clock.set('2026-12-30T02:00:00.000Z')
    reviewer = await server.signIn('reviewer.chen')
    supervisor = await server.signIn('supervisor.wu')
    expect((await revisit(2, 'reached')).status).toBe(200)

    const overview = await (await get('/api/stats/overview?from=2026-12-23&to=2026-12-30')).json()
    expect(overview.revisits).toEqual({ due: 0, recorded: 2, reached: 1 })
    expect((await (await get('/api/stats/overview?from=2026-12-23&to=2026-12-29', reviewer)).json()).revisits).toEqual({ due: 0, recorded: 1, reached: 0 })
    expect((await (await get(`/api/stats/overview?from=2026-12-23&to=2026-12-30&siteId=${OTHER_SITE_ID}`)).json()).revisits).toEqual({ due: 0, recorded: 0, reached: 0 })
  })

  it('counts a resubmitted application on the day it first arrived, its review time up to its first decision', async () => {
    // L2, returned on the 23rd, comes back on 31 December and is approved on 1 January.
    server.clock.set('2026-12-31T02:00:00.000Z')
    li = await server.signIn('agent.li')
    const fixed = { ...apps.L2!, person: { ...apps.L2!.person, mobile: '13711112222' } }
    const { results } = await (await server.request('/api/sync/push', { method: 'POST', token: li.token, json: pushBody([resubmit(fixed, 3)]) })).json()
    expect(results[0]).toMatchObject({ outcome: 'applied', receipt: { version: 4, status: 'submitted' } })
    server.clock.set('2027-01-01T02:00:00.000Z')
    supervisor = await server.signIn('supervisor.wu')
    expect((await reviewAction(server, supervisor.token, ids.L2!, 'start_review', 4)).status).toBe(200)
    expect((await reviewAction(server, supervisor.token, ids.L2!, 'approve', 5)).status).toBe(200)

    expect(await (await get('/api/stats/overview?from=2026-12-31&to=2027-01-01')).json()).toMatchObject({ applications: 0, perDay: [{ date: '2026-12-31', count: 0 }, { date: '2027-01-01', count: 0 }], decisions: { total: 1, approved: 1 } })
    expect(await (await get('/api/stats/overview?from=2026-11-23&to=2026-11-24')).json()).toMatchObject({ applications: 6, perDay: [{ date: '2026-11-23', count: 4 }, { date: '2026-11-24', count: 2 }], medianReviewHours: 2.99 })
    expect((await (await get('/api/stats/daily-report?date=2026-12-31')).json()).rows).toEqual([])
  })
})
