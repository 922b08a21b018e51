import type { SignedInAdmin } from '../../support/admin-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditEntries, signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * No lost update on staff accounts and sites: a change names the version it was made on
 * (If-Match), as for applications, members and the programme settings. Without it → 428;
 * on a version another administrator already replaced → 409 with the record as it now is,
 * and nothing changes; of two changes made on one version at once, exactly one applies.
 */
const CASES = [
  { kind: 'staff', table: 'staff', id: 'staff-agent.li', field: 'display_name', change: (n: string) => ({ displayName: n }), read: (r: Record<string, unknown>) => r.displayName },
  { kind: 'sites', table: 'sites', id: SYNC_SITE_ID, field: 'name', change: (n: string) => ({ name: n }), read: (r: Record<string, unknown>) => r.name },
] as const

describe.each(DIALECTS)('admin API: versions of staff accounts and sites on %s', (dialect) => {
  let server: TestServer
  let admin: SignedInAdmin

  const patch = (kind: string, id: string, json: unknown, ifMatch?: string) =>
    server.request(`/api/admin/${kind}/${id}`, { method: 'PATCH', token: admin.token, json, headers: ifMatch === undefined ? {} : { 'If-Match': ifMatch } })
  const stored = async (table: 'staff' | 'sites', id: string) => {
    const row = await server.database.db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    return row as unknown as Record<string, unknown> & { version: number }
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    admin = await signInAdmin(server)
  })
  afterAll(() => server.dispose())

  it.each(CASES)('$kind: lists the version, and a change raises it and answers it as the ETag', async ({ kind, table, id, change, read }) => {
    const listed = (await (await server.request(`/api/admin/${kind}`, { token: admin.token })).json()).items.find((r: { id: string }) => r.id === id)
    expect(listed.version).toBe((await stored(table, id)).version)
    const response = await patch(kind, id, change('第一次改名'), `"${listed.version}"`)
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.version).toBe(listed.version + 1)
    expect(read(body)).toBe('第一次改名')
    expect(response.headers.get('ETag')).toBe(`"${listed.version + 1}"`)
  })

  it.each(CASES)('$kind: a change without If-Match is refused with 428, and changes nothing', async ({ kind, table, id, field, change }) => {
    const before = await stored(table, id)
    const response = await patch(kind, id, change('没有版本'))
    expect(response.status).toBe(428)
    expect((await response.json()).error.code).toBe('request.version_required')
    expect((await patch(kind, id, change('不是版本'), 'abc')).status).toBe(400)
    expect(await stored(table, id)).toEqual(before)
    expect(before[field]).not.toBe('没有版本')
  })

  it.each(CASES)('$kind: a change on a replaced version is 409 with the current copy; nothing changes, nothing is audited', async ({ kind, table, id, change, read }) => {
    const before = await stored(table, id)
    const audited = (await auditEntries(server, admin, { targetId: id })).length
    // Even a change that would change nothing: it was decided on what the other one replaced.
    for (const json of [change('过期的改名'), {}]) {
      const response = await patch(kind, id, json, `"${before.version - 1}"`)
      expect(response.status).toBe(409)
      const { error } = await response.json()
      expect(error.code).toBe('request.version_conflict')
      expect(error.current).toMatchObject({ id, version: before.version })
      expect(read(error.current)).toBe('第一次改名')
    }
    expect(await stored(table, id)).toEqual(before)
    expect((await auditEntries(server, admin, { targetId: id })).length).toBe(audited)
  })

  it.each(CASES)('$kind: of two changes made on one version at once, exactly one applies', async ({ kind, table, id, field, change }) => {
    const { version } = await stored(table, id)
    const responses = await Promise.all(['甲的改名', '乙的改名'].map(name => patch(kind, id, change(name), `"${version}"`)))
    expect(responses.map(r => r.status).sort()).toEqual([200, 409])
    const won = await responses.find(r => r.status === 200)!.json()
    const lost = await responses.find(r => r.status === 409)!.json()
    const after = await stored(table, id)
    expect(after.version).toBe(version + 1)
    expect(after[field]).toBe(kind === 'staff' ? won.displayName : won.name)
    // The loser is told what the winner made of it.
    expect(lost.error.current).toEqual(won)
  })

  it('raises an account\'s version on a password reset, a site change and a disabling too', async () => {
    const versionNow = async () => (await stored('staff', 'staff-agent.li')).version
    let version = await versionNow()
    expect((await server.request('/api/admin/staff/staff-agent.li/reset-password', { method: 'POST', token: admin.token, json: { password: 'another long password' } })).status).toBe(200)
    expect(await versionNow()).toBe(++version)
    expect((await patch('staff', 'staff-agent.li', { siteIds: [] }, `"${version}"`)).status).toBe(200)
    expect(await versionNow()).toBe(++version)
    expect((await patch('staff', 'staff-agent.li', { disabled: true }, `"${version}"`)).status).toBe(200)
    expect(await versionNow()).toBe(++version)
    // The sites' version moves when a site is switched off.
    const site = await stored('sites', SYNC_SITE_ID)
    expect((await patch('sites', SYNC_SITE_ID, { active: false }, `"${site.version}"`)).status).toBe(200)
    expect((await stored('sites', SYNC_SITE_ID)).version).toBe(site.version + 1)
  })
})
