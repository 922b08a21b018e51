import type { TestDialect } from '../../support/databases'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { deskApplication, OTHER_SITE_ID, pushApplication, reviewAction } from '../../support/review-fixtures'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * The same work on SQLite and on PostgreSQL must read the same at the desk: one seeded
 * history — two sites, two agents, applications hours and minutes apart (some in the same
 * millisecond), missing documents, duplicates, decisions — then every list, sort, filter,
 * page, export, statistic and admin list read on each database, and the answers compared.
 * PostgreSQL differs from SQLite in ways each dialect's own tests cannot see: its collation
 * orders text (`_` before `.`), its LIKE keeps case, its transactions run at once, its
 * counts are bigints. Ids the run draws at random (members, devices, candidates) are
 * numbered in order of appearance, so the answers compare as text.
 */

type Answers = Record<string, unknown>
const answers: Partial<Record<TestDialect, Answers>> = {}

/** The answers as text, with every random UUID and device id numbered by first appearance. */
function comparable(value: Answers): Answers {
  const seen = new Map<string, string>()
  const text = JSON.stringify(value)
    .replace(/device-[a-z.]+-[0-9a-f]{8}/g, 'device')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
      if (!seen.has(id))
        seen.set(id, `id#${seen.size}`)
      return seen.get(id)!
    })
  return JSON.parse(text) as Answers
}

