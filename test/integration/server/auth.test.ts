import type { TestServer } from '../../support/test-server'
import { isDeviceCode } from '#shared/receipt/receipt-number'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../../server/repositories/audit.repository'
import { DIALECTS } from '../../support/databases'
import { createTestServer, TEST_PASSWORD } from '../../support/test-server'

describe.each(DIALECTS)('accounts and sessions on %s', (dialect) => {
  let server: TestServer

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', ['site-bj01'])
    await server.createStaff('agent.wang', 'field_agent', ['site-bj01'])
  })
  afterAll(() => server.dispose())

  const login = (username: string, password: string, deviceId = 'tablet-0001-abcdef', headers: Record<string, string> = {}) =>
    server.request('/api/auth/login', { method: 'POST', headers, json: { username, password, deviceId, deviceLabel: '平板 1' } })

  it('signs in the first administrator created at the first start', async () => {
    const response = await login('admin', server.adminPassword, 'admin-desk-000001')
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.staff).toMatchObject({ username: 'admin', role: 'admin' })
  })

  it('signs in, registers the device with a receipt-number device code, and answers /api/me', async () => {
    const response = await login('agent.li', TEST_PASSWORD)
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.token).toMatch(/^[\w-]{40,}$/)
    expect(isDeviceCode(body.device.code)).toBe(true)
    expect(body.staff).toEqual({ id: 'staff-agent.li', username: 'agent.li', displayName: 'agent.li', role: 'field_agent', siteIds: ['site-bj01'] })

    const me = await server.request('/api/me', { token: body.token })
    expect(me.status).toBe(200)
    expect(await me.json()).toEqual({ staff: body.staff, deviceId: 'tablet-0001-abcdef' })

    // The same device signing in again keeps its code.
    const again = await (await login('agent.li', TEST_PASSWORD)).json()
    expect(again.device.code).toBe(body.device.code)
    // The token is stored only as a hash.
    const stored = await server.database.db.selectFrom('sessions').select('token_hash').execute()
    expect(stored.map(s => s.token_hash)).not.toContain(body.token)
  })

  it('refuses a wrong password with a localised message, and never says whether the user exists', async () => {
    const zh = await login('agent.li', 'wrong password')
    expect(zh.status).toBe(401)
    expect(await zh.json()).toEqual({ error: { code: 'auth.invalid_credentials', message: '用户名或密码错误' } })
    const en = await login('nobody.here', 'wrong password', 'tablet-0001-abcdef', { 'Accept-Language': 'en-GB,en;q=0.9' })
    expect(en.status).toBe(401)
    expect(await en.json()).toEqual({ error: { code: 'auth.invalid_credentials', message: 'Wrong user name or password' } })
  })

  it('signs in whatever case or width the user name is typed in, as the one account', async () => {
    // A tablet's keyboard capitalises the first letter, Caps Lock is on at a desk, a Chinese
    // IME in full-width mode types ａｇｅｎｔ．ｌｉ: user names are stored in lower case.
    for (const typed of ['Agent.Li', 'AGENT.LI', ' ａｇｅｎｔ．ｌｉ ']) {
      const response = await login(typed, TEST_PASSWORD)
      expect(response.status, typed).toBe(200)
      expect((await response.json()).staff.id, typed).toBe('staff-agent.li')
    }
    const wrong = await login('Agent.Li', 'wrong password')
    expect(wrong.status).toBe(401)
    const failures = await server.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'auth.login_failed').execute()
    expect(failures.map(f => JSON.parse(f.detail).username)).toContain('agent.li')
  })

  it('never writes a password typed into the user name field to the audit log', async () => {
    // The focus jumped, the agent typed the password as the name: no such account. The log
    // (read by administrators) records the failure and the address, not what was typed.
    const typo = await login(TEST_PASSWORD, TEST_PASSWORD)
    expect(typo.status).toBe(401)
    const entries = await server.database.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'auth.login_failed').orderBy('seq', 'desc').limit(1).execute()
    expect(entries[0]!.actor_id).toBeNull()
    expect(JSON.parse(entries[0]!.detail)).toEqual({ unknownUser: true })
    const everything = await server.database.db.selectFrom('audit_log').select('detail').execute()
    expect(everything.some(e => e.detail.includes(TEST_PASSWORD))).toBe(false)
  })

  it('never keeps a name typed at sign-in in the clear in the failure counts either', async () => {
    // The throttle counts failures per user name, and those rows outlive the lock: the
    // password typed as the name must not sit in the database (and its backups) as typed.
    const typed = 'Tr0ub4dor&3 typed as the name'
    expect((await login(typed, TEST_PASSWORD)).status).toBe(401)
    expect((await login('agent.wang', 'wrong password')).status).toBe(401)
    const keys = (await server.database.db.selectFrom('login_attempts').select('key').execute()).map(row => row.key)
    expect(keys.some(key => key.startsWith('user:'))).toBe(true)
    for (const key of keys) {
      expect(key).not.toContain(typed.toLowerCase())
      expect(key).not.toContain('agent.wang')
    }
  })

  it('locks a user name after repeated failures, then lets it in again after the lock', async () => {
    await server.createStaff('agent.zhao', 'field_agent', ['site-bj01'])
    for (let i = 0; i < 5; i++)
      expect((await login('agent.zhao', `wrong-${i}`, 'tablet-zhao-000001')).status).toBe(401)
    const locked = await login('agent.zhao', TEST_PASSWORD, 'tablet-zhao-000001')
    expect(locked.status).toBe(429)
    expect(await locked.json()).toMatchObject({ error: { code: 'auth.locked', params: { minutes: 15 } } })
    // Said to clients and proxies the standard way too: the seconds until the lock ends.
    expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThan(14 * 60)
    expect(Number(locked.headers.get('Retry-After'))).toBeLessThanOrEqual(15 * 60)
    server.clock.advance(16 * 60_000)
    expect((await login('agent.zhao', TEST_PASSWORD, 'tablet-zhao-000001')).status).toBe(200)
  })

  it('checks no more than five of a burst of guesses sent at once: the rest are refused unchecked and the name is locked', async () => {
    await server.createStaff('agent.sun', 'field_agent', ['site-bj01'])
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => login('agent.sun', `guess-${i}`, 'tablet-sun-000001')))
    const statuses = burst.map(r => r.status).sort()
    expect(statuses.filter(s => s === 401)).toHaveLength(5)
    expect(statuses.filter(s => s === 429)).toHaveLength(15)
    const failed = await server.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'auth.login_failed').execute()
    expect(failed.filter(e => e.detail.includes('agent.sun'))).toHaveLength(5)
    // Locked: the right password too, until the lock ends.
    expect((await login('agent.sun', TEST_PASSWORD, 'tablet-sun-000001')).status).toBe(429)
    server.clock.advance(16 * 60_000)
    expect((await login('agent.sun', TEST_PASSWORD, 'tablet-sun-000001')).status).toBe(200)
  })

  it('lets the right password in after four failures and starts the count again; right ones do not count', async () => {
    await server.createStaff('agent.qian', 'field_agent', ['site-bj01'])
    for (let i = 0; i < 4; i++)
      expect((await login('agent.qian', `wrong-${i}`, 'tablet-qian-00001')).status).toBe(401)
    expect((await login('agent.qian', TEST_PASSWORD, 'tablet-qian-00001')).status).toBe(200)
    for (let i = 0; i < 4; i++)
      expect((await login('agent.qian', `wrong-again-${i}`, 'tablet-qian-00001')).status).toBe(401)
    for (let i = 0; i < 6; i++)
      expect((await login('agent.qian', TEST_PASSWORD, 'tablet-qian-00001')).status).toBe(200)
  })

  it('reads the bearer token whatever case the scheme is written in (RFC 9110: it is case-insensitive)', async () => {
    const { token } = await server.signIn('agent.li')
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const response = await server.request('/api/me', { headers: { Authorization: `${scheme} ${token}` } })
      expect(response.status, scheme).toBe(200)
    }
    for (const header of [`Basic ${token}`, 'Bearer', `Bearer${token}`]) {
      const response = await server.request('/api/me', { headers: { Authorization: header } })
      expect(response.status, header).toBe(401)
      expect((await response.json()).error.code).toBe('auth.required')
    }
  })

  it('ends a session on logout', async () => {
    const { token } = await server.signIn('agent.li')
    expect((await server.request('/api/auth/logout', { method: 'POST', token })).status).toBe(204)
    const after = await server.request('/api/me', { token })
    expect(after.status).toBe(401)
    expect((await after.json()).error.code).toBe('auth.required')
  })

  it('expires a session after its lifetime', async () => {
    const { token } = await server.signIn('agent.li')
    server.clock.advance(31 * 86_400_000)
    const response = await server.request('/api/me', { token })
    expect(response.status).toBe(401)
    expect((await response.json()).error.code).toBe('auth.session_expired')
  })

  it('refuses requests without a token or with an unknown one', async () => {
    expect((await server.request('/api/me')).status).toBe(401)
    expect((await server.request('/api/me', { token: 'not-a-token' })).status).toBe(401)
  })

  it('tells a revoked device to wipe itself, and refuses its sign-in', async () => {
    const { token, deviceId } = await server.signIn('agent.wang')
    await server.database.db.updateTable('devices').set({ revoked_at: server.clock.now().toISOString() }).where('id', '=', deviceId).execute()
    const response = await server.request('/api/me', { token })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: { code: 'auth.device_revoked', wipe: true } })
    expect((await login('agent.wang', TEST_PASSWORD, deviceId)).status).toBe(403)
  })

  it('refuses a device id that belongs to another user', async () => {
    const { deviceId } = await server.signIn('agent.li')
    const response = await login('agent.wang', TEST_PASSWORD, deviceId)
    expect(response.status).toBe(409)
    expect((await response.json()).error.code).toBe('auth.device_other_user')
  })

  it('registers a new device once when its first sign-ins arrive at once (a double tap, a retry)', async () => {
    // Several devices, so that some pair of sign-ins surely meets between the look-up and the insert.
    for (let n = 1; n <= 5; n++) {
      const deviceId = `tablet-burst-00000${n}`
      const responses = await Promise.all([1, 2, 3].map(() => login('agent.li', TEST_PASSWORD, deviceId)))
      expect(responses.map(r => r.status)).toEqual([200, 200, 200])
      const codes = new Set((await Promise.all(responses.map(r => r.json()))).map(body => body.device.code))
      expect(codes.size).toBe(1)
      const devices = await server.database.db.selectFrom('devices').select(['code', 'staff_id']).where('id', '=', deviceId).execute()
      expect(devices).toEqual([{ code: [...codes][0], staff_id: 'staff-agent.li' }])
    }
  })

  it('gives a new device to one of two users signing in on it at once, and refuses the other as for another user\'s device', async () => {
    for (let n = 1; n <= 5; n++) {
      const deviceId = `tablet-shared-00000${n}`
      const [li, wang] = await Promise.all([login('agent.li', TEST_PASSWORD, deviceId), login('agent.wang', TEST_PASSWORD, deviceId)])
      expect([li!.status, wang!.status].sort()).toEqual([200, 409])
      const refused = li!.status === 409 ? li! : wang!
      expect((await refused.json()).error.code).toBe('auth.device_other_user')
      const owner = (li!.status === 200 ? 'staff-agent.li' : 'staff-agent.wang')
      expect(await server.database.db.selectFrom('devices').select('staff_id').where('id', '=', deviceId).execute()).toEqual([{ staff_id: owner }])
    }
  })

  it('refuses a disabled account', async () => {
    await server.createStaff('agent.gone', 'field_agent', ['site-bj01'])
    await server.database.db.updateTable('staff').set({ disabled: 1 }).where('username', '=', 'agent.gone').execute()
    const response = await login('agent.gone', TEST_PASSWORD, 'tablet-gone-000001')
    expect(response.status).toBe(403)
    expect((await response.json()).error.code).toBe('auth.account_disabled')
  })

  it('records the unsynced count every contact reports', async () => {
    const { token, deviceId } = await server.signIn('agent.li')
    await server.request('/api/me', { token, headers: { 'X-Unsynced-Count': '7' } })
    const device = await server.database.db.selectFrom('devices').select('unsynced_count').where('id', '=', deviceId).executeTakeFirstOrThrow()
    expect(Number(device.unsynced_count)).toBe(7)
  })

  it('ignores an unsynced count that is no count, and answers the request as on any database', async () => {
    // The count is advisory: a header beyond the column (PostgreSQL refused the whole
    // request with a 400 naming no field, SQLite stored it) or not a plain number is not one.
    const { token, deviceId } = await server.signIn('agent.li')
    await server.request('/api/me', { token, headers: { 'X-Unsynced-Count': '5' } })
    for (const value of ['3000000000', '12abc', '1e3', '-4', '0x10', '']) {
      const response = await server.request('/api/me', { token, headers: { 'X-Unsynced-Count': value } })
      expect(response.status, value).toBe(200)
      const device = await server.database.db.selectFrom('devices').select('unsynced_count').where('id', '=', deviceId).executeTakeFirstOrThrow()
      expect(Number(device.unsynced_count), value).toBe(5)
    }
  })

  it('writes the device\'s last contact only when it changed or is over a minute old', async () => {
    const { token, deviceId } = await server.signIn('agent.li')
    const seen = async () => (await server.database.db.selectFrom('devices').select(['last_seen_at', 'unsynced_count']).where('id', '=', deviceId).executeTakeFirstOrThrow())
    await server.request('/api/me', { token, headers: { 'X-Unsynced-Count': '3' } })
    const first = await seen()
    server.clock.advance(10_000)
    await server.request('/api/me', { token, headers: { 'X-Unsynced-Count': '3' } })
    expect(await seen()).toEqual(first)
    server.clock.advance(61_000)
    await server.request('/api/me', { token, headers: { 'X-Unsynced-Count': '3' } })
    expect((await seen()).last_seen_at).toBe(server.clock.now().toISOString())
  })

  it('answers invalid input with every issue, in the shared form', async () => {
    const response = await server.request('/api/auth/login', { method: 'POST', json: { username: 'agent.li', deviceId: 'x' } })
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(body.error.code).toBe('request.invalid')
    expect(body.error.issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'password', code: 'field.required', message: '必填' }),
      expect.objectContaining({ path: 'deviceId', code: 'field.too_short' }),
    ]))
  })

  it('answers malformed JSON and oversized bodies with their own codes', async () => {
    const malformed = await server.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"username":' })
    expect(malformed.status).toBe(400)
    expect((await malformed.json()).error.code).toBe('request.malformed')
    const huge = await server.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'x'.repeat(5 * 1024 * 1024) }) })
    expect(huge.status).toBe(413)
    expect((await huge.json()).error).toMatchObject({ code: 'request.too_large', params: { maxMb: 4 } })
    // Not JSON at all: said so, not a generic "invalid".
    const form = await server.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'username=a&password=b' })
    expect(form.status).toBe(415)
    expect((await form.json()).error.code).toBe('request.unsupported_media_type')
  })

  it('audits sign-ins, failures and sign-outs in an unbroken chain', async () => {
    const actions = await server.database.db.selectFrom('audit_log').select('action').orderBy('seq').execute()
    const names = new Set(actions.map(a => a.action))
    expect(names).toEqual(new Set(['staff.create', 'auth.login', 'auth.login_failed', 'auth.logout']))
    const report = await verifyAuditChain(server.database.db)
    expect(report).toEqual({ ok: true, checked: actions.length, head: { seq: actions.length, hash: expect.stringMatching(/^[0-9a-f]{64}$/), at: expect.any(String) } })
  })

  it('finds a tampered audit entry', async () => {
    await server.database.db.updateTable('audit_log').set({ detail: '{"username":"someone else"}' }).where('seq', '=', 3).execute()
    expect(await verifyAuditChain(server.database.db)).toMatchObject({ ok: false, brokenAt: 3 })
  })
})
