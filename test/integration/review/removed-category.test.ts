import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInAdmin } from '../../support/admin-fixtures'
import { parseCsv } from '../../support/csv'
import { DIALECTS } from '../../support/databases'
import { approveThrough, deskApplication, pushApplication } from '../../support/review-fixtures'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * A category (or a level) removed from the programme stays on the applications and members
 * that have it — the desk says so when removing one — and keeps its name there: the desk's
 * directory names it for labels (not as a choice), and exports, the personal copy and the
 * daily report name it as the programme last did, never by its code.
 */
describe.each(DIALECTS)('a category removed from the programme on %s', (dialect) => {
  let server: TestServer
  let supervisor: SignedInAgent
  let memberId: string

  const get = async (path: string) => {
    const response = await server.request(path, { token: supervisor.token })
    expect(response.status, path).toBe(200)
    return response
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    const agent = await server.signIn('agent.li')
    supervisor = await server.signIn('supervisor.wu')
    const app = deskApplication(agent, 1, SYNC_SITE_ID, { category: 'vip', level: 'diamond' })
    await pushApplication(server, agent, app)
    memberId = (await approveThrough(server, supervisor.token, app.id)).memberId

    // VIP goes, and the programme is published again (its diamond level with it).
    const admin = await signInAdmin(server)
    const published = await server.request('/api/admin/programme', {
      method: 'PUT',
      token: admin.token,
      json: { ...DEFAULT_PROGRAMME, categories: DEFAULT_PROGRAMME.categories.filter(c => c.code !== 'vip') },
      headers: { 'If-Match': '"1"' },
    })
    expect(published.status, await published.clone().text()).toBe(200)
  })
  afterAll(() => server.dispose())

  it('is no choice in the directory, but keeps its names for labels', async () => {
    const directory = await (await get('/api/directory')).json()
    expect(directory.categories.map((c: { code: string }) => c.code)).not.toContain('vip')
    const vip = directory.categoryNames.find((c: { code: string }) => c.code === 'vip')
    expect(vip.name['zh-CN']).toBe('VIP会员')
    expect(vip.levels.find((l: { code: string }) => l.code === 'diamond').name['zh-CN']).toBe('钻石卡')
    // The categories in force come first, in their order.
    expect(directory.categoryNames.slice(0, directory.categories.length).map((c: { code: string }) => c.code)).toEqual(directory.categories.map((c: { code: string }) => c.code))
  })

  it('is named in the members export, the personal copy and the daily report', async () => {
    const [header, ...rows] = parseCsv(await (await get('/api/exports/members?format=csv')).text())
    expect(rows).toHaveLength(1)
    expect(rows[0]![header!.indexOf('会员类别')]).toBe('VIP会员')
    expect(rows[0]![header!.indexOf('会员等级')]).toBe('钻石卡')

    const copy = parseCsv(await (await get(`/api/exports/members/${memberId}/personal-copy?format=csv`)).text())
    expect(copy.find(row => row[1] === '会员类别')?.[2]).toBe('VIP会员 · 钻石卡')

    const report = await (await get(`/api/stats/daily-report?date=${server.clock.now().toISOString().slice(0, 10)}`)).json()
    expect(report.categories).toContainEqual({ code: 'vip', name: 'VIP会员' })
    expect(report.totals.byCategory.vip).toBe(1)
  })
})