describe.each(DIALECTS)('the desk\'s reads on %s', (dialect) => {
  const HOUR = 3_600_000
  let server: Awaited<ReturnType<typeof createTestServer>>

  beforeAll(async () => {
    server = await createTestServer(dialect)
  })
  afterAll(() => server.dispose())

  it('seeds one history and reads it back everywhere', async () => {
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('agent.zhao', 'field_agent', [OTHER_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    // Device codes are drawn at random at the first sign-in; receipt numbers carry them.
    const agent = async (username: string, code: string) => {
      const signedIn = await server.signIn(username)
      await server.database.db.updateTable('devices').set({ code }).where('id', '=', signedIn.deviceId).execute()
      return { ...signedIn, deviceCode: code }
    }
    const li = await agent('agent.li', 'AB12')
    const zhao = await agent('agent.zhao', 'CD34')
    const supervisor = await server.signIn('supervisor.wu')
    const admin = await signInAdmin(server)
    for (const username of ['li_wei', 'li.wei', 'li2', 'li-wei', 'liwei'])
      await server.createStaff(username, 'field_agent', [SYNC_SITE_ID])

    const ids: Record<number, string> = {}
    for (let seq = 1; seq <= 26; seq++) {
      const by = seq % 3 === 0 ? zhao : li
      // Every fourth arrives in the same millisecond as the one before it.
      if (seq % 4 !== 0)
        server.clock.advance(seq % 2 ? 5 * HOUR : 60_000)
      // From 20 on, the applicants share the first one's mobile: duplicate candidates.
      const app = deskApplication(by, seq, seq % 3 === 0 ? OTHER_SITE_ID : SYNC_SITE_ID, seq >= 20 ? { person: { mobile: '13900000001' } } : {})
      await pushApplication(server, by, app, { attachments: seq % 5 !== 0 })
      ids[seq] = app.id
    }
    server.clock.advance(48 * HOUR)
    for (let seq = 1; seq <= 18; seq++) {
      if (seq % 5 === 0)
        continue
      expect((await reviewAction(server, supervisor.token, ids[seq]!, 'start_review', 1)).status).toBe(200)
      server.clock.advance(seq * 1_000_000)
      if (seq % 4 === 1)
        expect((await reviewAction(server, supervisor.token, ids[seq]!, 'approve', 2, {})).status).toBe(200)
      if (seq % 4 === 2)
        expect((await reviewAction(server, supervisor.token, ids[seq]!, 'reject', 2, { reason: 'ineligible' })).status).toBe(200)
    }
    server.clock.advance(240 * HOUR)

    const read: Answers = {}
    const get = async (path: string, token = supervisor.token) => {
      const response = await server.request(path, { token })
      expect(response.status, path).toBe(200)
      return (response.headers.get('content-type') ?? '').includes('json') ? response.json() : response.text()
    }
    for (const sort of ['submittedAt', 'reviewDueAt', 'receiptNo']) {
      for (const order of ['asc', 'desc']) {
        for (const page of [1, 2, 3, 4])
          read[`queue ${sort} ${order} page ${page}`] = await get(`/api/review/applications?sort=${sort}&order=${order}&page=${page}&pageSize=7`)
        read[`export ${sort} ${order}`] = await get(`/api/exports/applications?format=csv&sort=${sort}&order=${order}`)
      }
    }
    for (const filter of ['status=submitted', 'status=in_review,approved', 'overdue=true', 'overdue=false', 'hasDuplicates=true', 'hasDuplicates=false', 'incomplete=true', 'incomplete=false', `siteId=${OTHER_SITE_ID}`, 'agentId=staff-agent.li', 'submittedFrom=2026-11-24&submittedTo=2026-11-25'])
      read[`queue ${filter}`] = await get(`/api/review/applications?${filter}&pageSize=100`)
    for (const filter of ['', 'q=FE0000000', 'status=active', `siteId=${SYNC_SITE_ID}`, 'q=13900000001'])
      read[`members ${filter}`] = await get(`/api/members?${filter}&pageSize=100`)
    read['members export'] = await get('/api/exports/members?format=csv')
    for (const range of ['from=2026-11-23&to=2026-11-30', 'from=2026-11-24&to=2026-11-24', 'from=2026-12-01&to=2026-12-02'])
      read[`statistics ${range}`] = await get(`/api/stats/overview?${range}`)
    for (const date of ['2026-11-23', '2026-11-24', '2026-11-25'])
      read[`daily report ${date}`] = await get(`/api/stats/daily-report?date=${date}`)
    read.directory = await get('/api/directory')
    for (const seq of [1, 20, 21]) {
      // Candidates of one score are ordered by their ids, which are drawn at random: compared as a set.
      const detail = await get(`/api/review/applications/${ids[seq]}`)
      const candidates = (detail.duplicateCandidates as Array<{ otherApplicationId: string }>)
        .map(({ id: _id, ...candidate }: { id?: string, otherApplicationId: string }) => candidate)
        .sort((a, b) => a.otherApplicationId.localeCompare(b.otherApplicationId))
      read[`detail ${seq}`] = { ...detail, duplicateCandidates: candidates }
    }
    read.staff = await get('/api/admin/staff', admin.token)
    for (const action of ['staff.*', 'STAFF.*', 'review.*', 'auth.login'])
      read[`audit ${action}`] = ((await get(`/api/admin/audit?action=${encodeURIComponent(action)}&pageSize=200`, admin.token)) as { items: Array<{ action: string, targetType: string | null }> }).items.map(e => [e.action, e.targetType])

    // What the comparison stands on, so that it never compares two empty answers.
    expect((read['queue submittedAt asc page 1'] as { total: number }).total).toBe(26)
    expect((read['queue hasDuplicates=true'] as { total: number }).total).toBeGreaterThan(0)
    expect((read['members '] as { total: number }).total).toBe(4)
    expect((read['statistics from=2026-11-23&to=2026-11-30'] as { applications: number }).applications).toBe(26)
    expect((read.staff as { items: Array<{ username: string }> }).items.map(s => s.username))
      .toEqual(['admin', 'agent.li', 'agent.zhao', 'li-wei', 'li.wei', 'li2', 'li_wei', 'liwei', 'supervisor.wu'])
    expect(read['audit STAFF.*']).toEqual([])
    answers[dialect] = comparable(read)
  })
})

describe.runIf(DIALECTS.length === 2)('the desk\'s reads, SQLite against PostgreSQL', () => {
  it('are the same, answer by answer', () => {
    const { sqlite, postgres } = answers
    if (!sqlite || !postgres)
      throw new Error('Each database\'s reads must have run first, in this file (not filtered out with -t)')
    expect(Object.keys(postgres)).toEqual(Object.keys(sqlite))
    for (const key of Object.keys(sqlite))
      expect(postgres[key], key).toEqual(sqlite[key])
  })
})
