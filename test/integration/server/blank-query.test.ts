import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInAdmin } from '../../support/admin-fixtures'
import { agentApplication, pushBody, submit, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/** The middleware does not touch the database: one dialect is enough. */
describe('an empty query parameter is the same as none', () => {
  let server: TestServer
  let supervisor: string
  let agent: string
  let admin: string

  beforeAll(async () => {
    server = await createTestServer('sqlite')
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('supervisor.he', 'supervisor', [SYNC_SITE_ID])
    const signedIn = await server.signIn('agent.li')
    agent = signedIn.token
    supervisor = (await server.signIn('supervisor.he')).token
    admin = (await signInAdmin(server)).token
    const pushed = await server.request('/api/sync/push', { method: 'POST', token: agent, json: pushBody([1, 2].map(seq => submit(agentApplication(signedIn, seq)))) })
    expect(pushed.status).toBe(200)
  })
  afterAll(() => server.dispose())

  const get = async (path: string, token: string) => {
    const response = await server.request(path, { token })
    return { status: response.status, body: await response.json() }
  }

  it('on every list: the answer is the unfiltered one, not a refusal', async () => {
    const cases: Array<[string, string, string]> = [
      ['/api/review/applications', '?status=&siteId=&agentId=&from=&to=&overdue=&hasDuplicates=&sort=&page=&pageSize=', supervisor],
      ['/api/members', '?q=&status=&page=', supervisor],
      ['/api/admin/sites', '?active=', admin],
      ['/api/admin/staff', '?role=&siteId=&disabled=&q=', admin],
      ['/api/admin/devices', '?staffId=&revoked=', admin],
      ['/api/admin/audit', '?from=&to=&action=&actorId=', admin],
    ]
    for (const [path, blanks, token] of cases) {
      const plain = await get(path, token)
      expect(plain.status, path).toBe(200)
      expect(await get(`${path}${blanks}`, token), `${path}${blanks}`).toEqual(plain)
    }
    expect((await get('/api/review/applications?status=', supervisor)).body.total).toBe(2)
  })

  it('keeps the values given beside a blank one, and still refuses a bad one', async () => {
    const submitted = await get('/api/review/applications?status=&status=submitted', supervisor)
    expect(submitted.body.total).toBe(2)
    expect((await get('/api/review/applications?status=&status=approved', supervisor)).body.total).toBe(0)
    const bad = await get('/api/review/applications?status=&overdue=maybe', supervisor)
    expect(bad.status).toBe(400)
    expect(bad.body.error.issues).toEqual([expect.objectContaining({ path: 'overdue', code: 'field.invalid_option' })])
  })

  it('a blank X-Search header (as sent, or once decoded) is no search, as a blank ?q= is', async () => {
    const search = async (path: string, token: string, term: string) => {
      const response = await server.request(path, { token, headers: { 'X-Search': term } })
      return { status: response.status, body: await response.json() }
    }
    for (const [path, token] of [['/api/members', supervisor], ['/api/sync/applications', agent]] as const) {
      const plain = await get(path, token)
      expect(plain.status, path).toBe(200)
      expect(await get(`${path}?q=`, token), path).toEqual(plain)
      for (const blank of ['', '%20', '%E3%80%80', ' '])
        expect(await search(path, token, blank), `${path}, X-Search: "${blank}"`).toEqual(plain)
    }
  })

  it('a blank cursor pulls from the start, like no cursor; a bad one is refused', async () => {
    const fromStart = await get('/api/sync/pull', agent)
    expect(fromStart.body.changes.length).toBeGreaterThan(0)
    expect(await get('/api/sync/pull?cursor=', agent)).toEqual(fromStart)
    expect((await get('/api/sync/pull?cursor=abc', agent)).status).toBe(400)
  })
})
