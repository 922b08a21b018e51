import type { MembersCast } from '../../support/review-fixtures'
import type { TestResponse, TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../support/databases'
import { applicantOf, membersCast, reviewAction } from '../../support/review-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * No answer of the API may be kept by a browser's or a proxy's cache: it carries sign-in
 * tokens and people's data, masked or revealed, also in errors (a stale decision's 409 holds
 * the current copy). Each answer says `no-store`, whatever its status — every route of the
 * OpenAPI document called as each role, and the answers that carry data in full.
 */

function neverStored(response: TestResponse): void {
  expect(response.headers.get('cache-control') ?? '').toMatch(/\bno-store\b/)
}

describe.each(DIALECTS)('answers of the API never cached, on %s', (dialect) => {
  let server: TestServer
  let cast: MembersCast
  let applicationId: string

  beforeAll(async () => {
    server = await createTestServer(dialect)
    cast = await membersCast(server, [1])
    const member = await (await server.request(`/api/members/${cast.ids[1]}`, { token: cast.supervisor.token })).json()
    applicationId = member.applicationId
  })
  afterAll(() => server.dispose())

  it('answers a sign-in, with its token, as never stored', async () => {
    const response = await server.request('/api/auth/login', { method: 'POST', json: { username: 'reviewer.chen', password: 'correct horse battery', deviceId: 'desk-no-store-1', deviceLabel: 'Desk · Chrome' } })
    expect(response.status).toBe(200)
    expect((await response.json()).token).toBeTruthy()
    neverStored(response)
  })

  it('answers an application and a member revealed in full as never stored', async () => {
    const application = await server.request(`/api/review/applications/${applicationId}?reveal=true`, { token: cast.reviewer.token })
    expect(application.status).toBe(200)
    expect((await application.json()).application.person.idNumber).toBe(applicantOf(1).idNumber)
    neverStored(application)
    const member = await server.request(`/api/members/${cast.ids[1]}?reveal=true`, { token: cast.reviewer.token })
    expect(member.status).toBe(200)
    expect((await member.json()).mobile).toBe(applicantOf(1).mobile)
    neverStored(member)
    for (const path of ['/api/review/applications', '/api/members', `/api/review/applications/${applicationId}/history`, `/api/review/applications/${applicationId}/versions/1?reveal=true`]) {
      const response = await server.request(path, { token: cast.reviewer.token })
      expect(response.status, path).toBe(200)
      neverStored(response)
    }
  })

  it('answers errors as never stored: a stale decision\'s current copy, a record not found, no token, an unknown path', async () => {
    const stale = await reviewAction(server, cast.reviewer.token, applicationId, 'start_review', 1)
    expect(stale.status).toBe(409)
    expect((await stale.json()).error.current).toBeTruthy()
    neverStored(stale)
    neverStored(await server.request('/api/members/00000000-0000-7000-8000-000000000000', { token: cast.reviewer.token }))
    neverStored(await server.request('/api/members'))
    neverStored(await server.request('/api/nothing-here', { token: cast.reviewer.token }))
  })

  it('answers every route of the OpenAPI document as never stored, for every role', async () => {
    const admin = await server.signIn('admin', server.adminPassword)
    const doc = await (await server.request('/api/openapi.json')).json()
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).map(method => ({ method: method.toUpperCase(), path })))
    expect(routes.length).toBeGreaterThan(10)
    const concrete = (path: string) => path
      .replace('{sha256}', 'a'.repeat(64))
      .replace('{version}', '1')
      .replace('{id}', path.startsWith('/api/review/') ? applicationId : path.startsWith('/api/members/') || path.startsWith('/api/exports/members/') ? cast.ids[1]! : '00000000-0000-7000-8000-000000000000')
      .replace(/\{[^}]+\}/g, '00000000-0000-7000-8000-000000000000')
    const stored: string[] = []
    // Reads only: a write would change what the next call finds (its answers are errors here, also checked).
    for (const token of [cast.li.token, cast.reviewer.token, cast.supervisor.token, admin.token]) {
      for (const route of routes) {
        if (route.path === '/api/auth/logout')
          continue
        const write = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH'
        const response = await server.request(concrete(route.path), { method: route.method, token, ...(write ? { json: {} } : {}) })
        await response.arrayBuffer()
        if (!/\bno-store\b/.test(response.headers.get('cache-control') ?? ''))
          stored.push(`${route.method} ${route.path} → ${response.status} ${response.headers.get('cache-control')}`)
      }
    }
    expect(stored).toEqual([])
  })
})
