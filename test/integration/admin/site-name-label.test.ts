import type { SignedInAdmin } from '../../support/admin-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { patchAdminRecord, signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/** A site's name is named 网点名称 in the answers, as the sites screen labels it: not 姓名, a person's. */
describe.each(DIALECTS)('admin API: a site\'s name in the messages, on %s', (dialect) => {
  let server: TestServer
  let admin: SignedInAdmin

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    admin = await signInAdmin(server)
  })
  afterAll(() => server.dispose())

  it.each([
    ['zh-CN', '网点名称：最多100个字符', '网点名称：必填'],
    ['en', 'Site name: At most 100 characters', 'Site name: Required'],
  ])('renaming a site with 101 characters, or with spaces alone, in %s', async (language, tooLong, blank) => {
    const rename = (name: string) => patchAdminRecord(server, admin.token, `/api/admin/sites/${SYNC_SITE_ID}`, { name }, { 'Accept-Language': language })
    const long = await rename('网'.repeat(101))
    expect(long.status).toBe(400)
    expect((await long.json()).error.issues).toEqual([expect.objectContaining({ path: 'name', code: 'field.too_long', params: expect.objectContaining({ max: 100 }), message: tooLong })])
    const spaces = await rename('\u3000 \u3000')
    expect(spaces.status).toBe(400)
    expect((await spaces.json()).error.issues).toEqual([expect.objectContaining({ path: 'name', code: 'field.required', message: blank })])
    const created = await server.request('/api/admin/sites', { method: 'POST', token: admin.token, json: { code: 'GD09', name: 'x'.repeat(101), regionCode: '440106' }, headers: { 'Accept-Language': language } })
    expect((await created.json()).error.issues).toEqual([expect.objectContaining({ path: 'name', message: tooLong })])
    const site = await server.database.db.selectFrom('sites').select('name').where('id', '=', SYNC_SITE_ID).executeTakeFirstOrThrow()
    expect(site.name).toBe(SYNC_SITE_ID)
  })

  it.each([
    ['zh-CN', '网点名称：必填', '网点名称：数据类型不正确'],
    ['en', 'Site name: Required', 'Site name: Wrong type of value'],
  ])('a hand-made request without a name, or with a number for one, in %s', async (language, missing, notText) => {
    const create = (json: Record<string, unknown>) => server.request('/api/admin/sites', { method: 'POST', token: admin.token, json: { code: 'GD09', regionCode: '440106', ...json }, headers: { 'Accept-Language': language } })
    expect((await (await create({})).json()).error.issues).toEqual([expect.objectContaining({ path: 'name', code: 'field.required', message: missing })])
    expect((await (await create({ name: 5 })).json()).error.issues).toEqual([expect.objectContaining({ path: 'name', code: 'field.type', message: notText })])
    const renamed = await patchAdminRecord(server, admin.token, `/api/admin/sites/${SYNC_SITE_ID}`, { name: null }, { 'Accept-Language': language })
    expect((await renamed.json()).error.issues).toEqual([expect.objectContaining({ path: 'name', message: missing })])
  })

  it('a 100-character name is taken, trimmed', async () => {
    const response = await patchAdminRecord(server, admin.token, `/api/admin/sites/${SYNC_SITE_ID}`, { name: ` ${'网'.repeat(100)}\u3000` })
    expect(response.status).toBe(200)
    expect((await response.json()).name).toBe('网'.repeat(100))
  })
})
