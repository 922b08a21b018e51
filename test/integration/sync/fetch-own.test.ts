import type { IndividualInput } from '../../fixtures/applications'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditEntries, signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { deskApplication, pushApplication, reviewAction } from '../../support/review-fixtures'
import { pushBody, resubmit, SYNC_SITE_ID, withdraw } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * A returned application fixed on another of the agent's tablets: the one that captured it
 * was replaced, wiped or revoked. The new tablet fetches it in full (audited), and may
 * resubmit it under the device and receipt number it was captured with; nobody else may
 * fetch it, and a resubmission may not rewrite where it was captured.
 */
describe.each(DIALECTS)('an agent\'s application on another tablet on %s', (dialect) => {
  let server: TestServer
  let tabletA: SignedInAgent
  let tabletB: SignedInAgent
  let otherAgent: SignedInAgent
  let reviewer: SignedInAgent
  let app: IndividualInput
  let returnedVersion: number

  const fetchCopy = (who: SignedInAgent, id: string) => server.request(`/api/sync/applications/${id}`, { token: who.token })
  const push = (who: SignedInAgent, mutations: Parameters<typeof pushBody>[0]) =>
    server.request('/api/sync/push', { method: 'POST', token: who.token, json: pushBody(mutations) })

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('agent.wang', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
    tabletA = await server.signIn('agent.li', undefined, 'tablet-a')
    tabletB = await server.signIn('agent.li', undefined, 'tablet-b')
    otherAgent = await server.signIn('agent.wang')
    reviewer = await server.signIn('reviewer.chen')
    app = deskApplication(tabletA, 1, SYNC_SITE_ID)
    await pushApplication(server, tabletA, app)
    expect((await reviewAction(server, reviewer.token, app.id, 'start_review', 1)).status).toBe(200)
    const returned = await reviewAction(server, reviewer.token, app.id, 'return', 2, { items: [{ kind: 'field', ref: 'person.mobile', note: '请核实手机号码' }], comment: '请补充后重新提交' })
    expect(returned.status).toBe(200)
    returnedVersion = 3
  })
  afterAll(() => server.dispose())

  it('gives the agent\'s other tablet the application in full, with what the reviewer asked, and audits it', async () => {
    const response = await fetchCopy(tabletB, app.id)
    expect(response.status).toBe(200)
    const copy = await response.json()
    expect(copy).toMatchObject({ applicationId: app.id, version: returnedVersion, status: 'returned', returnItems: [{ kind: 'field', ref: 'person.mobile', note: '请核实手机号码' }], decisionNote: '请补充后重新提交', memberNo: null })
    // In full: the ID number as entered, not sealed or masked.
    expect(copy.application).toMatchObject({ id: app.id, receiptNo: app.receiptNo, deviceId: tabletA.deviceId, person: { idNumber: app.person.idNumber, mobile: app.person.mobile } })
    const admin = await signInAdmin(server)
    const [entry] = await auditEntries(server, admin, { action: 'application.fetch' })
    expect(entry).toMatchObject({ actorId: tabletB.staffId, targetType: 'application', targetId: app.id, detail: { receiptNo: app.receiptNo, deviceId: tabletB.deviceId, version: returnedVersion } })
  })

  it('is "not found" for anyone else\'s application or an unknown id, and refused to desk staff', async () => {
    expect((await fetchCopy(otherAgent, app.id)).status).toBe(404)
    const unknown = await fetchCopy(tabletB, '00000000-0000-7000-8000-000000000000')
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).error.code).toBe('request.not_found')
    expect((await fetchCopy(reviewer, app.id)).status).toBe(403)
  })

  it('refuses a resubmission from the other tablet that rewrites the device the application was captured on', async () => {
    const copy = (await (await fetchCopy(tabletB, app.id)).json()).application as IndividualInput
    const moved = { ...copy, deviceId: tabletB.deviceId, person: { ...copy.person, mobile: '13911112222' } }
    const { results } = await (await push(tabletB, [resubmit(moved, returnedVersion)])).json()
    expect(results[0]).toMatchObject({ outcome: 'rejected', issues: [{ path: 'deviceId', code: 'field.invalid' }] })
  })

  it('applies the fixed application resubmitted from the other tablet, keeping where it was captured', async () => {
    const copy = (await (await fetchCopy(tabletB, app.id)).json()).application as IndividualInput
    const fixed = { ...copy, person: { ...copy.person, mobile: '13911112222' } }
    const { results } = await (await push(tabletB, [resubmit(fixed, returnedVersion)])).json()
    expect(results[0]).toMatchObject({ outcome: 'applied', receipt: { version: returnedVersion + 1, status: 'submitted' } })
    const row = await server.database.db.selectFrom('applications').select(['device_id', 'receipt_no']).where('id', '=', app.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ device_id: tabletA.deviceId, receipt_no: app.receiptNo })
    // The first tablet hears about it at its next pull.
    const pulled = await (await server.request('/api/sync/pull', { token: tabletA.token })).json()
    expect(pulled.changes.at(-1)).toMatchObject({ applicationId: app.id, version: returnedVersion + 1, status: 'submitted' })
  })

  it('gives it only while it is returned: once resubmitted, in review or decided it is "not found", to any of the agent\'s tablets, and not audited', async () => {
    const admin = await signInAdmin(server)
    const fetchesBefore = (await auditEntries(server, admin, { action: 'application.fetch' })).length
    const refused = async (status: string) => {
      for (const tablet of [tabletA, tabletB]) {
        const response = await fetchCopy(tablet, app.id)
        expect(response.status, status).toBe(404)
        const body = await response.json()
        expect(body.error.code).toBe('request.not_found')
        expect(JSON.stringify(body)).not.toContain(app.person.idNumber)
      }
    }
    await refused('submitted')
    expect((await reviewAction(server, reviewer.token, app.id, 'start_review', returnedVersion + 1)).status).toBe(200)
    await refused('in_review')
    expect((await reviewAction(server, reviewer.token, app.id, 'approve', returnedVersion + 2)).status).toBe(200)
    await refused('approved')
    // A rejected application is not handed out either, nor a withdrawn one.
    const rejected = deskApplication(tabletA, 2, SYNC_SITE_ID)
    await pushApplication(server, tabletA, rejected)
    expect((await reviewAction(server, reviewer.token, rejected.id, 'start_review', 1)).status).toBe(200)
    expect((await reviewAction(server, reviewer.token, rejected.id, 'reject', 2, { reason: 'ineligible' })).status).toBe(200)
    expect((await fetchCopy(tabletB, rejected.id)).status).toBe(404)
    expect((await auditEntries(server, admin, { action: 'application.fetch' })).length).toBe(fetchesBefore)
  })

  it('audits the server\'s copy a conflict answers in full as a fetch, naming the cause', async () => {
    // The application is approved: a withdrawal on a version long gone meets the server's state.
    const { results } = await (await push(tabletB, [withdraw(app.id, 1)])).json()
    expect(results[0]).toMatchObject({ outcome: 'conflict', server: { applicationId: app.id, status: 'approved', application: { person: { idNumber: app.person.idNumber } } } })
    const admin = await signInAdmin(server)
    const [entry] = await auditEntries(server, admin, { action: 'application.fetch' })
    expect(entry).toMatchObject({ actorId: tabletB.staffId, targetType: 'application', targetId: app.id, detail: { receiptNo: app.receiptNo, deviceId: tabletB.deviceId, version: results[0].server.version, cause: 'conflict' } })
  })
})
