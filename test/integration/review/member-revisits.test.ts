import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestResponse, TestServer } from '../../support/test-server'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../support/databases'
import { membersCast, OTHER_SITE_ID } from '../../support/review-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * Re-visits (回访) through the HTTP API: a member is due a month after joining (the
 * programme's schedule), listed as due once the day comes, and each re-visit recorded
 * moves the date on by its outcome — in the history, the audit log and the export.
 */
describe.each(DIALECTS)('member re-visits on %s', (dialect) => {
  let server: TestServer
  let reviewer: SignedInAgent
  let supervisor: SignedInAgent
  let admin: SignedInAgent
  /** Members by the applicant's seq: 1–3 at site-bj01, 4 at site-sh01. */
  const ids: Record<number, string> = {}

  const act = (id: string, operation: string, version: number, body?: unknown, who: SignedInAgent = reviewer): Promise<TestResponse> =>
    server.request(`/api/members/${id}/actions/${operation}`, { method: 'POST', token: who.token, headers: { 'If-Match': `"${version}"` }, ...(body === undefined ? {} : { json: body }) })
  const ok = async (response: TestResponse) => {
    const text = await response.text()
    expect(response.status, text).toBe(200)
    return JSON.parse(text)
  }
  const member = async (id: string) => ok(await server.request(`/api/members/${id}`, { token: supervisor.token }))
  const dueList = async (who: SignedInAgent = supervisor) => ok(await server.request('/api/members?revisitDue=true&pageSize=100', { token: who.token }))
  const dueIds = async (who?: SignedInAgent) => (await dueList(who)).items.map((item: { id: string }) => item.id)
  /** Moves the clock and signs the desk in again (sessions expire over the months this test spans). */
  const moveTo = async (iso: string) => {
    server.clock.set(iso)
    reviewer = await server.signIn('reviewer.chen')
    supervisor = await server.signIn('supervisor.wu')
    admin = await server.signIn('admin.he')
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    // Joined on 2026-11-23 (China): first re-visits due on 2026-12-23 under the default schedule.
    server.clock.set('2026-11-23T02:00:00.000Z')
    await server.createStaff('admin.he', 'admin', [])
    admin = await server.signIn('admin.he')
    const cast = await membersCast(server, [1, 2, 3, 4])
    ;({ reviewer, supervisor } = cast)
    Object.assign(ids, cast.ids)
  })
  afterAll(() => server.dispose())

  it('schedules the first re-visit when the member is created, and lists nobody as due before that day', async () => {
    const first = await member(ids[1]!)
    expect(first.revisitDue).toBe('2026-12-23')
    expect(first.availableOperations).toContain('revisit')
    const listed = await ok(await server.request(`/api/members?q=${first.memberNo}`, { token: supervisor.token }))
    expect(listed.items[0].revisitDue).toBe('2026-12-23')

    await moveTo('2026-12-22T15:59:59.000Z') // 23:59:59 on the 22nd in China
    expect(await dueIds()).toEqual([])
  })

  it('lists the members due from their day on, to each reviewer only in their sites', async () => {
    await moveTo('2026-12-22T16:00:00.000Z') // midnight on the 23rd in China
    expect((await dueIds()).sort()).toEqual([ids[1], ids[2], ids[3], ids[4]].sort())
    expect((await dueIds(reviewer)).sort()).toEqual([ids[1], ids[2], ids[3]].sort())
    // Combined with the other filters, as the list's filters combine.
    const elsewhere = await ok(await server.request(`/api/members?revisitDue=true&siteId=${OTHER_SITE_ID}`, { token: supervisor.token }))
    expect(elsewhere.items.map((item: { id: string }) => item.id)).toEqual([ids[4]])
  })

  it('records a re-visit that reached the member: the next one a year on, in the history and the audit log', async () => {
    await moveTo('2026-12-28T03:00:00.000Z')
    const misspelt = await act(ids[1]!, 'revisit', 1, { revisit: { channel: 'phone', outcome: 'reached', nextDue: '2027-01-01' } })
    expect(misspelt.status).toBe(400)
    expect((await misspelt.json()).error.issues).toEqual([expect.objectContaining({ path: 'revisit.nextDue', code: 'field.unknown' })])
    const result = await ok(await act(ids[1]!, 'revisit', 1, { revisit: { channel: 'phone', outcome: 'reached' }, note: '会员对服务满意' }))
    expect(result).toMatchObject({ operation: 'revisit', version: 2, status: 'active', cardStatus: 'pending', revisitDue: '2027-12-28' })
    expect(result.change.detail).toEqual({ changes: { revisitDue: { from: '2026-12-23', to: '2027-12-28' } }, revisit: { channel: 'phone', outcome: 'reached' }, note: '会员对服务满意' })

    const after = await member(ids[1]!)
    expect(after.revisitDue).toBe('2027-12-28')
    expect(after.changes.map((c: { action: string }) => c.action)).toEqual(['create', 'revisit'])
    expect(after.changes[1]).toMatchObject({ actorName: 'reviewer.chen', detail: result.change.detail })
    const audited = await server.database.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'member.revisit').where('target_id', '=', ids[1]!).execute()
    expect(audited).toHaveLength(1)
    expect(audited[0]!.actor_id).toBe(reviewer.staffId)
    expect(JSON.parse(audited[0]!.detail)).toMatchObject({ version: 2, revisit: { channel: 'phone', outcome: 'reached' } })
    expect(await dueIds()).not.toContain(ids[1])
  })

  it('retries a missed call after a week, and stops for good when the member declines', async () => {
    const missed = await ok(await act(ids[2]!, 'revisit', 1, { revisit: { channel: 'phone', outcome: 'unreachable' } }))
    expect(missed.revisitDue).toBe('2027-01-04')
    expect(await dueIds()).not.toContain(ids[2])
    await moveTo('2027-01-04T01:00:00.000Z')
    expect(await dueIds()).toContain(ids[2])

    const declined = await ok(await act(ids[2]!, 'revisit', 2, { revisit: { channel: 'visit', outcome: 'declined' }, note: '会员表示不需要回访' }))
    expect(declined.revisitDue).toBeNull()
    expect(declined.change.detail.changes).toEqual({ revisitDue: { from: '2027-01-04', to: null } })
    await moveTo('2030-01-01T01:00:00.000Z')
    expect(await dueIds()).not.toContain(ids[2])
    // Still recordable: a member who later calls back can be re-visited again.
    expect((await member(ids[2]!)).availableOperations).toContain('revisit')
  })

  it('follows the programme\'s schedule in force when the re-visit is recorded', async () => {
    await moveTo('2027-01-05T01:00:00.000Z')
    const current = await ok(await server.request('/api/admin/programme', { token: admin.token }))
    const settings = { ...DEFAULT_PROGRAMME, ...current.settings, revisits: { firstAfterDays: 10, intervalDays: 90, retryAfterDays: 2 } }
    await ok(await server.request('/api/admin/programme', { method: 'PUT', token: admin.token, json: settings, headers: { 'If-Match': `"${current.version}"` } }))
    const result = await ok(await act(ids[3]!, 'revisit', 1, { revisit: { channel: 'message', outcome: 'reached' } }))
    expect(result.revisitDue).toBe('2027-04-05')
  })

  it('refuses a re-visit without its channel and outcome (422), with a bad outcome (400), or outside the reviewer\'s sites (404)', async () => {
    const missing = await act(ids[3]!, 'revisit', 2, { note: '只有备注' })
    expect(missing.status).toBe(422)
    expect((await missing.json()).error.code).toBe('member.revisit_required')
    const bad = await act(ids[3]!, 'revisit', 2, { revisit: { channel: 'phone', outcome: 'maybe' } })
    expect(bad.status).toBe(400)
    const elsewhere = await act(ids[4]!, 'revisit', 1, { revisit: { channel: 'phone', outcome: 'reached' } })
    expect(elsewhere.status).toBe(404)
    expect((await member(ids[3]!)).version).toBe(2)
  })

  it('a re-visit on a stale copy answers 409 and changes nothing', async () => {
    const stale = await act(ids[3]!, 'revisit', 1, { revisit: { channel: 'phone', outcome: 'reached' } })
    expect(stale.status).toBe(409)
    expect((await stale.json()).error.code).toBe('request.version_conflict')
    expect((await member(ids[3]!)).changes).toHaveLength(2)
  })

  it('cancellation ends the re-visits: the date is cleared, the member never due, a re-visit refused', async () => {
    await moveTo('2027-06-01T01:00:00.000Z')
    expect(await dueIds()).toContain(ids[4])
    const cancelled = await ok(await act(ids[4]!, 'cancel', 1, { reason: '会员本人申请注销' }, supervisor))
    expect(cancelled.revisitDue).toBeNull()
    expect(cancelled.change.detail.changes.revisitDue).toEqual({ from: '2026-12-23', to: null })
    expect(await dueIds()).not.toContain(ids[4])
    const refused = await act(ids[4]!, 'revisit', 2, { revisit: { channel: 'phone', outcome: 'reached' } }, supervisor)
    expect(refused.status).toBe(409)
    expect((await refused.json()).error.code).toBe('member.operation_not_allowed')
  })

  it('exports the next re-visit date, and the due filter applies to the export', async () => {
    const response = await server.request('/api/exports/members?format=csv&revisitDue=true', { token: supervisor.token })
    expect(response.status).toBe(200)
    const lines = (await response.text()).replace(/^\uFEFF/, '').trim().split('\r\n')
    const header = lines[0]!.split(',')
    const column = header.indexOf('下次回访')
    expect(column).toBeGreaterThan(0)
    // Due on 2027-06-01: member 3 (2027-04-05) only; 1 is due in December, 2 declined, 4 cancelled.
    expect(lines).toHaveLength(2)
    expect(lines[1]!.split(',')[column]).toBe('2027-04-05')
  })

  it('exports the members due in the list\'s order, the longest-waiting first, not by member number', async () => {
    // Early 2028: member 3 due since 2027-04-05 and member 1 since its yearly re-visit in December 2027.
    await moveTo('2028-01-10T02:00:00.000Z')
    const listed = (await dueList()).items.map((item: { memberNo: string, revisitDue: string }) => [item.memberNo, item.revisitDue])
    expect(listed.map(([, due]: string[]) => due)).toEqual([...listed.map(([, due]: string[]) => due)].sort())
    expect(listed.map(([no]: string[]) => no)).not.toEqual([...listed.map(([no]: string[]) => no)].sort())
    const response = await server.request('/api/exports/members?format=csv&revisitDue=true', { token: supervisor.token })
    expect(response.headers.get('X-Total-Rows')).toBe(String(listed.length))
    const lines = (await response.text()).replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map(line => line.split(','))
    expect(lines.map(cells => [cells[0], cells[14]])).toEqual(listed)
  })
})
