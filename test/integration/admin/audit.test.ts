import type { SignedInAdmin } from '../../support/admin-fixtures'
import type { TestServer } from '../../support/test-server'
import { spawnSync } from 'node:child_process'
import { dirname } from 'node:path'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditEntryHash } from '../../../server/repositories/audit.repository'
import { auditEntries, currentIfMatch, signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { createTestServer } from '../../support/test-server'

const PASSWORD = 'a password long enough'

describe.each(DIALECTS)('admin API: audit log on %s', (dialect) => {
  let server: TestServer
  let admin: SignedInAdmin
  let agentId: string
  let siteId: string
  let agentDevice: string

  /** `npm run audit:verify` against this test's database, as an operator would run it. */
  function runVerifyCli(...args: string[]): { status: number | null, output: string } {
    const { DATABASE_URL: _ignored, ...env } = process.env
    const location = server.database.location
    const result = spawnSync('npx', ['tsx', 'server/cli/verify-audit.ts', ...args], {
      env: { ...env, FIELD_ENROL_LANG: 'en', DATA_DIR: dirname(location.sqlitePath), ...(location.databaseUrl ? { DATABASE_URL: location.databaseUrl } : {}) },
      encoding: 'utf8',
      timeout: 60_000,
    })
    return { status: result.status, output: `${result.stdout}${result.stderr}` }
  }

  const search = (query: string) => server.request(`/api/admin/audit${query}`, { token: admin.token })
  const verify = async (anchor?: string) => (await server.request(`/api/admin/audit/verify${anchor === undefined ? '' : `?anchor=${encodeURIComponent(anchor)}`}`, { token: admin.token })).json()
  const lastEntry = () => server.database.db.selectFrom('audit_log').select(['seq', 'hash', 'at']).orderBy('seq', 'desc').executeTakeFirstOrThrow()

  beforeAll(async () => {
    server = await createTestServer(dialect)
    admin = await signInAdmin(server)
    const json = (path: string, method: string, body: unknown, headers: Record<string, string> = {}) => server.request(path, { method, token: admin.token, json: body, headers })
    // One of each kind of change, an hour apart (the clock starts at 02:00Z).
    server.clock.advance(3_600_000)
    siteId = (await (await json('/api/admin/sites', 'POST', { code: 'BJ02', name: '北京朝阳网点', regionCode: '110105' })).json()).id
    server.clock.advance(3_600_000)
    agentId = (await (await json('/api/admin/staff', 'POST', { username: 'agent.li', displayName: '李娜', role: 'field_agent', siteIds: [siteId], password: PASSWORD })).json()).id
    agentDevice = (await server.signIn('agent.li', PASSWORD)).deviceId
    server.clock.advance(3_600_000)
    await json(`/api/admin/staff/${agentId}`, 'PATCH', { displayName: '李娜娜' }, await currentIfMatch(server, 'staff', agentId))
    await json(`/api/admin/staff/${agentId}/reset-password`, 'POST', { password: `${PASSWORD}!` })
    server.clock.advance(3_600_000)
    await json(`/api/admin/sites/${siteId}`, 'PATCH', { name: '北京朝阳一号网点' }, await currentIfMatch(server, 'sites', siteId))
    await json(`/api/admin/devices/${agentDevice}/revoke`, 'POST', undefined)
    server.clock.advance(3_600_000)
    await json('/api/admin/programme', 'PUT', { ...DEFAULT_PROGRAMME, memberTermsVersion: '2027-01' }, { 'If-Match': '"1"' })
  })
  afterAll(() => server.dispose())

  it('records every administrative change with its actor, action and target', async () => {
    const mine = await auditEntries(server, admin, { actorId: admin.staffId })
    expect(mine.map(e => [e.action, e.targetType, e.targetId])).toEqual([
      ['programme.update', 'programme', '2'],
      ['device.revoke', 'device', agentDevice],
      ['site.update', 'site', siteId],
      ['staff.reset_password', 'staff', agentId],
      ['staff.update', 'staff', agentId],
      ['staff.create', 'staff', agentId],
      ['site.create', 'site', siteId],
      ['auth.login', 'device', admin.deviceId],
    ])
    expect(mine.every(e => e.actorUsername === 'admin')).toBe(true)
    // Detail never carries a password or a token.
    const everything = JSON.stringify(await auditEntries(server, admin, {}))
    expect(everything).not.toContain(PASSWORD)
    expect(everything).not.toContain(admin.token)
  })

  it('filters by action (exact or prefix), target and actor', async () => {
    expect((await auditEntries(server, admin, { action: 'staff.update' })).map(e => e.action)).toEqual(['staff.update'])
    expect((await auditEntries(server, admin, { action: 'staff.*' })).map(e => e.action)).toEqual(['staff.reset_password', 'staff.update', 'staff.create', 'staff.create'])
    expect((await auditEntries(server, admin, { action: 'staff_*' }))).toEqual([])
    // Actions are matched as written, prefix and all, on both databases (SQLite's LIKE ignores
    // case: it found these on SQLite only), and the prefix's characters are never wildcards.
    expect((await auditEntries(server, admin, { action: 'STAFF.*' }))).toEqual([])
    expect((await auditEntries(server, admin, { action: 'Staff.update' }))).toEqual([])
    expect((await auditEntries(server, admin, { action: 's?aff.*' }))).toEqual([])
    expect((await auditEntries(server, admin, { action: 'st*.*' }))).toEqual([])
    expect((await auditEntries(server, admin, { action: '[s]taff.*' }))).toEqual([])
    expect((await auditEntries(server, admin, { targetType: 'site' })).map(e => e.action)).toEqual(['site.update', 'site.create'])
    expect((await auditEntries(server, admin, { targetType: 'staff', targetId: agentId })).map(e => e.action)).toEqual(['staff.reset_password', 'staff.update', 'staff.create'])
    expect((await auditEntries(server, admin, { actorId: agentId })).map(e => e.action)).toEqual(['auth.login'])
    // The first administrator was created by the first start, with no actor.
    const [first] = (await auditEntries(server, admin, { action: 'staff.create', targetId: admin.staffId }))
    expect(first).toMatchObject({ actorId: null, actorUsername: null, detail: { username: 'admin', reason: 'first start' } })
  })

  it('filters by time, from inclusive to exclusive, whatever the offset', async () => {
    const between = await auditEntries(server, admin, { from: '2026-11-23T05:00:00Z', to: '2026-11-23T07:00:00Z' })
    expect(between.map(e => e.action)).toEqual(['device.revoke', 'site.update', 'staff.reset_password', 'staff.update'])
    const sameInChina = await auditEntries(server, admin, { from: '2026-11-23T13:00:00+08:00', to: '2026-11-23T15:00:00+08:00' })
    expect(sameInChina).toEqual(between)
    expect((await auditEntries(server, admin, { from: '2026-11-23T07:00:00.000Z' })).map(e => e.action)).toEqual(['programme.update'])
  })

  it('pages newest first, with the total', async () => {
    const all = await auditEntries(server, admin, {})
    const first = await (await search('?pageSize=3')).json()
    expect(first).toMatchObject({ page: 1, pageSize: 3, total: all.length })
    expect(first.items).toEqual(all.slice(0, 3))
    const second = await (await search('?pageSize=3&page=2')).json()
    expect(second.items).toEqual(all.slice(3, 6))
    expect(all.map(e => e.seq)).toEqual([...all.map(e => e.seq)].sort((a, b) => b - a))
    const beyond = await (await search('?page=99')).json()
    expect(beyond).toMatchObject({ items: [], total: all.length })
  })

  it('refuses a bad query with every issue and its code', async () => {
    const response = await search('?pageSize=201&page=0&from=yesterday')
    expect(response.status).toBe(400)
    expect((await response.json()).error.issues.map((i: { path: string, code: string }) => [i.path, i.code])).toEqual(expect.arrayContaining([
      ['pageSize', 'field.too_large'],
      ['page', 'field.too_small'],
      ['from', 'field.format'],
    ]))
    // A range that ends before it begins is refused, as the statistics and the queue refuse one.
    const reversed = await search(`?from=${encodeURIComponent('2026-12-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-01-01T00:00:00+08:00')}`)
    expect(reversed.status).toBe(400)
    expect((await reversed.json()).error.issues).toEqual([expect.objectContaining({ path: 'to', code: 'date.range_reversed' })])
  })

  it('takes bounds at the ends of the calendar: one past 9999 in UTC is still after every entry', async () => {
    // 9999-12-31 23:00 at UTC−12 is 10000-01-01 in UTC, which toISOString writes '+010000-…':
    // compared as text with the stored instants it sorted before all of them.
    const total = (await (await search('?pageSize=1')).json()).total
    const late = encodeURIComponent('9999-12-31T23:00:00-12:00')
    expect((await (await search(`?to=${late}&pageSize=1`)).json()).total).toBe(total)
    expect((await (await search(`?from=${late}`)).json()).total).toBe(0)
    const early = encodeURIComponent('0000-01-01T00:30:00+14:00')
    expect((await (await search(`?from=${early}&pageSize=1`)).json()).total).toBe(total)
    expect((await (await search(`?to=${early}`)).json()).total).toBe(0)
  })

  it('verifies the chain through the API and the command line, and gives its end to note down', async () => {
    const count = (await (await search('?pageSize=1')).json()).total
    const last = await lastEntry()
    expect(await verify()).toEqual({ ok: true, checked: count, head: { seq: Number(last.seq), hash: last.hash, at: last.at } })
    const cli = runVerifyCli()
    expect(cli.output).toContain(`${count} entries`)
    expect(cli.output).toContain('OK: the audit chain holds')
    expect(cli.output).toContain(`anchor ${last.seq}:${last.hash.slice(0, 16)}`)
    expect(cli.status).toBe(0)
  }, 60_000)

  it('holds an anchor noted earlier; entries cut from the end, or a chain rewritten with fresh hashes, no longer reach it', async () => {
    const noted = await lastEntry()
    const anchor = `${noted.seq}:${noted.hash.slice(0, 16)}`
    // Later work adds entries after the anchor: it still holds.
    await server.request('/api/admin/sites', { method: 'POST', token: admin.token, json: { code: 'BJ03', name: '北京海淀网点', regionCode: '110108' } })
    await server.request('/api/admin/sites', { method: 'POST', token: admin.token, json: { code: 'BJ04', name: '北京东城网点', regionCode: '110101' } })
    expect(await verify(anchor)).toMatchObject({ ok: true, anchor: 'holds' })
    expect(await verify(`#${noted.seq}:${noted.hash.toUpperCase()}`)).toMatchObject({ ok: true, anchor: 'holds' })
    expect(runVerifyCli('--anchor', anchor)).toMatchObject({ status: 0, output: expect.stringContaining(`reaches the anchor #${noted.seq} with its hash`) })

    const rows = await server.database.db.selectFrom('audit_log').selectAll().where('seq', '>=', Number(noted.seq)).orderBy('seq').execute()
    try {
      // The anchor's entry and everything after it removed: what is left still holds as a chain.
      await server.database.db.deleteFrom('audit_log').where('seq', '>=', Number(noted.seq)).execute()
      expect((await verify()).ok).toBe(true)
      expect(await verify(anchor)).toMatchObject({ ok: false, anchor: 'missing', head: { seq: Number(noted.seq) - 1 } })
      const cut = runVerifyCli('--anchor', anchor)
      expect(cut.status).toBe(1)
      expect(cut.output).toContain(`ends at entry #${Number(noted.seq) - 1}`)
      expect(cut.output).toContain(`before the anchor #${noted.seq}: entries were removed from its end`)

      // Put back with the anchor's entry altered and every hash from it recomputed: a chain that holds, but not the one noted.
      let previousHash = (await lastEntry()).hash
      for (const row of rows) {
        const fields = { ...row, seq: Number(row.seq), prev_hash: previousHash, detail: row.seq === noted.seq ? '{"rewritten":true}' : row.detail }
        const hash = auditEntryHash(fields)
        await server.database.db.insertInto('audit_log').values({ ...fields, hash }).execute()
        previousHash = hash
      }
      expect((await verify()).ok).toBe(true)
      expect(await verify(anchor)).toMatchObject({ ok: false, anchor: 'different' })
      const rewritten = runVerifyCli('--anchor', anchor)
      expect(rewritten.status).toBe(1)
      expect(rewritten.output).toContain(`entry #${noted.seq} does not have the anchor's hash`)
    }
    finally {
      await server.database.db.deleteFrom('audit_log').where('seq', '>=', Number(noted.seq)).execute()
      await server.database.db.insertInto('audit_log').values(rows).execute()
    }
    expect(await verify(anchor)).toMatchObject({ ok: true, anchor: 'holds' })

    // Not an anchor: refused with its own code, and by the command before it reads anything.
    const refused = await server.request('/api/admin/audit/verify?anchor=12', { token: admin.token })
    expect(refused.status).toBe(400)
    expect((await refused.json()).error.issues).toEqual([expect.objectContaining({ path: 'anchor', code: 'audit.anchor_format' })])
    const bad = runVerifyCli('--anchor', `${noted.seq}:abc`)
    expect(bad.status).toBe(2)
    expect(bad.output).toContain('Not an anchor: \'')
  }, 120_000)

  it('names the first broken entry after one is tampered with, through the API and the command line', async () => {
    const [target] = await auditEntries(server, admin, { action: 'staff.update' })
    const seq = target!.seq
    const original = await server.database.db.selectFrom('audit_log').select('detail').where('seq', '=', seq).executeTakeFirstOrThrow()
    await server.database.db.updateTable('audit_log').set({ detail: '{"username":"someone.else"}' }).where('seq', '=', seq).execute()

    expect(await verify()).toMatchObject({ ok: false, checked: seq - 1, brokenAt: seq, head: { seq: seq - 1 } })
    const cli = runVerifyCli()
    expect(cli.status).toBe(1)
    expect(cli.output).toContain(`BROKEN: the audit chain is broken at entry #${seq}`)
    expect(cli.output).toContain('staff.update')

    // Put back, the chain holds again; an entry removed breaks it where it was.
    await server.database.db.updateTable('audit_log').set({ detail: original.detail }).where('seq', '=', seq).execute()
    expect((await verify()).ok).toBe(true)
    await server.database.db.deleteFrom('audit_log').where('seq', '=', seq).execute()
    expect(await verify()).toMatchObject({ ok: false, checked: seq - 1, brokenAt: seq, head: { seq: seq - 1 } })
  }, 60_000)

  it.runIf(dialect === 'sqlite')('refuses to run the command against a folder with no database', () => {
    const { DATABASE_URL: _ignored, ...env } = process.env
    const result = spawnSync('npx', ['tsx', 'server/cli/verify-audit.ts'], { env: { ...env, FIELD_ENROL_LANG: 'en', DATA_DIR: '/nonexistent/field-enrol' }, encoding: 'utf8', timeout: 60_000 })
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('No database at /nonexistent/field-enrol/field-enrol.sqlite')
  }, 60_000)
})
