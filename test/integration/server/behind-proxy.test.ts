import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app'
import { DIALECTS } from '../../support/databases'
import { createTestServer, TEST_PASSWORD } from '../../support/test-server'

/**
 * The server behind the HTTPS reverse proxy README asks for: every connection comes from
 * the proxy's address. With TRUST_PROXY_HOPS the client's own address is read from
 * X-Forwarded-For, so the per-address sign-in throttle and the audit log see the tablets,
 * not the proxy; without it the header is ignored, so nobody can forge an address.
 */
describe.each(DIALECTS)('behind a reverse proxy on %s', (dialect) => {
  let server: TestServer
  const PROXY = '10.0.0.2'

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', ['site-bj01'])
  })
  afterAll(() => server.dispose())

  /** A sign-in arriving through the proxy, for the client at `client`, on an app trusting `hops` proxies. */
  const signInVia = (app: ReturnType<typeof createApp>, client: string, username: string, password: string) =>
    app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': client },
      body: JSON.stringify({ username, password, deviceId: `tablet-${client.replace(/\D/g, '')}`, deviceLabel: 'tablet' }),
    }, { incoming: { socket: { remoteAddress: PROXY } } })

  it('throttles the tablet that failed and records its address, not the proxy\'s, when told the proxy is trusted', async () => {
    const app = createApp({ ...server.deps, env: { ...server.deps.env, TRUST_PROXY_HOPS: 1 } })
    // Thirty failed sign-ins from one tablet (a different mistyped name each time) ...
    for (let i = 0; i < 30; i++)
      expect((await signInVia(app, '203.0.113.5', `nobody.${i}`, 'wrong password')).status).toBe(401)
    expect((await signInVia(app, '203.0.113.5', 'agent.li', TEST_PASSWORD)).status).toBe(429)
    // ... lock that tablet's address, not every tablet behind the proxy.
    const other = await signInVia(app, '198.51.100.7', 'agent.li', TEST_PASSWORD)
    expect(other.status).toBe(200)
    const logins = await server.database.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login').execute()
    expect(logins.map(l => l.ip)).toEqual(['198.51.100.7'])
  })

  it('ignores X-Forwarded-For when no proxy is trusted (the default): a client cannot choose its address', async () => {
    expect(server.deps.env.TRUST_PROXY_HOPS).toBe(0)
    const app = createApp(server.deps)
    const forged = await signInVia(app, '192.0.2.99', 'nobody.forged', 'wrong password')
    expect(forged.status).toBe(401)
    const failed = await server.database.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login_failed').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(failed.ip).toBe(PROXY)
  })
})
