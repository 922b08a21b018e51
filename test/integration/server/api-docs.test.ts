import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bootstrap } from '../../../server/services/bootstrap.service'
import { createTestServer } from '../../support/test-server'

describe('aPI description, readiness and first start', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await createTestServer('sqlite')
  })
  afterAll(() => server.dispose())

  it('publishes an OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await server.request('/api/openapi.json')
    expect(response.status).toBe(200)
    const doc = await response.json()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/auth/logout', '/api/me']))
    expect(doc.components.schemas.LoginRequest.required).toEqual(expect.arrayContaining(['username', 'password', 'deviceId']))
  })

  it('serves a human API reference without a CDN', async () => {
    const page = await server.request('/api/docs')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('/api/docs/swagger-ui-bundle.js')
    expect(html).not.toMatch(/https?:\/\//)
    const bundle = await server.request('/api/docs/swagger-ui-bundle.js')
    expect(bundle.status).toBe(200)
    expect(bundle.headers.get('content-type')).toContain('javascript')
  })

  it('is ready when the database answers', async () => {
    expect(await (await server.request('/readyz')).json()).toEqual({ status: 'ready' })
  })

  it('creates the first administrator and the default programme once', async () => {
    const again = await bootstrap(server.deps)
    expect(again).toEqual({ createdAdmin: false })
    const admins = await server.database.db.selectFrom('staff').select('username').where('role', '=', 'admin').execute()
    expect(admins).toEqual([{ username: 'admin' }])
    const programmes = await server.database.db.selectFrom('programme_settings').select('version').execute()
    expect(programmes).toEqual([{ version: 1 }])
  })

  it('generates a password for the first administrator when none is configured', async () => {
    await server.database.db.deleteFrom('audit_log').execute()
    await server.database.db.deleteFrom('sessions').execute()
    await server.database.db.deleteFrom('devices').execute()
    await server.database.db.deleteFrom('staff').execute()
    const report = await bootstrap({ ...server.deps, env: { ...server.deps.env, ADMIN_PASSWORD: undefined } })
    expect(report.createdAdmin).toBe(true)
    expect(report.generatedAdminPassword).toMatch(/^[\w-]{18}$/)
    const response = await server.request('/api/auth/login', { method: 'POST', json: { username: 'admin', password: report.generatedAdminPassword, deviceId: 'admin-desk-000001' } })
    expect(response.status).toBe(200)
  })
})
