import type { SignedInAdmin } from '../../support/admin-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { updateStaffAccount } from '../../../server/services/admin-staff.service'
import { auditEntries, patchAdminRecord, signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { createTestServer, TEST_PASSWORD } from '../../support/test-server'

const NEW_PASSWORD = 'a brand new password'

describe.each(DIALECTS)('admin API: staff accounts on %s', (dialect) => {
  let server: TestServer
  let admin: SignedInAdmin

  const createStaff = (json: unknown) => server.request('/api/admin/staff', { method: 'POST', token: admin.token, json })
  const patchStaff = (id: string, json: unknown, token = admin.token) => patchAdminRecord(server, token, `/api/admin/staff/${id}`, json)
  const listStaff = async (query = '') => {
    const response = await server.request(`/api/admin/staff${query}`, { token: admin.token })
    expect(response.status).toBe(200)
    return (await response.json()).items as { id: string, username: string, role: string, siteIds: string[], disabled: boolean }[]
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', ['site-bj01'])
    await server.createStaff('agent.wang', 'field_agent', ['site-bj02'])
    await server.createStaff('reviewer.zhou', 'reviewer', ['site-bj01', 'site-bj02'])
    admin = await signInAdmin(server)
  })
  afterAll(() => server.dispose())

  it('lists accounts by user name, never with a password hash', async () => {
    const items = await listStaff()
    expect(items.map(s => s.username)).toEqual(['admin', 'agent.li', 'agent.wang', 'reviewer.zhou'])
    expect(items[1]).toEqual({
      id: 'staff-agent.li',
      username: 'agent.li',
      displayName: 'agent.li',
      role: 'field_agent',
      siteIds: ['site-bj01'],
      disabled: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      version: 1,
    })
    expect(JSON.stringify(items)).not.toMatch(/scrypt|password/i)
  })

  it('filters by role, site and disabled, and searches the user name', async () => {
    expect((await listStaff('?role=field_agent')).map(s => s.username)).toEqual(['agent.li', 'agent.wang'])
    expect((await listStaff('?siteId=site-bj02')).map(s => s.username)).toEqual(['agent.wang', 'reviewer.zhou'])
    expect((await listStaff('?disabled=true'))).toEqual([])
    expect((await listStaff('?disabled=false')).length).toBe(4)
    expect((await listStaff('?q=WANG')).map(s => s.username)).toEqual(['agent.wang'])
    expect((await listStaff('?q=agent.')).map(s => s.username)).toEqual(['agent.li', 'agent.wang'])
    // Typed as at the sign-in: full-width from a Chinese IME in full-width mode.
    expect((await listStaff(`?q=${encodeURIComponent('ＷＡＮＧ')}`)).map(s => s.username)).toEqual(['agent.wang'])
    expect((await listStaff(`?q=${encodeURIComponent('ａｇｅｎｔ．ｌｉ')}`)).map(s => s.username)).toEqual(['agent.li'])
    // `_` and `%` are matched literally, not as wildcards.
    expect(await listStaff('?q=_')).toEqual([])
    expect(await listStaff('?q=%25')).toEqual([])
    // …and so are the wildcards of SQLite's GLOB, which matches there.
    for (const wildcard of ['*', '?', '[a-z]', 'agent.[l]i', 'agent?li', 'a*'])
      expect(await listStaff(`?q=${encodeURIComponent(wildcard)}`)).toEqual([])
    expect((await listStaff('?role=field_agent&siteId=site-bj01')).map(s => s.username)).toEqual(['agent.li'])
  })

  it('lists user names with punctuation in the order of their characters, on either database', async () => {
    // A PostgreSQL database collates text in its locale: ICU zh-CN puts `_` before `-`, `.` and
    // the digits, where SQLite (and code points) put it after them.
    const names = ['li_wei', 'li.wei', 'li2', 'li-wei', 'liwei']
    for (const username of names)
      expect((await createStaff({ username, displayName: '李伟', role: 'field_agent', siteIds: [], password: NEW_PASSWORD })).status).toBe(201)
    const expected = ['li-wei', 'li.wei', 'li2', 'li_wei', 'liwei']
    expect(expected).toEqual([...names].sort())
    expect((await listStaff('?q=li')).map(s => s.username)).toEqual(['agent.li', ...expected])
  })

  it('refuses a bad filter', async () => {
    const response = await server.request('/api/admin/staff?role=boss&disabled=maybe', { token: admin.token })
    expect(response.status).toBe(400)
    const issues = (await response.json()).error.issues
    expect(issues.map((i: { path: string, code: string }) => [i.path, i.code])).toEqual(expect.arrayContaining([['role', 'field.invalid_option'], ['disabled', 'field.invalid_option']]))
  })

  it('creates an account that can sign in, and audits it without the password', async () => {
    const response = await createStaff({ username: 'agent.sun', displayName: '孙丽', role: 'field_agent', siteIds: ['site-bj01', 'site-bj02', 'site-bj01'], password: NEW_PASSWORD })
    expect(response.status).toBe(201)
    const created = await response.json()
    expect(created).toMatchObject({ username: 'agent.sun', displayName: '孙丽', role: 'field_agent', siteIds: ['site-bj01', 'site-bj02'], disabled: false })
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/)

    const signedIn = await server.signIn('agent.sun', NEW_PASSWORD)
    expect(signedIn.staffId).toBe(created.id)

    const [entry] = await auditEntries(server, admin, { action: 'staff.create', targetId: created.id })
    expect(entry).toMatchObject({ actorId: admin.staffId, actorUsername: 'admin', action: 'staff.create', targetType: 'staff', targetId: created.id })
    expect(entry!.detail).toEqual({ username: 'agent.sun', displayName: '孙丽', role: 'field_agent', siteIds: ['site-bj01', 'site-bj02'] })
    const stored = await server.database.db.selectFrom('audit_log').select('detail').execute()
    expect(stored.map(s => s.detail).join('\n')).not.toContain(NEW_PASSWORD)
  })

  it('refuses an invalid account with every issue and its code', async () => {
    const response = await createStaff({ username: 'Agent Li!', displayName: '', role: 'boss', siteIds: ['site-bj01', 'site-nowhere'], password: 'short' })
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(body.error.code).toBe('request.invalid')
    expect(body.error.issues.map((i: { path: string, code: string }) => [i.path, i.code])).toEqual(expect.arrayContaining([
      ['username', 'staff.username_format'],
      ['displayName', 'field.required'],
      ['role', 'field.invalid_option'],
      ['password', 'field.too_short'],
    ]))
    expect(body.error.issues.find((i: { path: string }) => i.path === 'username').message).toBe('用户名只能使用小写字母、数字和\u00A0.\u00A0_\u00A0-')

    const missing = await createStaff({ username: 'agent.zhu', displayName: '朱', role: 'field_agent', siteIds: ['site-bj01', 'site-nowhere'], password: NEW_PASSWORD })
    expect(missing.status).toBe(400)
    expect((await missing.json()).error.issues).toEqual([expect.objectContaining({ path: 'siteIds.1', code: 'site.unknown', params: { siteId: 'site-nowhere' } })])
    expect(await listStaff('?q=agent.zhu')).toEqual([])

    const empty = await createStaff({})
    expect(empty.status).toBe(400)
    expect((await empty.json()).error.issues.map((i: { path: string, code: string }) => `${i.path}:${i.code}`).sort())
      .toEqual(['displayName:field.required', 'password:field.required', 'role:field.required', 'username:field.required'])
  })

  it('refuses a user name that is taken with 409, even when two requests race', async () => {
    const taken = await createStaff({ username: 'agent.li', displayName: '另一个李', role: 'field_agent', password: NEW_PASSWORD })
    expect(taken.status).toBe(409)
    expect(await taken.json()).toMatchObject({ error: { code: 'staff.username_taken', params: { username: 'agent.li' }, message: '用户名“agent.li”已被使用' } })

    const racing = await Promise.all([1, 2, 3].map(i => createStaff({ username: 'agent.race', displayName: `赛${i}`, role: 'field_agent', password: NEW_PASSWORD })))
    expect(racing.map(r => r.status).sort()).toEqual([201, 409, 409])
    expect((await listStaff('?q=agent.race')).length).toBe(1)
  })

  it('changes name, role and sites; the next request of the account sees them', async () => {
    const agent = await server.signIn('agent.wang')
    const response = await patchStaff('staff-agent.wang', { displayName: '王芳', role: 'reviewer', siteIds: ['site-bj01'] })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ displayName: '王芳', role: 'reviewer', siteIds: ['site-bj01'], disabled: false })
    const me = await (await server.request('/api/me', { token: agent.token })).json()
    expect(me.staff).toMatchObject({ displayName: '王芳', role: 'reviewer', siteIds: ['site-bj01'] })

    const [entry] = await auditEntries(server, admin, { action: 'staff.update', targetId: 'staff-agent.wang' })
    expect(entry).toMatchObject({ actorId: admin.staffId, action: 'staff.update' })
    expect(entry!.detail.changes).toEqual({
      displayName: { from: 'agent.wang', to: '王芳' },
      role: { from: 'field_agent', to: 'reviewer' },
      siteIds: { from: ['site-bj02'], to: ['site-bj01'] },
    })
    // A site change tells the account's devices to refresh their reference data.
    const feed = await server.database.db.selectFrom('change_feed').select(['kind', 'payload']).where('agent_id', '=', 'staff-agent.wang').execute()
    expect(feed).toEqual([{ kind: 'reference', payload: '{"what":"sites"}' }])
  })

  it('records nothing when nothing changes', async () => {
    const before = (await auditEntries(server, admin, { action: 'staff.update' })).length
    const response = await patchStaff('staff-agent.wang', { displayName: '王芳', siteIds: ['site-bj01'] })
    expect(response.status).toBe(200)
    expect((await auditEntries(server, admin, { action: 'staff.update' })).length).toBe(before)
  })

  it('refuses an invalid change, and an unknown account', async () => {
    const invalid = await patchStaff('staff-agent.wang', { role: 'owner', disabled: 'yes', siteIds: ['site-nowhere'] })
    expect(invalid.status).toBe(400)
    expect((await invalid.json()).error.issues.map((i: { path: string, code: string }) => [i.path, i.code])).toEqual(expect.arrayContaining([['role', 'field.invalid_option'], ['disabled', 'field.type']]))
    const unknownSite = await patchStaff('staff-agent.wang', { siteIds: ['site-nowhere'] })
    expect(unknownSite.status).toBe(400)
    expect((await unknownSite.json()).error.issues).toEqual([expect.objectContaining({ path: 'siteIds.0', code: 'site.unknown' })])
    const extra = await patchStaff('staff-agent.wang', { username: 'agent.w', password: NEW_PASSWORD, displayName: 'W\u0000' })
    expect(extra.status).toBe(400)
    expect((await extra.json()).error.issues.map((i: { path: string, code: string }) => [i.path, i.code])).toEqual(expect.arrayContaining([
      ['username', 'field.unknown'],
      ['password', 'field.unknown'],
      ['displayName', 'text.hidden_characters'],
    ]))
    const unknown = await patchStaff('staff-nobody', { displayName: '谁' })
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).error.code).toBe('request.not_found')
  })

  it('disabling an account ends its sessions at once and keeps it out', async () => {
    const first = await server.signIn('agent.li')
    const second = await server.signIn('agent.li')
    const response = await patchStaff('staff-agent.li', { disabled: true })
    expect(response.status).toBe(200)
    expect((await response.json()).disabled).toBe(true)
    for (const token of [first.token, second.token]) {
      const after = await server.request('/api/me', { token })
      expect(after.status).toBe(401)
    }
    const login = await server.request('/api/auth/login', { method: 'POST', json: { username: 'agent.li', password: TEST_PASSWORD, deviceId: first.deviceId } })
    expect(login.status).toBe(403)
    expect((await login.json()).error.code).toBe('auth.account_disabled')
    expect((await listStaff('?disabled=true')).map(s => s.username)).toEqual(['agent.li'])

    const [entry] = await auditEntries(server, admin, { action: 'staff.update', targetId: 'staff-agent.li' })
    expect(entry!.detail).toMatchObject({ changes: { disabled: { from: false, to: true } }, sessionsRevoked: 2 })

    // Enabled again, the account signs in anew.
    expect((await patchStaff('staff-agent.li', { disabled: false })).status).toBe(200)
    expect((await server.signIn('agent.li')).token).toBeTruthy()
  })

  it('resetting a password ends every session, lifts a lock-out, and only the new password works', async () => {
    const before = await server.signIn('reviewer.zhou')
    for (let i = 0; i < 5; i++)
      await server.request('/api/auth/login', { method: 'POST', json: { username: 'reviewer.zhou', password: `wrong-${i}`, deviceId: before.deviceId } })
    expect((await server.request('/api/auth/login', { method: 'POST', json: { username: 'reviewer.zhou', password: TEST_PASSWORD, deviceId: before.deviceId } })).status).toBe(429)

    const response = await server.request('/api/admin/staff/staff-reviewer.zhou/reset-password', { method: 'POST', token: admin.token, json: { password: NEW_PASSWORD } })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ sessionsRevoked: 1 })
    expect((await server.request('/api/me', { token: before.token })).status).toBe(401)
    const old = await server.request('/api/auth/login', { method: 'POST', json: { username: 'reviewer.zhou', password: TEST_PASSWORD, deviceId: before.deviceId } })
    expect(old.status).toBe(401)
    expect((await server.signIn('reviewer.zhou', NEW_PASSWORD, before.deviceId)).token).toBeTruthy()

    const [entry] = await auditEntries(server, admin, { action: 'staff.reset_password' })
    expect(entry).toMatchObject({ actorId: admin.staffId, actorUsername: 'admin', targetType: 'staff', targetId: 'staff-reviewer.zhou', detail: { username: 'reviewer.zhou', sessionsRevoked: 1 } })
    const stored = await server.database.db.selectFrom('audit_log').select('detail').execute()
    expect(stored.map(s => s.detail).join('\n')).not.toContain(NEW_PASSWORD)
  })

  it('refuses a short password and an unknown account', async () => {
    const short = await server.request('/api/admin/staff/staff-reviewer.zhou/reset-password', { method: 'POST', token: admin.token, json: { password: '123456789' } })
    expect(short.status).toBe(400)
    expect((await short.json()).error.issues).toEqual([expect.objectContaining({ path: 'password', code: 'field.too_short', params: { min: 10 } })])
    const unknown = await server.request('/api/admin/staff/staff-nobody/reset-password', { method: 'POST', token: admin.token, json: { password: NEW_PASSWORD } })
    expect(unknown.status).toBe(404)
  })

  it('refuses an administrator disabling their own account, in both languages, and changes nothing; another administrator may', async () => {
    const created = await (await createStaff({ username: 'admin.self', displayName: '自我管理员', role: 'admin', password: NEW_PASSWORD })).json()
    const self = await server.signIn('admin.self', NEW_PASSWORD)
    // Two active administrators: not the last-administrator rule, but their own account.
    for (const [language, message] of [['zh-CN', '不能停用自己的账号，请由另一位管理员停用'], ['en', 'You cannot disable your own account: another administrator can']] as const) {
      const refused = await patchAdminRecord(server, self.token, `/api/admin/staff/${created.id}`, { disabled: true }, { 'Accept-Language': language })
      expect(refused.status).toBe(409)
      expect(await refused.json()).toEqual({ error: { code: 'staff.cannot_disable_self', message } })
    }
    // Nothing changed, not even the name sent with it; still signed in.
    expect((await patchStaff(created.id, { disabled: true, displayName: '改名' }, self.token)).status).toBe(409)
    const me = await server.request('/api/me', { token: self.token })
    expect(me.status).toBe(200)
    expect((await me.json()).staff).toMatchObject({ displayName: '自我管理员' })
    expect((await auditEntries(server, admin, { action: 'staff.update' })).filter(entry => entry.targetId === created.id)).toEqual([])
    // Their other changes go through; another administrator disables them.
    expect((await patchStaff(created.id, { displayName: '自我管理员（改）' }, self.token)).status).toBe(200)
    expect((await patchStaff(created.id, { disabled: true })).status).toBe(200)
    expect((await server.request('/api/me', { token: self.token })).status).toBe(401)
  })

  it('never disables or demotes the last active administrator', async () => {
    // Disabling oneself is refused on its own ground (staff.cannot_disable_self, above).
    expect(await (await patchStaff(admin.staffId, { disabled: true })).json()).toMatchObject({ error: { code: 'staff.cannot_disable_self' } })
    for (const change of [{ role: 'supervisor' }, { role: 'reviewer', displayName: '改名' }]) {
      const response = await patchStaff(admin.staffId, change)
      expect(response.status, JSON.stringify(change)).toBe(409)
      expect(await response.json()).toMatchObject({ error: { code: 'staff.last_admin', message: '这是最后一位在用的管理员，不能停用或改为其他角色' } })
    }
    const me = await (await server.request('/api/me', { token: admin.token })).json()
    expect(me.staff).toMatchObject({ role: 'admin', displayName: '系统管理员' })

    // With a second administrator, either may step down, but not both.
    const second = await (await createStaff({ username: 'admin.two', displayName: '第二管理员', role: 'admin', password: NEW_PASSWORD })).json()
    const disabledAdmin = await (await createStaff({ username: 'admin.off', displayName: '停用的管理员', role: 'admin', password: NEW_PASSWORD })).json()
    expect((await patchStaff(disabledAdmin.id, { disabled: true })).status).toBe(200)
    const demoted = await patchStaff(second.id, { role: 'supervisor' })
    expect(demoted.status).toBe(200)
    expect((await patchStaff(admin.staffId, { disabled: true })).status).toBe(409)
    expect((await patchStaff(second.id, { role: 'admin' })).status).toBe(200)
  })

  it('lets only one of two changes racing to step the last two administrators down succeed', async () => {
    // Straight to the service, so that both changes are in flight at once (over HTTP the
    // first to commit could already refuse the other's sign-in).
    const other = (await listStaff('?q=admin.two'))[0]!
    const actor = { id: admin.staffId, username: 'admin', displayName: '系统管理员', role: 'admin' as const, siteIds: [], deviceId: admin.deviceId, tokenHash: '', device: { lastSeenAt: new Date(0).toISOString(), unsyncedCount: 0, clockOffsetMs: null } }
    const versionOf = async (id: string) => (await server.database.db.selectFrom('staff').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version
    const [otherVersion, ownVersion] = [await versionOf(other.id), await versionOf(admin.staffId)]
    const results = await Promise.allSettled([
      updateStaffAccount(server.deps, actor, other.id, otherVersion, { disabled: true }, null),
      updateStaffAccount(server.deps, actor, admin.staffId, ownVersion, { role: 'supervisor' }, null),
    ])
    expect(results.map(r => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    const refused = results.find(r => r.status === 'rejected')!
    expect(refused.reason).toMatchObject({ status: 409, code: 'staff.last_admin' })
    const active = await server.database.db.selectFrom('staff').select('id').where('role', '=', 'admin').where('disabled', '=', 0).execute()
    expect(active).toHaveLength(1)
  })
})
