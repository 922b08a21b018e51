import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInAdmin } from '../../support/admin-fixtures'
import { agentApplication, pushBody, submit, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * Whole numbers in query strings and paths are plain decimal digits: `page=0x10` is not page
 * 16, `limit=1e2` not 100. Refused before any query runs: one dialect is enough.
 */
describe('whole numbers in a query or a path are plain decimal digits', () => {
  let server: TestServer
  let supervisor: string
  let agent: string
  let admin: string
  let applicationId: string

  beforeAll(async () => {
    server = await createTestServer('sqlite')
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('supervisor.he', 'supervisor', [SYNC_SITE_ID])
    const signedIn = await server.signIn('agent.li')
    agent = signedIn.token
    supervisor = (await server.signIn('supervisor.he')).token
    admin = (await signInAdmin(server)).token
    const application = agentApplication(signedIn, 1)
    applicationId = application.id
    expect((await server.request('/api/sync/push', { method: 'POST', token: agent, json: pushBody([submit(application)]) })).status).toBe(200)
  })
  afterAll(() => server.dispose())

  const get = async (path: string, token: string) => {
    const response = await server.request(path, { token })
    return { status: response.status, body: await response.json() }
  }

  it('refuses hex, exponents, signs, decimals, spaces and other notations with field.digits, naming the parameter', async () => {
    const routes: Array<[string, string, string]> = [
      ['/api/review/applications', 'page', supervisor],
      ['/api/review/applications', 'pageSize', supervisor],
      ['/api/members', 'page', supervisor],
      ['/api/members', 'pageSize', supervisor],
      ['/api/admin/audit', 'page', admin],
      ['/api/admin/audit', 'pageSize', admin],
      ['/api/sync/pull', 'cursor', agent],
      ['/api/sync/pull', 'limit', agent],
      [`/api/review/applications/${applicationId}/version-changes?to=2`, 'from', supervisor],
    ]
    for (const [path, name, token] of routes) {
      for (const value of ['0x10', '1e1', '+2', '2.0', ' 2', '0b11', '0o7', 'Infinity', '２']) {
        const url = `${path}${path.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`
        const answer = await get(url, token)
        expect(answer.status, url).toBe(400)
        expect(answer.body.error.issues, url).toEqual([{ path: name, code: 'field.digits', message: '只能填写数字0–9，不含空格、符号、小数点或其他写法' }])
      }
    }
  })

  it('refuses a version in a path written otherwise than in digits', async () => {
    for (const value of ['0x1', '1e0', '+1']) {
      const answer = await get(`/api/review/applications/${applicationId}/versions/${encodeURIComponent(value)}`, supervisor)
      expect(answer.status, value).toBe(400)
      expect(answer.body.error.issues, value).toEqual([expect.objectContaining({ path: 'version', code: 'field.digits' })])
    }
    expect((await get(`/api/review/applications/${applicationId}/versions/1`, supervisor)).status).toBe(200)
  })

  it('takes plain digits as before, leading zeros included, and checks the bounds on the number', async () => {
    expect(await get('/api/review/applications?page=1&pageSize=5', supervisor)).toEqual(await get('/api/review/applications?page=01&pageSize=005', supervisor))
    expect((await get('/api/sync/pull?cursor=0&limit=10', agent)).status).toBe(200)
    const tooLarge = await get('/api/members?pageSize=101', supervisor)
    expect(tooLarge.status).toBe(400)
    expect(tooLarge.body.error.issues).toEqual([expect.objectContaining({ path: 'pageSize', code: 'field.too_large', params: { max: 100 } })])
    expect((await get('/api/review/applications?page=0', supervisor)).body.error.issues).toEqual([expect.objectContaining({ path: 'page', code: 'field.too_small' })])
  })
})
