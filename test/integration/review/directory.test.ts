import type { TestServer } from '../../support/test-server'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../support/databases'
import { OTHER_SITE_ID } from '../../support/review-fixtures'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * GET /api/directory: the sites and field agents a desk user works with, by name, and the
 * programme's categories — scoped like the queue (a reviewer: their own sites).
 */
describe.each(DIALECTS)('desk directory on %s', (dialect) => {
  let server: TestServer
  const THIRD_SITE_ID = 'site-gz01'
  const directory = async (username: string, password?: string) => {
    const { token } = await server.signIn(username, password)
    const response = await server.request('/api/directory', { token })
    expect(response.status).toBe(200)
    return response.json() as Promise<{
      sites: Array<{ id: string, code: string, name: string, active: boolean }>
      agents: Array<{ id: string, displayName: string, siteIds: string[], disabled: boolean }>
      categories: Array<{ code: string, name: { 'zh-CN': string, 'en': string }, applicantTypes: string[], levels: Array<{ code: string }> }>
      memberNumberPrefix: string
      membershipTermYears: number
    }>
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('agent.zhao', 'field_agent', [OTHER_SITE_ID, THIRD_SITE_ID])
    await server.createStaff('agent.gone', 'field_agent', [SYNC_SITE_ID])
    await server.database.db.updateTable('staff').set({ disabled: 1 }).where('username', '=', 'agent.gone').execute()
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID, THIRD_SITE_ID])
    await server.database.db.updateTable('sites').set({ active: 0 }).where('id', '=', THIRD_SITE_ID).execute()
    await server.createStaff('supervisor.wu', 'supervisor', [])
    await server.createStaff('reviewer.bj', 'reviewer', [SYNC_SITE_ID])
  })
  afterAll(() => server.dispose())

  it('gives a reviewer their own sites (inactive ones too) and the agents of those sites, with only those sites named', async () => {
    const { sites, agents } = await directory('reviewer.chen')
    // By code: BJ01, G001 (the test server derives codes from the ids).
    expect(sites.map(s => [s.id, s.code, s.active])).toEqual([[SYNC_SITE_ID, 'BJ01', true], [THIRD_SITE_ID, 'G001', false]])
    expect(sites.every(s => s.code.length > 0 && s.name.length > 0)).toBe(true)
    expect(agents).toEqual(expect.arrayContaining([
      { id: 'staff-agent.li', displayName: 'agent.li', siteIds: [SYNC_SITE_ID], disabled: false },
      { id: 'staff-agent.gone', displayName: 'agent.gone', siteIds: [SYNC_SITE_ID], disabled: true },
      // agent.zhao also works at site-sh01, which is not this reviewer's: only the shared site is named.
      { id: 'staff-agent.zhao', displayName: 'agent.zhao', siteIds: [THIRD_SITE_ID], disabled: false },
    ]))
    expect(agents).toHaveLength(3)
  })

  it('leaves out the sites and agents of other sites', async () => {
    const { sites, agents } = await directory('reviewer.bj')
    expect(sites.map(s => s.id)).toEqual([SYNC_SITE_ID])
    expect(agents.map(a => a.id).sort()).toEqual(['staff-agent.gone', 'staff-agent.li'])
  })

  it('gives supervisors and administrators every site and every field agent, never desk staff', async () => {
    for (const [username, password] of [['supervisor.wu', undefined], ['admin', server.adminPassword]] as const) {
      const { sites, agents } = await directory(username, password)
      expect(sites.map(s => [s.id, s.code])).toEqual([[OTHER_SITE_ID, '0H01'], [SYNC_SITE_ID, 'BJ01'], [THIRD_SITE_ID, 'G001']])
      expect(agents.map(a => a.id).sort()).toEqual(['staff-agent.gone', 'staff-agent.li', 'staff-agent.zhao'])
      expect(agents.find(a => a.id === 'staff-agent.zhao')!.siteIds.sort()).toEqual([THIRD_SITE_ID, OTHER_SITE_ID].sort())
    }
  })

  it('names the categories and levels of the programme in force', async () => {
    const { categories } = await directory('reviewer.bj')
    expect(categories.map(c => c.code)).toEqual(DEFAULT_PROGRAMME.categories.map(c => c.code))
    const vip = categories.find(c => c.code === 'vip')!
    expect(vip.name).toEqual({ 'zh-CN': 'VIP会员', 'en': 'VIP member' })
    expect(vip.levels.map(l => l.code)).toEqual(['silver', 'gold', 'diamond'])
    expect(vip.applicantTypes).toEqual(['individual'])
  })

  it('gives the programme\'s member-number prefix, which searches the desk may keep in its address', async () => {
    const { memberNumberPrefix, membershipTermYears } = await directory('reviewer.bj')
    expect(memberNumberPrefix).toBe(DEFAULT_PROGRAMME.memberNumberPrefix)
    // The term a renewal runs for: the desk shows the validity it would give.
    expect(membershipTermYears).toBe(DEFAULT_PROGRAMME.membershipTermYears)
  })

  it('refuses field agents (403) and callers without a token (401)', async () => {
    const agent = await server.signIn('agent.li')
    expect((await server.request('/api/directory', { token: agent.token })).status).toBe(403)
    expect((await server.request('/api/directory')).status).toBe(401)
  })
})
