import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../../server/repositories/audit.repository'
import { DIALECTS } from '../../support/databases'
import { createTestServer, TEST_PASSWORD } from '../../support/test-server'

/** POST /api/me/password: a signed-in staff member changes their own password. */
describe.each(DIALECTS)('changing one\'s own password on %s', (dialect) => {
  let server: TestServer
  const NEW_PASSWORD = 'a brand new password'

  beforeAll(async () => {
    server = await createTestServer(dialect)
  })
  afterAll(() => server.dispose())

  const change = (token: string, json: Record<string, unknown>, headers: Record<string, string> = {}) =>
    server.request('/api/me/password', { method: 'POST', token, json, headers })

  it('changes it: the old one no longer signs in, the new one does; this session goes on, the others end', async () => {
    await server.createStaff('pw.li', 'reviewer', ['site-bj01'])
    const desk = await server.signIn('pw.li')
    const tablet = await server.signIn('pw.li')

    const response = await change(desk.token, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ sessionsEnded: 1 })

    expect((await server.request('/api/me', { token: desk.token })).status).toBe(200)
    const ended = await server.request('/api/me', { token: tablet.token })
    expect(ended.status).toBe(401)
    expect((await ended.json()).error.code).toBe('auth.required')
    await expect(server.signIn('pw.li', TEST_PASSWORD)).rejects.toThrow()
    expect((await server.signIn('pw.li', NEW_PASSWORD)).token).toBeTruthy()

    const audit = await server.database.db.selectFrom('audit_log').select(['action', 'actor_id', 'target_id', 'detail']).where('action', '=', 'auth.password_changed').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_id: 'staff-pw.li', target_id: 'staff-pw.li' })
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ sessionsEnded: 1 })
    expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD)
    expect((await verifyAuditChain(server.database.db)).ok).toBe(true)
  })

  it('refuses a wrong current password in the request\'s language, and changes nothing', async () => {
    await server.createStaff('pw.wang', 'field_agent', ['site-bj01'])
    const { token } = await server.signIn('pw.wang')
    const zh = await change(token, { currentPassword: 'not my password', newPassword: NEW_PASSWORD })
    expect(zh.status).toBe(400)
    expect(await zh.json()).toEqual({ error: { code: 'auth.wrong_password', message: '当前密码不正确' } })
    const en = await change(token, { currentPassword: 'not my password', newPassword: NEW_PASSWORD }, { 'Accept-Language': 'en' })
    expect((await en.json()).error.message).toBe('The current password is wrong')
    expect((await server.signIn('pw.wang', TEST_PASSWORD)).token).toBeTruthy()
    expect((await server.request('/api/me', { token })).status).toBe(200)
  })

  it('counts wrong current passwords as failed sign-ins: locked after five, for sign-in too', async () => {
    await server.createStaff('pw.zhao', 'supervisor')
    const { token } = await server.signIn('pw.zhao')
    for (let i = 0; i < 5; i++)
      expect((await change(token, { currentPassword: `guess-${i}-guess`, newPassword: NEW_PASSWORD })).status).toBe(400)
    const locked = await change(token, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })
    expect(locked.status).toBe(429)
    expect((await locked.json()).error).toMatchObject({ code: 'auth.locked', params: { minutes: 15 } })
    const signIn = await server.request('/api/auth/login', { method: 'POST', json: { username: 'pw.zhao', password: TEST_PASSWORD, deviceId: 'desk-pw-zhao-0001', deviceLabel: 'PC' } })
    expect(signIn.status).toBe(429)
    server.clock.advance(16 * 60_000)
    expect((await change(token, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(200)
  })

  it('refuses a short new password and one equal to the current, with the shared issues', async () => {
    await server.createStaff('pw.chen', 'admin')
    const { token } = await server.signIn('pw.chen')
    const short = await change(token, { currentPassword: TEST_PASSWORD, newPassword: 'short' })
    expect(short.status).toBe(400)
    expect((await short.json()).error.issues).toEqual([expect.objectContaining({ path: 'newPassword', code: 'field.too_short', params: { min: 10 }, message: '至少10个字符' })])
    const same = await change(token, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })
    expect(same.status).toBe(400)
    expect((await same.json()).error.issues).toEqual([expect.objectContaining({ path: 'newPassword', code: 'password.unchanged', message: '新密码不能与当前密码相同' })])
    expect((await server.signIn('pw.chen', TEST_PASSWORD)).token).toBeTruthy()
  })

  it('needs a session', async () => {
    const response = await server.request('/api/me/password', { method: 'POST', json: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } })
    expect(response.status).toBe(401)
  })
})
