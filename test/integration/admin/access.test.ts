import type { SignedInAdmin } from '../../support/admin-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { createTestServer } from '../../support/test-server'

/** Every admin route, with a body that would be valid, so only the role decides. */
const ROUTES: { method: string, path: string, json?: unknown }[] = [
  { method: 'GET', path: '/api/admin/staff' },
  { method: 'POST', path: '/api/admin/staff', json: { username: 'new.person', displayName: '新人', role: 'reviewer', siteIds: [], password: 'long enough password' } },
  { method: 'PATCH', path: '/api/admin/staff/staff-agent.li', json: { displayName: '李' } },
  { method: 'POST', path: '/api/admin/staff/staff-agent.li/reset-password', json: { password: 'another long password' } },
  { method: 'GET', path: '/api/admin/sites' },
  { method: 'POST', path: '/api/admin/sites', json: { code: 'HU01', name: '上海一店', regionCode: '310101' } },
  { method: 'PATCH', path: '/api/admin/sites/site-bj01', json: { name: '北京一店' } },
  { method: 'GET', path: '/api/admin/devices' },
  { method: 'POST', path: '/api/admin/devices/some-device/revoke' },
  { method: 'GET', path: '/api/admin/programme' },
  { method: 'GET', path: '/api/admin/programme/versions' },
  { method: 'GET', path: '/api/admin/programme/versions/1' },
  { method: 'PUT', path: '/api/admin/programme', json: {} },
  { method: 'GET', path: '/api/admin/audit' },
  { method: 'GET', path: '/api/admin/audit/verify' },
]

describe.each(DIALECTS)('admin API access on %s', (dialect) => {
  let server: TestServer
  let admin: SignedInAdmin
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', ['site-bj01'])
    await server.createStaff('reviewer.zhou', 'reviewer', ['site-bj01'])
    await server.createStaff('supervisor.wu', 'supervisor')
    admin = await signInAdmin(server)
    for (const username of ['agent.li', 'reviewer.zhou', 'supervisor.wu'])
      tokens[username] = (await server.signIn(username)).token
  })
  afterAll(() => server.dispose())

  it.each(ROUTES)('$method $path needs a sign-in', async ({ method, path, json }) => {
    const response = await server.request(path, { method, json })
    expect(response.status).toBe(401)
    expect((await response.json()).error.code).toBe('auth.required')
  })

  it.each(ROUTES)('$method $path is for administrators only', async ({ method, path, json }) => {
    for (const username of ['agent.li', 'reviewer.zhou', 'supervisor.wu']) {
      const response = await server.request(path, { method, json, token: tokens[username] })
      expect(response.status, username).toBe(403)
      expect((await response.json()).error.code).toBe('auth.forbidden')
    }
  })

  it('changed nothing and audited nothing for the refused requests', async () => {
    const actions = await server.database.db.selectFrom('audit_log').select('action').execute()
    expect(actions.map(a => a.action).filter(a => !a.startsWith('auth.'))).toEqual(['staff.create'])
    const staff = await server.database.db.selectFrom('staff').select('display_name').where('id', '=', 'staff-agent.li').executeTakeFirstOrThrow()
    expect(staff.display_name).toBe('agent.li')
  })

  it('answers an administrator on every read route', async () => {
    for (const { path } of ROUTES.filter(r => r.method === 'GET')) {
      const response = await server.request(path, { token: admin.token })
      expect(response.status, path).toBe(200)
    }
  })

  it('describes every admin route in the OpenAPI document', async () => {
    const doc = await (await server.request('/api/openapi.json')).json()
    for (const { method, path } of ROUTES) {
      const templated = path.replace(/\/staff\/[^/]+/, '/staff/{id}').replace(/\/sites\/[^/]+/, '/sites/{id}').replace(/\/devices\/[^/]+/, '/devices/{id}').replace(/\/versions\/\d+/, '/versions/{version}')
      expect(doc.paths[templated]?.[method.toLowerCase()], `${method} ${templated}`).toBeDefined()
    }
    expect(doc.components.schemas.NewStaff.required).toEqual(expect.arrayContaining(['username', 'displayName', 'role', 'password']))
  })
})
