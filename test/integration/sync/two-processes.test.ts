import type { MutationResult } from '#shared/sync/protocol'
import type { TestDatabase } from '../../support/databases'
import type { ServerProcess } from '../../support/server-process'
import type { SignedInAgent } from '../../support/sync-fixtures'
import { randomBytes } from 'node:crypto'
import { dirname } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertStaff } from '../../../server/repositories/staff.repository'
import { hashPassword } from '../../../server/security/passwords'
import { createTestDatabase, postgresUrl } from '../../support/databases'
import { applicantOf } from '../../support/review-fixtures'
import { signInTo, startServerProcess } from '../../support/server-process'
import { agentApplication, pushBody, submit, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { TEST_PASSWORD } from '../../support/test-server'

// Scale-out (DESIGN.md §7): stateless server processes behind a load balancer on one
// PostgreSQL. Two real processes receive overlapping batches, retries included, at the
// same time: every application is stored exactly once, and every mutation is answered
// as applied exactly once across both.
describe.runIf(postgresUrl)('two server processes on one PostgreSQL', () => {
  let database: TestDatabase
  let servers: ServerProcess[] = []
  let agent: SignedInAgent

  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    const at = new Date().toISOString()
    await database.db.insertInto('sites').values({ id: SYNC_SITE_ID, code: 'BJ01', name: '朝阳网点', region_code: '110105', active: 1, created_at: at }).execute()
    await insertStaff(database.db, { id: 'staff-supervisor.zhou', username: 'supervisor.zhou', displayName: '周主管', role: 'supervisor', passwordHash: await hashPassword(TEST_PASSWORD), siteIds: [] }, at)
    await insertStaff(database.db, { id: 'staff-agent.li', username: 'agent.li', displayName: '李外勤', role: 'field_agent', passwordHash: await hashPassword(TEST_PASSWORD), siteIds: [SYNC_SITE_ID] }, at)
    const env = {
      DATABASE_URL: database.location.databaseUrl!,
      DATA_DIR: dirname(database.location.sqlitePath),
      FIELD_ENROL_DATA_KEY: randomBytes(32).toString('base64'),
      ADMIN_PASSWORD: 'admin-password-for-tests',
    }
    servers = await Promise.all([startServerProcess(env), startServerProcess(env)])
    const body = await signInTo(servers[0]!.url, 'agent.li', TEST_PASSWORD, 'tablet-two-processes')
    agent = { token: body.token, staffId: body.staff.id, deviceId: body.device.id, deviceCode: body.device.code }
  }, 60_000)

  afterAll(async () => {
    await Promise.all(servers.map(s => s.stop()))
    await database?.dispose()
  })

  it('stores every application once and applies every mutation once, with overlapping batches and retries', async () => {
    const mutations = Array.from({ length: 60 }, (_, i) => submit(agentApplication(agent, i + 1, { person: applicantOf(i + 1) })))
    // Server A gets 0–39 in batches of 10, server B 15–59 in batches of 15 (batches
    // overlapping out of step, the shape that can deadlock), and each batch is sent twice.
    const plan: Array<[ServerProcess, typeof mutations]> = []
    for (let start = 0; start < 40; start += 10)
      plan.push([servers[0]!, mutations.slice(start, start + 10)])
    for (let start = 15; start < 60; start += 15)
      plan.push([servers[1]!, mutations.slice(start, start + 15)])
    const doubled = [...plan, ...plan]
    const answers = await Promise.all(doubled.map(async ([server, batch]) => {
      const response = await fetch(`${server.url}/api/sync/push`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${agent.token}` },
        body: JSON.stringify(pushBody(batch)),
      })
      expect(response.status).toBe(200)
      return ((await response.json()) as { results: MutationResult[] }).results
    }))

    const results = answers.flat()
    expect(results.filter(r => r.outcome !== 'applied' && r.outcome !== 'already_applied')).toEqual([])
    const applied = results.filter(r => r.outcome === 'applied').map(r => r.mutationId)
    expect(applied).toHaveLength(60)
    expect(new Set(applied).size).toBe(60)

    const rows = await database.db.selectFrom('applications').select(['id', 'receipt_no']).execute()
    expect(rows).toHaveLength(60)
    expect(new Set(rows.map(r => r.receipt_no)).size).toBe(60)
    const versions = await database.db.selectFrom('application_versions').select('application_id').execute()
    expect(versions).toHaveLength(60)
    const feed = await database.db.selectFrom('change_feed').select('seq').orderBy('seq').execute()
    expect(feed.map(f => Number(f.seq))).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
  }, 60_000)

  it('approves concurrently on both processes: one approval per application, one member each, numbers unique and gap-free', async () => {
    const { token } = await signInTo(servers[1]!.url, 'supervisor.zhou', TEST_PASSWORD, 'desk-two-processes')
    const act = (server: ServerProcess, id: string, action: string, version: number) => fetch(`${server.url}/api/review/applications/${id}/actions/${action}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${token}`, 'If-Match': `"${version}"` },
      body: JSON.stringify({}),
    })
    // Every application already arrived with all its attachments marked as stored.
    const ids = (await database.db.selectFrom('applications').select('id').execute()).map(r => r.id)
    await database.db.updateTable('applications').set({ attachments_complete: 1 }).execute()
    for (const id of ids)
      expect((await act(servers[0]!, id, 'start_review', 1)).status).toBe(200)

    const statuses = await Promise.all(ids.flatMap(id => servers.map(server => act(server, id, 'approve', 2).then(r => ({ id, status: r.status })))))
    for (const id of ids) {
      const mine = statuses.filter(s => s.id === id).map(s => s.status).sort()
      expect(mine, id).toEqual([200, 409])
    }
    const members = await database.db.selectFrom('members').select(['member_no', 'application_id']).orderBy('member_no').execute()
    expect(members).toHaveLength(ids.length)
    expect(new Set(members.map(m => m.application_id)).size).toBe(ids.length)
    expect(members.map(m => m.member_no)).toEqual(ids.map((_, i) => `FE${String(i + 1).padStart(8, '0')}`))
  }, 60_000)
})
