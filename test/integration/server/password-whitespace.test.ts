import type { SignedInAdmin } from '../../support/admin-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadEnv } from '../../../server/config/env'
import { signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { createTestServer, TEST_PASSWORD } from '../../support/test-server'

const SPACES = ' '.repeat(10)
const IDEOGRAPHIC_SPACES = '\u3000'.repeat(10)

/**
 * A password of white space alone is no password: refused with its own code wherever one is
 * set — one's own change, the administrator's new account and reset, ADMIN_PASSWORD.
 */
describe.each(DIALECTS)('passwords of white space alone on %s', (dialect) => {
  let server: TestServer
  let admin: SignedInAdmin

  beforeAll(async () => {
    server = await createTestServer(dialect)
    admin = await signInAdmin(server)
  })
  afterAll(() => server.dispose())

  it.each([['ten spaces', SPACES, 'ws.li'], ['ten ideographic spaces', IDEOGRAPHIC_SPACES, 'ws.chen']])('are refused as one\'s own new password (%s), in the request\'s language', async (_label, password, username) => {
    await server.createStaff(username, 'reviewer', ['site-bj01'])
    const { token } = await server.signIn(username)
    const change = (language: string) => server.request('/api/me/password', { method: 'POST', token, json: { currentPassword: TEST_PASSWORD, newPassword: password }, headers: { 'Accept-Language': language } })
    const zh = await change('zh-CN')
    expect(zh.status).toBe(400)
    expect((await zh.json()).error.issues).toEqual([{ path: 'newPassword', code: 'password.whitespace_only', message: '密码不能全是空格（含全角空格）' }])
    const en = await change('en')
    expect((await en.json()).error.issues).toEqual([expect.objectContaining({ path: 'newPassword', code: 'password.whitespace_only', message: 'A password cannot be spaces alone (full-width ones included)' })])
    // Nothing changed: the old password still signs in.
    expect((await server.signIn(username, TEST_PASSWORD)).token).toBeTruthy()
  })

  it('are refused for a new account and a reset by the administrator', async () => {
    const created = await server.request('/api/admin/staff', { method: 'POST', token: admin.token, json: { username: 'ws.wang', displayName: '王', role: 'reviewer', siteIds: [], password: IDEOGRAPHIC_SPACES } })
    expect(created.status).toBe(400)
    expect((await created.json()).error.issues).toEqual([expect.objectContaining({ path: 'password', code: 'password.whitespace_only', message: '密码不能全是空格（含全角空格）' })])
    const id = await server.createStaff('ws.zhao', 'reviewer', [])
    const reset = await server.request(`/api/admin/staff/${id}/reset-password`, { method: 'POST', token: admin.token, json: { password: SPACES } })
    expect(reset.status).toBe(400)
    expect((await reset.json()).error.issues).toEqual([expect.objectContaining({ path: 'password', code: 'password.whitespace_only' })])
    expect((await server.signIn('ws.zhao', TEST_PASSWORD)).token).toBeTruthy()
  })
})

describe('aDMIN_PASSWORD of white space alone', () => {
  it('stops the server at start-up with the policy\'s words', () => {
    expect(() => loadEnv({ ADMIN_PASSWORD: IDEOGRAPHIC_SPACES })).toThrow('ADMIN_PASSWORD: A password cannot be spaces alone (full-width ones included)')
    expect(() => loadEnv({ ADMIN_PASSWORD: SPACES })).toThrow('A password cannot be spaces alone')
  })
})
