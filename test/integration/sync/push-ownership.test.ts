import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeIndividual, makeOrganisation, makeReceiptNo } from '../../fixtures/applications'
import { DIALECTS } from '../../support/databases'
import { deskApplication, OTHER_SITE_ID, reviewAction } from '../../support/review-fixtures'
import { agentApplication, pushBody, resubmit, submit, SYNC_SITE_CODE, SYNC_SITE_ID, withdraw } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * What a push may change, beyond the status table: a mutation id is a retry only of the same
 * change; an application stays the kind of applicant it was submitted as; an agent moved off a
 * site no longer changes, or is handed in full, the applications they captured there.
 */
describe.each(DIALECTS)('sync push: whose change, of what, on %s', (dialect) => {
  let server: TestServer
  let agent: SignedInAgent
  let supervisor: SignedInAgent

  const push = async (who: SignedInAgent, mutations: Parameters<typeof pushBody>[0]) => {
    const response = await server.request('/api/sync/push', { method: 'POST', token: who.token, json: pushBody(mutations) })
    expect(response.status).toBe(200)
    return (await response.json()).results
  }

  /** start_review then return, as the desk does; answers the returned version. */
  async function returnToAgent(id: string, version: number): Promise<number> {
    expect((await reviewAction(server, supervisor.token, id, 'start_review', version)).status).toBe(200)
    expect((await reviewAction(server, supervisor.token, id, 'return', version + 1, { items: [{ kind: 'field', ref: 'organisation.contact.mobile' }] })).status).toBe(200)
    return version + 2
  }

  const row = (id: string) => server.database.db.selectFrom('applications').select(['status', 'version', 'applicant_type', 'display_name']).where('id', '=', id).executeTakeFirstOrThrow()

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID, OTHER_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    agent = await server.signIn('agent.li')
    supervisor = await server.signIn('supervisor.wu')
  })
  afterAll(() => server.dispose())

  it('answers a mutation id used again for another change as reused, never with the first change\'s receipt', async () => {
    // The submit is applied; a withdrawal sent under the submit's mutation id (a device's bug,
    // a restored tablet image) was never applied: answering it with the submit's receipt would
    // tell the device its withdrawal was done, and it would clear it while the application
    // went on to review.
    const app = agentApplication(agent, 1)
    const first = submit(app)
    expect((await push(agent, [first]))[0].outcome).toBe('applied')
    const reused = [{ path: 'mutationId', code: 'sync.mutation_id_reused' }]
    expect(await push(agent, [withdraw(app.id, 1, first.mutationId)])).toEqual([{ outcome: 'rejected', mutationId: first.mutationId, applicationId: app.id, issues: reused }])
    expect(await row(app.id)).toMatchObject({ status: 'submitted', version: 1 })
    // The withdrawal under an id of its own is applied; sent again on another base version, its id is no retry either.
    const withdrawal = withdraw(app.id, 1)
    expect((await push(agent, [withdrawal]))[0]).toMatchObject({ outcome: 'applied', receipt: { status: 'withdrawn', version: 2 } })
    expect(await push(agent, [{ ...withdrawal, baseVersion: 2 }])).toEqual([{ outcome: 'rejected', mutationId: withdrawal.mutationId, applicationId: app.id, issues: reused }])
    // Genuine retries still get their first answers.
    expect((await push(agent, [first, withdrawal])).map((r: { outcome: string, receipt: { version: number } }) => [r.outcome, r.receipt.version])).toEqual([['already_applied', 1], ['already_applied', 2]])
    // A mutation stored before kinds were kept is matched by application and agent, as it was.
    await server.database.db.updateTable('mutations').set({ kind: null, base_version: null }).where('mutation_id', '=', first.mutationId).execute()
    expect((await push(agent, [first]))[0]).toMatchObject({ outcome: 'already_applied', receipt: { version: 1 } })
  })

  it('refuses a resubmission that makes the applicant another kind', async () => {
    const org = makeOrganisation({ agentId: agent.staffId, deviceId: agent.deviceId, siteId: SYNC_SITE_ID, receiptNo: makeReceiptNo(2, { siteCode: SYNC_SITE_CODE, deviceCode: agent.deviceCode }) }, { seq: 2 })
    expect((await push(agent, [submit(org)]))[0].outcome).toBe('applied')
    const returned = await returnToAgent(org.id, 1)
    // The "fix" turns the organisation into an individual applicant, same id and receipt number.
    const person = makeIndividual({ id: org.id, agentId: agent.staffId, deviceId: agent.deviceId, siteId: SYNC_SITE_ID, receiptNo: org.receiptNo }, { seq: 3 })
    const [answer] = await push(agent, [resubmit(person, returned)])

    // Refused, like a new receipt number or device: lists mask by the stored type (an
    // organisation by its registered name, a person's masked), and approval makes that kind of member.
    expect(answer).toEqual({ outcome: 'rejected', mutationId: expect.any(String), applicationId: org.id, issues: [{ path: 'applicantType', code: 'field.invalid' }] })
    expect(await row(org.id)).toMatchObject({ applicant_type: 'organisation', status: 'returned', version: returned })
  })

  describe('an agent moved off a site', () => {
    let kept: ReturnType<typeof deskApplication>
    let stale: ReturnType<typeof deskApplication>
    let moved: SignedInAgent
    let keptSubmit: ReturnType<typeof submit>

    beforeAll(async () => {
      await server.createStaff('agent.zhao', 'field_agent', [SYNC_SITE_ID, OTHER_SITE_ID])
      const zhao = await server.signIn('agent.zhao')
      kept = deskApplication(zhao, 11, OTHER_SITE_ID)
      stale = deskApplication(zhao, 12, OTHER_SITE_ID)
      keptSubmit = submit(kept)
      expect((await push(zhao, [keptSubmit, submit(stale)])).map((r: { outcome: string }) => r.outcome)).toEqual(['applied', 'applied'])
      await server.database.db.deleteFrom('staff_sites').where('staff_id', '=', zhao.staffId).where('site_id', '=', OTHER_SITE_ID).execute()
      moved = { ...zhao, ...(await server.signIn('agent.zhao', undefined, zhao.deviceId)) }
      // As the server's own read paths see it: not theirs any more.
      expect((await server.request(`/api/sync/applications/${stale.id}`, { token: moved.token })).status).toBe(404)
    })

    it('cannot withdraw an application at a site no longer theirs', async () => {
      const [answer] = await push(moved, [withdraw(kept.id, 1)])
      expect(answer).toMatchObject({ outcome: 'rejected', issues: [{ path: 'siteId', code: 'status.site_not_assigned' }] })
      expect(await row(kept.id)).toMatchObject({ status: 'submitted', version: 1 })
    })

    it('is handed no full copy of one by a stale mutation or a submission under its id (the fetch answers 404 for it)', async () => {
      const siteNotAssigned = [{ path: 'siteId', code: 'status.site_not_assigned' }]
      const stalePush = await push(moved, [withdraw(stale.id, 0)])
      expect(stalePush).toEqual([{ outcome: 'rejected', mutationId: expect.any(String), applicationId: stale.id, issues: siteNotAssigned }])
      // A submission under its id at a site still theirs meets the stored one: refused the same way.
      const again = await push(moved, [submit({ ...stale, siteId: SYNC_SITE_ID })])
      expect(again).toEqual([{ outcome: 'rejected', mutationId: expect.any(String), applicationId: stale.id, issues: siteNotAssigned }])
      expect(JSON.stringify([stalePush, again])).not.toContain(stale.person.idNumber)
      const fetches = await server.database.db.selectFrom('audit_log').select('seq').where('action', '=', 'application.fetch').where('target_id', '=', stale.id).execute()
      expect(fetches).toEqual([])
    })

    it('still gets the first answer to a submission retried after the move: nothing it sent is lost', async () => {
      const retried = await push(moved, [submit(kept, keptSubmit.mutationId)])
      expect(retried).toEqual([expect.objectContaining({ outcome: 'already_applied', receipt: expect.objectContaining({ applicationId: kept.id, version: 1 }) })])
    })
  })
})
