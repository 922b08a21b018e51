import type { Role } from '#shared/status/roles'
import type { TestServer } from '../../support/test-server'
import { ROLES } from '#shared/status/roles'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../support/databases'
import { createTestServer } from '../../support/test-server'

/**
 * Every route of the OpenAPI description against every role, no token, an expired token
 * and a revoked device. The routes come from /api/openapi.json, so a new route without a
 * decision here fails this test until its access rule is written down.
 */

const PUBLIC = new Set(['POST /api/auth/login'])
const ALL_ROLES: readonly Role[] = ROLES

/** Who may call each route; matched by method and path prefix, first match wins. */
const RULES: Array<[method: string, prefix: string, roles: readonly Role[]]> = [
  ['*', '/api/auth/logout', ALL_ROLES],
  // Lists, details and card/status operations (cancel is further limited to supervisors by the shared table).
  ['*', '/api/members', ['reviewer', 'supervisor']],
  // Exports carry personal data, masked or not: desk staff only (full values: supervisors, checked per request).
  ['*', '/api/exports/', ['reviewer', 'supervisor']],
  // Counts and staff names only: administrators too.
  ['*', '/api/stats/', ['reviewer', 'supervisor', 'admin']],
  // Site, staff and category names for the desk's filters and labels: administrators too.
  ['GET', '/api/directory', ['reviewer', 'supervisor', 'admin']],
  ['*', '/api/me', ALL_ROLES],
  ['*', '/api/sync/', ['field_agent']],
  ['PUT', '/api/attachments/', ['field_agent']],
  ['HEAD', '/api/attachments/', ['field_agent']],
  ['GET', '/api/attachments/', ['field_agent', 'reviewer', 'supervisor']],
  ['*', '/api/review/', ['reviewer', 'supervisor']],
  ['*', '/api/admin/', ['admin']],
]

function allowedRoles(method: string, path: string): readonly Role[] | null {
  for (const [m, prefix, roles] of RULES) {
    if ((m === '*' || m === method) && path.startsWith(prefix))
      return roles
  }
  return null
}

/** A concrete path for a templated one: ids that exist nowhere, so nothing is changed. */
function concrete(path: string): string {
  return path
    .replace('{sha256}', 'a'.repeat(64))
    .replace('{version}', '1')
    .replace(/\{[^}]+\}/g, '00000000-0000-7000-8000-000000000000')
}

describe.each(DIALECTS)('authorization matrix on %s', (dialect) => {
  let server: TestServer
  let routes: Array<{ method: string, path: string }>
  const tokens = new Map<Role, string>()

  beforeAll(async () => {
    server = await createTestServer(dialect)
    for (const role of ALL_ROLES.filter(r => r !== 'admin'))
      await server.createStaff(`matrix.${role}`, role, role === 'supervisor' ? [] : ['site-bj01'])
    for (const role of ALL_ROLES)
      tokens.set(role, (role === 'admin' ? await server.signIn('admin', server.adminPassword) : await server.signIn(`matrix.${role}`)).token)
    const doc = await (await server.request('/api/openapi.json')).json()
    routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).map(method => ({ method: method.toUpperCase(), path })))
  })
  afterAll(() => server.dispose())

  const call = (route: { method: string, path: string }, token?: string) =>
    server.request(concrete(route.path), { method: route.method, token, ...(route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH' ? { json: {} } : {}) })

  it('has an access rule for every route', () => {
    expect(routes.length).toBeGreaterThan(10)
    const undecided = routes.filter(r => !PUBLIC.has(`${r.method} ${r.path}`) && !allowedRoles(r.method, r.path))
    expect(undecided).toEqual([])
  })

  it('refuses every protected route without a token (401)', async () => {
    for (const route of routes.filter(r => !PUBLIC.has(`${r.method} ${r.path}`))) {
      const response = await call(route)
      expect(response.status, `${route.method} ${route.path}`).toBe(401)
    }
  })

  it('refuses every role a route does not name (403 auth.forbidden) and lets the others past the role check', async () => {
    // Signing out would end the session the rest of the loop uses; auth.test.ts covers it.
    for (const route of routes.filter(r => !PUBLIC.has(`${r.method} ${r.path}`) && r.path !== '/api/auth/logout')) {
      const allowed = allowedRoles(route.method, route.path)!
      for (const role of ALL_ROLES) {
        const response = await call(route, tokens.get(role))
        const label = `${role} ${route.method} ${route.path} → ${response.status}`
        if (allowed.includes(role)) {
          expect([401, 403], label).not.toContain(response.status)
        }
        else {
          expect(response.status, label).toBe(403)
          if (route.method !== 'HEAD')
            expect((await response.json()).error.code, label).toBe('auth.forbidden')
        }
      }
    }
  })

  it('refuses an expired session on every protected route (401 auth.session_expired)', async () => {
    const { token } = await server.signIn('matrix.field_agent')
    server.clock.advance(400 * 86_400_000)
    try {
      for (const route of routes.filter(r => !PUBLIC.has(`${r.method} ${r.path}`) && r.method !== 'HEAD')) {
        const response = await call(route, token)
        expect(response.status, `${route.method} ${route.path}`).toBe(401)
        expect((await response.json()).error.code).toBe('auth.session_expired')
      }
    }
    finally {
      server.clock.advance(-400 * 86_400_000)
    }
  })

  it('tells a revoked device to wipe itself on every protected route (403 auth.device_revoked)', async () => {
    const { token, deviceId } = await server.signIn('matrix.reviewer')
    await server.database.db.updateTable('devices').set({ revoked_at: server.clock.now().toISOString() }).where('id', '=', deviceId).execute()
    for (const route of routes.filter(r => !PUBLIC.has(`${r.method} ${r.path}`) && r.method !== 'HEAD')) {
      const response = await call(route, token)
      expect(response.status, `${route.method} ${route.path}`).toBe(403)
      expect(await response.json()).toMatchObject({ error: { code: 'auth.device_revoked', wipe: true } })
    }
  })
})
