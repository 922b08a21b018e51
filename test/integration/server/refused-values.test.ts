import type { AppEnv } from '../../../server/context'
import type { TestServer } from '../../support/test-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { toErrorResponse } from '../../../server/http/error-handler'
import { signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * Values that SQLite takes and PostgreSQL refuses — a NUL in a text, a number beyond a
 * 32-bit column — are refused as the client's error on both databases. The fuzzing of
 * every route (malformed-input.property.test.ts) found each of these answering 500 on
 * PostgreSQL only.
 */
describe.each(DIALECTS)('values the database cannot take, on %s', (dialect) => {
  let server: TestServer
  let reviewer: string
  let admin: string

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('reviewer.qian', 'reviewer', [SYNC_SITE_ID])
    reviewer = (await server.signIn('reviewer.qian')).token
    admin = (await signInAdmin(server)).token
  })
  afterAll(() => server.dispose())

  const issuesOf = async (response: Response) => {
    expect(response.status).toBe(400)
    const { error } = await response.json() as { error: { code: string, issues: { path: string, code: string }[] } }
    expect(error.code).toBe('request.invalid')
    return error.issues.map(issue => [issue.path, issue.code])
  }

  it('a control character in a path or a query is refused before any route sees it', async () => {
    expect(await issuesOf(await server.request('/api/members/%00', { token: reviewer }))).toEqual([['path', 'text.hidden_characters']])
    expect(await issuesOf(await server.request('/api/review/applications/x%00/history', { token: reviewer }))).toEqual([['path', 'text.hidden_characters']])
    expect(await issuesOf(await server.request(`/api/members?siteId=%00&q=${encodeURIComponent('张\u0007')}`, { token: reviewer }))).toEqual([['siteId', 'text.hidden_characters'], ['q', 'text.hidden_characters']])
    expect(await issuesOf(await server.request('/api/admin/devices/%00/revoke', { method: 'POST', token: admin }))).toEqual([['path', 'text.hidden_characters']])
    // Ordinary text, percent-encoded, still passes.
    expect((await server.request(`/api/members?q=${encodeURIComponent('张 伟')}`, { token: reviewer })).status).toBe(200)
  })

  it('a version number beyond any stored one is refused, not looked up', async () => {
    expect(await issuesOf(await server.request('/api/admin/programme/versions/99999999999', { token: admin }))).toEqual([['version', 'field.too_large']])
    expect(await issuesOf(await server.request('/api/review/applications/x/versions/2147483648', { token: reviewer }))).toEqual([['version', 'field.too_large']])
    expect((await server.request('/api/admin/programme/versions/2147483647', { token: admin })).status).toBe(404)
  })

  it('a sign-in with a hidden character in the user name or device label is refused by the schema', async () => {
    const login = (json: Record<string, string>) => server.request('/api/auth/login', { method: 'POST', json: { username: 'reviewer.qian', password: 'wrong password here', deviceId: 'tablet-0001', ...json } })
    expect(await issuesOf(await login({ username: 'reviewer.qian\u0000' }))).toEqual([['username', 'text.hidden_characters']])
    expect(await issuesOf(await login({ deviceLabel: '平板\u0000' }))).toEqual([['deviceLabel', 'text.hidden_characters']])
  })

  it('a NUL in a staff member\'s site ids is refused by the schema, and nothing is written', async () => {
    const before = await server.database.db.selectFrom('staff').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const response = await server.request('/api/admin/staff', { method: 'POST', token: admin, json: { username: 'agent.nul', displayName: '空字符', role: 'field_agent', siteIds: [`${SYNC_SITE_ID}\u0000`], password: 'a long enough password' } })
    expect(await issuesOf(response)).toEqual([['siteIds.0', 'text.hidden_characters']])
    const after = await server.database.db.selectFrom('staff').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })
})

/** What no check before the query caught, PostgreSQL's refusal is still the client's error: the last line of defence. */
describe('a value the database refuses, past every check', () => {
  const answer = async (code: string) => {
    const app = new Hono<AppEnv>()
    app.onError(toErrorResponse)
    app.get('/x', () => {
      throw Object.assign(new Error('refused by the database'), { code })
    })
    const response = await app.request('/x', { headers: { 'Accept-Language': 'en' } })
    return { status: response.status, error: (await response.json() as { error: { code: string, issues?: { code: string }[] } }).error }
  }

  it('answers a NUL in a text (22021) and a number beyond its column (22003) with 400, anything else with 500', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      expect(await answer('22021')).toMatchObject({ status: 400, error: { code: 'request.invalid', issues: [{ code: 'text.hidden_characters' }] } })
      expect(await answer('22003')).toMatchObject({ status: 400, error: { code: 'request.invalid', issues: [{ code: 'field.too_large' }] } })
      expect(warn).toHaveBeenCalledTimes(2)
      expect(await answer('42P01')).toMatchObject({ status: 500, error: { code: 'server.internal' } })
      expect(error).toHaveBeenCalledTimes(1)
    }
    finally {
      warn.mockRestore()
      error.mockRestore()
    }
  })
})
