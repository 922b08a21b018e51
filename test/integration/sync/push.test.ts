import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeReceiptNo } from '../../fixtures/applications'
import { DIALECTS } from '../../support/databases'
import { agentApplication, pushBody, resubmit, submit, SYNC_SITE_ID, withdraw } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

describe.each(DIALECTS)('sync push on %s', (dialect) => {
  let server: TestServer
  let agent: SignedInAgent
  let other: SignedInAgent

  const push = (who: SignedInAgent, mutations: Parameters<typeof pushBody>[0]) =>
    server.request('/api/sync/push', { method: 'POST', token: who.token, json: pushBody(mutations) })

  /** Puts an application into `returned` as a reviewer would (the review API has its own tests). */
  async function returnToAgent(applicationId: string): Promise<number> {
    const row = await server.database.db.selectFrom('applications').select('version').where('id', '=', applicationId).executeTakeFirstOrThrow()
    const version = Number(row.version) + 1
    await server.database.db.updateTable('applications')
      .set({ status: 'returned', version, return_items: JSON.stringify([{ kind: 'field', ref: 'person.mobile' }]) })
      .where('id', '=', applicationId)
      .execute()
    return version
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('agent.wang', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
    agent = await server.signIn('agent.li')
    other = await server.signIn('agent.wang')
  })
  afterAll(() => server.dispose())

  it('applies a submission, keeps its history, encrypts the ID number and names the missing attachments', async () => {
    const app = agentApplication(agent, 1)
    const response = await push(agent, [submit(app)])
    expect(response.status).toBe(200)
    const { results } = await response.json()
    expect(results).toHaveLength(1)
    expect(results[0]).toMatchObject({ outcome: 'applied', receipt: { applicationId: app.id, version: 1, status: 'submitted' } })
    const hashes = app.attachments.map(a => a.sha256)
    expect(results[0].receipt.attachments).toEqual(hashes)
    expect(results[0].receipt.missingAttachments.sort()).toEqual([...new Set(hashes)].sort())

    const db = server.database.db
    const stored = await db.selectFrom('applications').selectAll().where('id', '=', app.id).executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ status: 'submitted', receipt_no: app.receiptNo, agent_id: agent.staffId, display_name: '张伟', attachments_complete: 0 })
    expect(stored.data).not.toContain(app.person.idNumber)
    expect(stored.id_number_hmac).toMatch(/^[0-9a-f]{64}$/)
    expect(await db.selectFrom('application_versions').select(['version', 'status']).where('application_id', '=', app.id).execute()).toEqual([{ version: 1, status: 'submitted' }])
    expect(await db.selectFrom('application_events').select(['action', 'from_status', 'to_status']).where('application_id', '=', app.id).execute())
      .toEqual([{ action: 'ingest', from_status: 'queued', to_status: 'submitted' }])
    expect(await db.selectFrom('application_attachments').select('kind').where('application_id', '=', app.id).orderBy('kind').execute())
      .toEqual([{ kind: 'id_back' }, { kind: 'id_front' }, { kind: 'signature' }])
  })

  it('answers the same batch twice with the same receipts and stores nothing twice', async () => {
    const batch = [submit(agentApplication(agent, 2)), submit(agentApplication(agent, 3))]
    const first = (await (await push(agent, batch)).json()).results
    const second = (await (await push(agent, batch)).json()).results
    expect(first.map((r: { outcome: string }) => r.outcome)).toEqual(['applied', 'applied'])
    expect(second.map((r: { outcome: string }) => r.outcome)).toEqual(['already_applied', 'already_applied'])
    expect(second.map((r: { receipt: unknown }) => r.receipt)).toEqual(first.map((r: { receipt: unknown }) => r.receipt))
    const count = await server.database.db.selectFrom('applications').select(eb => eb.fn.countAll<number>().as('n')).where('id', 'in', batch.map(m => m.applicationId)).executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(2)
  })

  it('answers a resent application under a new mutation id with a conflict carrying the server copy, never a second record', async () => {
    const app = agentApplication(agent, 4)
    await push(agent, [submit(app)])
    const { results } = await (await push(agent, [submit(app)])).json()
    expect(results[0]).toMatchObject({ outcome: 'conflict', server: { applicationId: app.id, version: 1, status: 'submitted', application: { receiptNo: app.receiptNo } } })
    expect(results[0].server.application.person.idNumber).toBe(app.person.idNumber)
  })

  it('applies the valid mutations of a batch and rejects the others with every issue', async () => {
    const good = agentApplication(agent, 5)
    const bad = agentApplication(agent, 6, { person: { mobile: '12345', birthDate: '1988-03-16', address: { regionCode: '119999' } }, consent: { sensitiveInfo: false } })
    const { results } = await (await push(agent, [submit(bad), submit(good)])).json()
    expect(results[0]).toMatchObject({ outcome: 'rejected', applicationId: bad.id })
    expect(results[0].issues).toEqual(expect.arrayContaining([
      { path: 'person.mobile', code: 'mobile.format' },
      { path: 'person.birthDate', code: 'id.birth_date_mismatch', params: { expected: '1988-03-15' } },
      { path: 'consent.sensitiveInfo', code: 'consent.sensitive_info_required' },
      // A province's prefix and no place of the region list: the tablet's picker never gives it.
      { path: 'person.address.regionCode', code: 'region_code.unknown' },
    ]))
    expect(results[1]).toMatchObject({ outcome: 'applied' })
    expect(await server.database.db.selectFrom('applications').select('id').where('id', '=', bad.id).executeTakeFirst()).toBeUndefined()
  })

  it.each([
    ['another agent\'s application', (a: SignedInAgent) => agentApplication(a, 7, { agentId: 'staff-agent.wang' }), 'agentId', 'status.not_owner'],
    ['a site the agent is not assigned to', (a: SignedInAgent) => agentApplication(a, 8, { siteId: 'site-sh01' }), 'siteId', 'status.site_not_assigned'],
    ['another device\'s record', (a: SignedInAgent) => agentApplication(a, 9, { deviceId: 'some-other-device' }), 'deviceId', 'sync.device_mismatch'],
    ['a receipt number another device issued', (a: SignedInAgent) => agentApplication(a, 10, { receiptNo: makeReceiptNo(10, { siteCode: 'BJ01', deviceCode: a.deviceCode === 'WXY9' ? 'WXY8' : 'WXY9' }) }), 'receiptNo', 'receipt.device_mismatch'],
  ])('rejects %s', async (_label, make, path, code) => {
    const app = make(agent)
    const { results } = await (await push(agent, [submit(app)])).json()
    expect(results[0]).toEqual({ outcome: 'rejected', mutationId: expect.any(String), applicationId: app.id, issues: [{ path, code }] })
  })

  it('rejects a receipt number already used by another application', async () => {
    const first = agentApplication(agent, 11)
    const clash = { ...agentApplication(agent, 12), receiptNo: first.receiptNo }
    await push(agent, [submit(first)])
    const { results } = await (await push(agent, [submit(clash)])).json()
    expect(results[0]).toMatchObject({ outcome: 'rejected', issues: [{ path: 'receiptNo', code: 'receipt.duplicate' }] })
  })

  it('refuses to let an agent overwrite another agent\'s application by its id', async () => {
    const theirs = agentApplication(other, 13)
    await push(other, [submit(theirs)])
    const mine = { ...agentApplication(agent, 14), id: theirs.id }
    const { results } = await (await push(agent, [submit(mine)])).json()
    expect(results[0]).toMatchObject({ outcome: 'rejected', issues: [{ path: 'agentId', code: 'status.not_owner' }] })
  })

  it('resubmits a returned application on its current version, and keeps every version', async () => {
    const app = agentApplication(agent, 15)
    await push(agent, [submit(app)])
    const returnedVersion = await returnToAgent(app.id)
    const fixed = { ...app, person: { ...app.person, mobile: '13911112222' } }
    const { results } = await (await push(agent, [resubmit(fixed, returnedVersion)])).json()
    expect(results[0]).toMatchObject({ outcome: 'applied', receipt: { version: returnedVersion + 1, status: 'submitted' } })
    const versions = await server.database.db.selectFrom('application_versions').select('version').where('application_id', '=', app.id).orderBy('version').execute()
    expect(versions.map(v => v.version)).toEqual([1, returnedVersion + 1])
  })

  it('answers a stale base version with a conflict carrying the server copy (the device keeps its edit)', async () => {
    const app = agentApplication(agent, 16)
    await push(agent, [submit(app)])
    const returnedVersion = await returnToAgent(app.id)
    const { results } = await (await push(agent, [resubmit(app, returnedVersion - 1)])).json()
    expect(results[0]).toMatchObject({ outcome: 'conflict', server: { version: returnedVersion, status: 'returned', returnItems: [{ kind: 'field', ref: 'person.mobile' }] } })
  })

  it('answers a resubmission of an application that is not returned with a conflict', async () => {
    const app = agentApplication(agent, 17)
    await push(agent, [submit(app)])
    const { results } = await (await push(agent, [resubmit(app, 1)])).json()
    expect(results[0]).toMatchObject({ outcome: 'conflict', server: { status: 'submitted' } })
  })

  it('withdraws a submitted application, once', async () => {
    const app = agentApplication(agent, 18)
    await push(agent, [submit(app)])
    const first = (await (await push(agent, [withdraw(app.id, 1)])).json()).results[0]
    expect(first).toMatchObject({ outcome: 'applied', receipt: { version: 2, status: 'withdrawn' } })
    const again = (await (await push(agent, [withdraw(app.id, 2)])).json()).results[0]
    expect(again).toMatchObject({ outcome: 'conflict', server: { status: 'withdrawn' } })
  })

  it('rejects a mutation on an application the server does not have', async () => {
    const { results } = await (await push(agent, [withdraw(agentApplication(agent, 19).id, 1)])).json()
    expect(results[0]).toMatchObject({ outcome: 'rejected', issues: [{ path: 'id', code: 'sync.unknown_application' }] })
  })

  it('answers a mutation id only for its own application and agent: one used again for another is rejected, never told it was applied', async () => {
    const stored = () => server.database.db.selectFrom('applications').select('id').where('id', 'in', [71, 72, 73, 74, 75].map(seq => agentApplication(agent, seq).id)).execute()
    const first = submit(agentApplication(agent, 71))
    expect((await (await push(agent, [first])).json()).results[0].outcome).toBe('applied')
    const reused = { path: 'mutationId', code: 'sync.mutation_id_reused' }

    // Another agent's device sending that mutation id with its own application (a device
    // bug, a tablet image copied to another): its application was never stored, and a
    // receipt would have let the device clear it as synced — with this agent's receipt.
    const theirs = agentApplication(other, 72)
    const byOther = (await (await push(other, [{ ...submit(theirs), mutationId: first.mutationId }])).json()).results
    expect(byOther).toEqual([{ outcome: 'rejected', mutationId: first.mutationId, applicationId: theirs.id, issues: [reused] }])

    // The same agent giving it to another application, and two applications sharing one new id in a batch.
    const again = agentApplication(agent, 73)
    const shared = submit(agentApplication(agent, 74))
    const sharing = agentApplication(agent, 75)
    const { results } = await (await push(agent, [{ ...submit(again), mutationId: first.mutationId }, shared, { ...submit(sharing), mutationId: shared.mutationId }])).json()
    expect(results[0]).toEqual({ outcome: 'rejected', mutationId: first.mutationId, applicationId: again.id, issues: [reused] })
    expect(results[1]).toMatchObject({ outcome: 'applied', receipt: { applicationId: shared.applicationId } })
    expect(results[2]).toEqual({ outcome: 'rejected', mutationId: shared.mutationId, applicationId: sharing.id, issues: [reused] })
    expect((await stored()).map(r => r.id).sort()).toEqual([first.applicationId, shared.applicationId].sort())

    // A genuine retry still gets its first answer.
    const retried = (await (await push(agent, [first])).json()).results[0]
    expect(retried).toMatchObject({ outcome: 'already_applied', receipt: { applicationId: first.applicationId, version: 1 } })
  })

  it('keeps, with each version, what the device\'s clock read when it sent the push: its offset from the server\'s', async () => {
    const at = (ms: number) => new Date(server.clock.now().getTime() + ms).toISOString()
    const hour = 3_600_000
    const app = agentApplication(agent, 80)
    const older = agentApplication(agent, 81)
    // A tablet two hours fast submits (the batch path for first submissions); a release
    // that does not say its clock submits too; the fast tablet, set ten minutes slow, withdraws.
    expect((await (await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: { ...pushBody([submit(app)]), sentAt: at(2 * hour) } })).json()).results[0].outcome).toBe('applied')
    expect((await (await push(agent, [submit(older)])).json()).results[0].outcome).toBe('applied')
    expect((await (await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: { ...pushBody([withdraw(app.id, 1)]), sentAt: at(-10 * 60_000) } })).json()).results[0].outcome).toBe('applied')

    const reviewer = await server.signIn('reviewer.chen')
    const history = async (id: string) => (await (await server.request(`/api/review/applications/${id}/history`, { token: reviewer.token })).json()).versions
    expect((await history(app.id)).map((v: { version: number, clockOffsetMs: number | null }) => [v.version, v.clockOffsetMs])).toEqual([[1, 2 * hour], [2, -10 * 60_000]])
    expect((await history(older.id)).map((v: { clockOffsetMs: number | null }) => v.clockOffsetMs)).toEqual([null])

    // Written in the device's own zone, it is the same instant; a time that is no time is refused with the batch.
    const zoned = agentApplication(agent, 82)
    const sentAt = new Date(server.clock.now().getTime() + 8 * hour + 30 * 60_000).toISOString().replace('Z', '+08:00')
    await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: { ...pushBody([submit(zoned)]), sentAt } })
    expect((await history(zoned.id))[0].clockOffsetMs).toBe(30 * 60_000)
    const garbled = await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: { ...pushBody([submit(agentApplication(agent, 83))]), sentAt: 'yesterday' } })
    expect(garbled.status).toBe(400)
    expect((await garbled.json()).error.code).toBe('request.invalid')
  })

  it('refuses malformed, oversized and non-agent pushes as a whole', async () => {
    const malformed = await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: { protocolVersion: 1, mutations: [{ kind: 'delete' }] } })
    expect(malformed.status).toBe(400)
    expect((await malformed.json()).error.code).toBe('request.invalid')
    // A base version no column can hold (PostgreSQL refused to store it, SQLite stored it): refused alike, by name.
    const unstorable = await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: pushBody([{ ...submit(agentApplication(agent, 23)), baseVersion: 2 ** 31 }]) })
    expect(unstorable.status).toBe(400)
    expect((await unstorable.json()).error.issues).toEqual([expect.objectContaining({ path: 'mutations.0.baseVersion', code: 'field.too_large' })])
    expect(await server.database.db.selectFrom('mutations').select('mutation_id').where('base_version', '>', 2 ** 30).execute()).toEqual([])
    const oversized = await server.request('/api/sync/push', { method: 'POST', token: agent.token, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(pushBody([submit(agentApplication(agent, 20, { person: { note: 'x'.repeat(5_000_000) } }))])) })
    expect(oversized.status).toBe(413)
    const reviewer = await server.signIn('reviewer.chen')
    const forbidden = await server.request('/api/sync/push', { method: 'POST', token: reviewer.token, json: pushBody([submit(agentApplication(agent, 21))]) })
    expect(forbidden.status).toBe(403)
    const anonymous = await server.request('/api/sync/push', { method: 'POST', json: pushBody([submit(agentApplication(agent, 22))]) })
    expect(anonymous.status).toBe(401)
  })
})
