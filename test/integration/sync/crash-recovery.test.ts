import type { Mutation, MutationResult, PullResponse } from '#shared/sync/protocol'
import type { TestDatabase } from '../../support/databases'
import type { ServerProcess } from '../../support/server-process'
import type { SignedInAgent } from '../../support/sync-fixtures'
import { Buffer } from 'node:buffer'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../../server/repositories/audit.repository'
import { insertStaff } from '../../../server/repositories/staff.repository'
import { hashPassword } from '../../../server/security/passwords'
import { ABANDONED_AFTER_MS } from '../../../server/storage/abandoned-uploads'
import { attachmentsFolder } from '../../../server/storage/attachment-tree'
import { createTestDatabase, DIALECTS } from '../../support/databases'
import { applicantOf } from '../../support/review-fixtures'
import { signInTo, startServerProcess } from '../../support/server-process'
import { agentApplication, pushBody, submit, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { TEST_PASSWORD } from '../../support/test-server'

// No data loss when the server dies (DESIGN.md §5): a real server process is killed with
// SIGKILL in the middle of pushes, approvals and an upload, and started again on the same
// database and folder. Whatever it acknowledged is there; whatever it did not is either
// wholly there or wholly absent, and the device's retry settles it without a duplicate;
// counters, the change feed and the audit chain carry on without a gap or a break.
// (A process crash, not a power cut: that the commits are fsynced is synchronous=FULL's
// job, set in server/db/database.ts.)

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))
}

