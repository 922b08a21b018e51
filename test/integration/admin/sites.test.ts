import type { SignedInAdmin } from '../../support/admin-fixtures'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditEntries, patchAdminRecord, signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

describe.each(DIALECTS)('admin API: sites on %s', (dialect) => {
  let server: TestServer
  let admin: SignedInAdmin
  let agent: SignedInAgent

  const createSite = (json: unknown) => server.request('/api/admin/sites', { method: 'POST', token: admin.token, json })
  const patchSite = (id: string, json: unknown) => patchAdminRecord(server, admin.token, `/api/admin/sites/${id}`, json)
  const reference = async () => (await (await server.request('/api/sync/pull', { token: agent.token })).json()).reference as { sites: { id: string, code: string, name: string }[], siteIds: string[] }
  const referenceSites = async () => (await reference()).sites
  const referenceFeed = () => server.database.db.selectFrom('change_feed').select(['agent_id', 'payload']).where('kind', '=', 'reference').orderBy('seq').execute()

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    admin = await signInAdmin(server)
    agent = await server.signIn('agent.li')
  })
  afterAll(() => server.dispose())

  it('lists the sites by code', async () => {
    const response = await server.request('/api/admin/sites', { token: admin.token })
    expect(response.status).toBe(200)
    expect((await response.json()).items).toEqual([{ id: SYNC_SITE_ID, code: 'BJ01', name: SYNC_SITE_ID, regionCode: '110105', active: true, createdAt: expect.any(String), version: 1 }])
  })

  it('creates a site (code in capitals), announces it to every device, and audits it', async () => {
    const response = await createSite({ code: ' hu01 ', name: '上海徐汇网点', regionCode: '310104' })
    expect(response.status).toBe(201)
    const site = await response.json()
    expect(site).toEqual({ id: expect.any(String), code: 'HU01', name: '上海徐汇网点', regionCode: '310104', active: true, createdAt: '2026-11-23T02:00:00.000Z', version: 1 })
    expect((await referenceFeed()).at(-1)).toEqual({ agent_id: null, payload: '{"what":"sites"}' })

    const [entry] = await auditEntries(server, admin, { action: 'site.create' })
    expect(entry).toMatchObject({ actorId: admin.staffId, actorUsername: 'admin', targetType: 'site', targetId: site.id, detail: { code: 'HU01', name: '上海徐汇网点', regionCode: '310104' } })

    // Assigned to the agent, it reaches the agent's device with the reference data.
    expect((await patchAdminRecord(server, admin.token, `/api/admin/staff/staff-agent.li`, { siteIds: [SYNC_SITE_ID, site.id] })).status).toBe(200)
    expect((await referenceSites()).map(s => s.code)).toEqual(['BJ01', 'HU01'])
  })

  it('refuses an invalid site with every issue and its code', async () => {
    const response = await createSite({ code: 'BJ-0I', name: '', regionCode: '990101' })
    expect(response.status).toBe(400)
    const issues = (await response.json()).error.issues
    expect(issues.map((i: { path: string, code: string }) => [i.path, i.code])).toEqual(expect.arrayContaining([
      ['code', 'site.code_format'],
      ['name', 'field.required'],
      ['regionCode', 'region_code.unknown'],
    ]))
    // A province's prefix but no place the region list has: what only a hand-made request sends.
    const noPlace = await createSite({ code: 'BJ09', name: '北京网点', regionCode: '119999' })
    expect((await noPlace.json()).error.issues).toEqual([expect.objectContaining({ path: 'regionCode', code: 'region_code.unknown' })])
    const badFormat = await createSite({ code: 'GD01', name: '广州网点', regionCode: '44010' })
    expect((await badFormat.json()).error.issues).toEqual([expect.objectContaining({ path: 'regionCode', code: 'region_code.format' })])
    for (const code of ['B', 'BJ01234', 'SZ01', 'OV01'])
      expect((await (await createSite({ code, name: '深圳网点', regionCode: '440305' })).json()).error.issues, code).toEqual([expect.objectContaining({ path: 'code', code: 'site.code_format' })])
    const sites = await server.database.db.selectFrom('sites').select('code').execute()
    expect(sites.map(s => s.code).sort()).toEqual(['BJ01', 'HU01'])
  })

  it('refuses a code that is taken with 409, even when two requests race', async () => {
    const taken = await createSite({ code: 'BJ01', name: '另一个北京网点', regionCode: '110105' })
    expect(taken.status).toBe(409)
    expect(await taken.json()).toMatchObject({ error: { code: 'site.code_taken', params: { code: 'BJ01' } } })
    const racing = await Promise.all([1, 2].map(i => createSite({ code: 'GD02', name: `广州${i}`, regionCode: '440106' })))
    expect(racing.map(r => r.status).sort()).toEqual([201, 409])
  })

  it('renames and deactivates a site; devices stop receiving an inactive site', async () => {
    const sh = (await (await server.request('/api/admin/sites', { token: admin.token })).json()).items.find((s: { code: string }) => s.code === 'HU01')
    const feedBefore = (await referenceFeed()).length

    const renamed = await patchSite(sh.id, { name: '上海徐汇旗舰网点' })
    expect(renamed.status).toBe(200)
    expect((await renamed.json()).name).toBe('上海徐汇旗舰网点')
    expect((await referenceSites()).find(s => s.code === 'HU01')?.name).toBe('上海徐汇旗舰网点')

    const inactive = await patchSite(sh.id, { active: false })
    // Each change raises the version, and answers it as the ETag too.
    expect(await inactive.json()).toMatchObject({ code: 'HU01', active: false, version: 3 })
    expect(inactive.headers.get('ETag')).toBe('"3"')
    expect((await referenceSites()).map(s => s.code)).toEqual(['BJ01'])
    // Still the agent's: what they took there still syncs, and the tablet knows it offline.
    expect((await reference()).siteIds).toEqual([SYNC_SITE_ID, sh.id].sort())
    expect((await (await server.request('/api/admin/sites?active=false', { token: admin.token })).json()).items.map((s: { code: string }) => s.code)).toEqual(['HU01'])
    expect((await (await server.request('/api/admin/sites?active=true', { token: admin.token })).json()).items.map((s: { code: string }) => s.code)).toEqual(['BJ01', 'GD02'])

    expect((await referenceFeed()).length).toBe(feedBefore + 2)
    const entries = await auditEntries(server, admin, { action: 'site.update', targetId: sh.id })
    expect(entries.map(e => e.detail)).toEqual([
      { code: 'HU01', changes: { active: { from: true, to: false } } },
      { code: 'HU01', changes: { name: { from: '上海徐汇网点', to: '上海徐汇旗舰网点' } } },
    ])
    expect(entries.every(e => e.actorId === admin.staffId)).toBe(true)

    // The same values again change nothing, announce nothing and record nothing.
    expect((await patchSite(sh.id, { active: false })).status).toBe(200)
    expect((await referenceFeed()).length).toBe(feedBefore + 2)
    expect((await auditEntries(server, admin, { action: 'site.update' })).length).toBe(2)
  })

  it('refuses an invalid change and an unknown site', async () => {
    const invalid = await patchSite(SYNC_SITE_ID, { name: '', active: 'no' })
    expect(invalid.status).toBe(400)
    expect((await invalid.json()).error.issues.map((i: { path: string, code: string }) => [i.path, i.code])).toEqual([['name', 'field.required'], ['active', 'field.type']])
    // A site's code never changes: asking to change it is refused, not silently ignored.
    const code = await patchSite(SYNC_SITE_ID, { code: 'BJ09', name: '北京朝阳' })
    expect(code.status).toBe(400)
    expect((await code.json()).error.issues).toEqual([expect.objectContaining({ path: 'code', code: 'field.unknown', message: '此处没有这一项，或不能在此修改' })])
    const hidden = await patchSite(SYNC_SITE_ID, { name: '北京\u202E朝阳' })
    expect((await hidden.json()).error.issues).toEqual([expect.objectContaining({ path: 'name', code: 'text.hidden_characters' })])
    expect((await server.database.db.selectFrom('sites').select(['code', 'name']).where('id', '=', SYNC_SITE_ID).executeTakeFirstOrThrow())).toEqual({ code: 'BJ01', name: SYNC_SITE_ID })
    const unknown = await patchSite('site-nowhere', { name: '无' })
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).error.code).toBe('request.not_found')
  })
})