describe.each(DIALECTS)('a server process killed mid-work, on %s', (dialect) => {
  let database: TestDatabase
  let env: Record<string, string>
  let server: ServerProcess
  let agent: SignedInAgent
  let supervisorToken: string

  const signIn = (username: string, deviceId: string) => signInTo(server.url, username, TEST_PASSWORD, deviceId)

  async function push(batch: Mutation[]): Promise<MutationResult[]> {
    const response = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${agent.token}` },
      body: JSON.stringify(pushBody(batch)),
    })
    expect(response.status).toBe(200)
    return ((await response.json()) as { results: MutationResult[] }).results
  }

  function act(id: string, action: string, version: number): Promise<Response> {
    return fetch(`${server.url}/api/review/applications/${id}/actions/${action}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${supervisorToken}`, 'If-Match': `"${version}"` },
      body: JSON.stringify({}),
    })
  }

  /**
   * Starts every request at once and kills the server as soon as the first one is
   * answered: it is then busy with the rest. Resolves to each request's answer, or to
   * 'cut' for those the kill interrupted.
   */
  async function killDuring<T>(requests: Array<() => Promise<T>>): Promise<Array<T | 'cut'>> {
    const settled = requests.map(request => request().catch(() => 'cut' as const))
    await Promise.race(settled)
    await server.kill()
    return Promise.all(settled)
  }

  beforeAll(async () => {
    database = await createTestDatabase(dialect)
    const at = new Date().toISOString()
    await database.db.insertInto('sites').values({ id: SYNC_SITE_ID, code: 'BJ01', name: '朝阳网点', region_code: '110105', active: 1, created_at: at }).execute()
    await insertStaff(database.db, { id: 'staff-supervisor.zhou', username: 'supervisor.zhou', displayName: '周主管', role: 'supervisor', passwordHash: await hashPassword(TEST_PASSWORD), siteIds: [] }, at)
    await insertStaff(database.db, { id: 'staff-agent.li', username: 'agent.li', displayName: '李外勤', role: 'field_agent', passwordHash: await hashPassword(TEST_PASSWORD), siteIds: [SYNC_SITE_ID] }, at)
    env = {
      ...(database.location.databaseUrl ? { DATABASE_URL: database.location.databaseUrl } : {}),
      DATA_DIR: dirname(database.location.sqlitePath),
      FIELD_ENROL_DATA_KEY: randomBytes(32).toString('base64'),
      ADMIN_PASSWORD: 'admin-password-for-tests',
    }
    server = await startServerProcess(env)
    const login = await signIn('agent.li', 'tablet-crash-recovery')
    agent = { token: login.token, staffId: login.staff.id, deviceId: login.device.id, deviceCode: login.device.code }
    supervisorToken = (await signIn('supervisor.zhou', 'desk-crash-recovery')).token
  }, 60_000)

  afterAll(async () => {
    await server?.stop()
    await database?.dispose()
  })

  const APPLICATIONS = 300
  const BATCH = 20
  let batches: Mutation[][]

  it('keeps every acknowledged push, and the retry after the restart stores each application once', async () => {
    batches = chunks(Array.from({ length: APPLICATIONS }, (_, i) => submit(agentApplication(agent, i + 1, { person: applicantOf(i + 1) }))), BATCH)
    const acknowledged = new Map<string, MutationResult>()
    // Four batches one after another, as one tablet sends them…
    for (const batch of batches.slice(0, 4)) {
      for (const result of await push(batch))
        acknowledged.set(result.mutationId, result)
    }
    // …then six tablets' batches at once, and the server dies while working on them.
    const answers = await killDuring(batches.slice(4, 10).map(batch => () => push(batch)))
    expect(answers.filter(answer => answer === 'cut').length).toBeGreaterThan(0)
    for (const answer of answers) {
      if (answer !== 'cut')
        answer.forEach(result => acknowledged.set(result.mutationId, result))
    }
    expect([...acknowledged.values()].every(result => result.outcome === 'applied')).toBe(true)

    server = await startServerProcess(env)
    // What was acknowledged survived the crash, at the version the device was told.
    const stored = new Map((await database.db.selectFrom('applications').select(['id', 'version', 'status']).execute()).map(row => [row.id, row]))
    for (const result of acknowledged.values()) {
      const receipt = (result as Extract<MutationResult, { outcome: 'applied' }>).receipt
      expect(stored.get(receipt.applicationId), receipt.applicationId).toMatchObject({ version: receipt.version, status: 'submitted' })
    }

    // The device retries everything it holds (its token still works): the answers it saw
    // are repeated, the cut batches and the unsent ones apply, nothing twice.
    const retried = new Map<string, MutationResult>()
    for (const batch of batches) {
      for (const result of await push(batch))
        retried.set(result.mutationId, result)
    }
    expect(retried.size).toBe(APPLICATIONS)
    for (const [mutationId, result] of retried) {
      const before = acknowledged.get(mutationId)
      if (before) {
        expect(result.outcome, mutationId).toBe('already_applied')
        expect((result as Extract<MutationResult, { outcome: 'already_applied' }>).receipt.version).toBe((before as Extract<MutationResult, { outcome: 'applied' }>).receipt.version)
      }
      else {
        expect(['applied', 'already_applied'], mutationId).toContain(result.outcome)
      }
    }

    const rows = await database.db.selectFrom('applications').select(['id', 'receipt_no', 'version']).execute()
    expect(rows).toHaveLength(APPLICATIONS)
    expect(new Set(rows.map(row => row.receipt_no)).size).toBe(APPLICATIONS)
    expect(rows.every(row => Number(row.version) === 1)).toBe(true)
    expect(await database.db.selectFrom('application_versions').select('application_id').execute()).toHaveLength(APPLICATIONS)
    const feed = await database.db.selectFrom('change_feed').select('seq').orderBy('seq').execute()
    expect(feed.map(entry => Number(entry.seq))).toEqual(Array.from({ length: APPLICATIONS }, (_, i) => i + 1))

    // The device's pull from the start sees each application exactly once.
    const pulled: string[] = []
    for (let cursor = 0, more = true; more;) {
      const response = await fetch(`${server.url}/api/sync/pull?cursor=${cursor}`, { headers: { Authorization: `Bearer ${agent.token}` } })
      expect(response.status).toBe(200)
      const page = await response.json() as PullResponse
      pulled.push(...page.changes.map(change => change.applicationId))
      cursor = page.cursor
      more = page.hasMore
    }
    expect(pulled.sort()).toEqual(rows.map(row => row.id).sort())

    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true })
  }, 120_000)

  it('approves either wholly (member and number) or not at all, and numbers stay unique and gap-free', async () => {
    const ids = (await database.db.selectFrom('applications').select('id').orderBy('receipt_no').limit(40).execute()).map(row => row.id)
    // The attachments are not what this test is about: every file counts as arrived.
    await database.db.updateTable('applications').set({ attachments_complete: 1 }).execute()
    for (const id of ids)
      expect((await act(id, 'start_review', 1)).status).toBe(200)

    const answers = await killDuring(ids.map(id => () => act(id, 'approve', 2).then(response => response.status)))
    expect(answers.filter(answer => answer === 'cut').length).toBeGreaterThan(0)
    expect(answers.filter(answer => answer !== 'cut')).toEqual(answers.filter(answer => answer !== 'cut').map(() => 200))
    server = await startServerProcess(env)
    supervisorToken = (await signIn('supervisor.zhou', 'desk-crash-recovery')).token

    const approvedBefore = ids.filter((_, i) => answers[i] === 200)
    async function snapshot() {
      const applications = await database.db.selectFrom('applications').select(['id', 'status', 'version', 'member_id']).where('id', 'in', ids).execute()
      const members = await database.db.selectFrom('members').select(['id', 'member_no', 'application_id']).execute()
      return { applications, members }
    }
    const after = await snapshot()
    for (const application of after.applications) {
      const member = after.members.find(m => m.application_id === application.id)
      if (application.status === 'approved') {
        expect(member, application.id).toBeDefined()
        expect(application.member_id).toBe(member!.id)
      }
      else {
        expect(application.status, application.id).toBe('in_review')
        expect(member, application.id).toBeUndefined()
        expect(approvedBefore).not.toContain(application.id)
      }
    }

    // The reviewer approves the rest again, each at the version the server now holds.
    for (const application of after.applications.filter(a => a.status === 'in_review'))
      expect((await act(application.id, 'approve', Number(application.version))).status).toBe(200)
    const members = (await snapshot()).members
    expect(members).toHaveLength(ids.length)
    expect(new Set(members.map(m => m.application_id))).toEqual(new Set(ids))
    expect(members.map(m => m.member_no).sort()).toEqual(ids.map((_, i) => `FE${String(i + 1).padStart(8, '0')}`))
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true })
  }, 120_000)

  it('stores nothing of an upload the crash cut short; the retry stores it whole and the fragment is swept', async () => {
    const root = attachmentsFolder(env.DATA_DIR!)
    const bytes = Buffer.concat([Buffer.from([0xFF, 0xD8, 0xFF, 0xE0]), randomBytes(3 * 1024 * 1024)])
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const folder = join(root, sha256.slice(0, 2), sha256.slice(2, 4))
    const fragments = () => existsSync(folder) ? readdirSync(folder).filter(name => name.endsWith('.part')) : []
    const upload = (body: Uint8Array | ReadableStream<Uint8Array>) => fetch(`${server.url}/api/attachments/${sha256}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/jpeg', 'Authorization': `Bearer ${agent.token}` },
      body,
      duplex: 'half',
    } as RequestInit)

    // A slow tablet: 64 KiB every 20 ms, so the kill lands mid-file.
    let sent = 0
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= bytes.length)
          return controller.close()
        await sleep(20)
        controller.enqueue(bytes.subarray(sent, sent + 64 * 1024))
        sent += 64 * 1024
      },
    }, { highWaterMark: 0 })
    const cut = upload(slow).then(response => response.status, () => 'cut' as const)
    for (let waited = 0; !fragments().some(name => statSync(join(folder, name)).size >= 256 * 1024); waited += 20) {
      expect(waited, 'the upload never reached the disk').toBeLessThan(20_000)
      await sleep(20)
    }
    await server.kill()
    expect(await cut).toBe('cut')
    expect(existsSync(join(folder, sha256))).toBe(false)
    const [fragment] = fragments()
    expect(fragment).toBeDefined()

    // An hour later, say: the next start removes the fragment in the background.
    const old = new Date(Date.now() - ABANDONED_AFTER_MS - 60_000)
    utimesSync(join(folder, fragment!), old, old)
    server = await startServerProcess(env)
    for (let waited = 0; fragments().length > 0; waited += 50) {
      expect(waited, 'the fragment was not swept').toBeLessThan(10_000)
      await sleep(50)
    }
    // The sweep logs once it has finished, which the output pipe brings a moment after the
    // fragment is gone from the disk.
    await expect.poll(() => server.output(), { timeout: 10_000 }).toMatch(/Removed 1 unfinished upload\(s\) \(\d+ bytes\)/)

    const missing = await fetch(`${server.url}/api/attachments/${sha256}`, { method: 'HEAD', headers: { Authorization: `Bearer ${agent.token}` } })
    expect(missing.status).toBe(404)
    const retried = await upload(bytes)
    expect(retried.status).toBe(201)
    expect(readFileSync(join(folder, sha256)).equals(bytes)).toBe(true)
    expect(fragments()).toEqual([])
  }, 120_000)
})
