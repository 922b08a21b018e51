import type { OrganisationInput } from '../../fixtures/applications'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrganisation, makeReceiptNo } from '../../fixtures/applications'
import { DIALECTS } from '../../support/databases'
import { approveThrough, pushApplication } from '../../support/review-fixtures'
import { SYNC_SITE_CODE, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * An organisation's registered name is no one's personal information: the desk's lists show
 * it as it is (a person's name is masked), while its contact's mobile stays masked. Checked
 * in the queue, in a duplicate candidate's summary and in the members list.
 */
describe.each(DIALECTS)('organisation names in desk lists on %s', (dialect) => {
  let server: TestServer
  let tabletA: SignedInAgent
  let tabletB: SignedInAgent
  let reviewer: SignedInAgent
  let first: OrganisationInput
  let second: OrganisationInput

  const organisation = (agent: SignedInAgent, seq: number): OrganisationInput => makeOrganisation({
    agentId: agent.staffId,
    deviceId: agent.deviceId,
    siteId: SYNC_SITE_ID,
    receiptNo: makeReceiptNo(seq, { siteCode: SYNC_SITE_CODE, deviceCode: agent.deviceCode }),
  }, { seq })

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
    tabletA = await server.signIn('agent.li', undefined, 'tablet-a')
    tabletB = await server.signIn('agent.li', undefined, 'tablet-b')
    reviewer = await server.signIn('reviewer.chen')
    // The same company enrolled on two tablets: the second is a candidate duplicate of the first.
    first = organisation(tabletA, 1)
    second = organisation(tabletB, 2)
    await pushApplication(server, tabletA, first)
    server.clock.advance(60_000)
    await pushApplication(server, tabletB, second)
  })
  afterAll(() => server.dispose())

  it('lists an organisation by its name, with its contact\'s mobile masked', async () => {
    const queue = await (await server.request('/api/review/applications', { token: reviewer.token })).json()
    const row = queue.items.find((i: { id: string }) => i.id === first.id)
    const mobile = first.organisation.contact.mobile
    expect(row).toMatchObject({ applicantType: 'organisation', displayName: '北京星河科技有限公司', mobile: `${mobile.slice(0, 3)}****${mobile.slice(-4)}` })
  })

  it('names the other organisation of a duplicate candidate in full', async () => {
    const detail = await (await server.request(`/api/review/applications/${second.id}`, { token: reviewer.token })).json()
    expect(detail.duplicateCandidates).toHaveLength(1)
    expect(detail.duplicateCandidates[0].other).toMatchObject({ receiptNo: first.receiptNo, displayName: '北京星河科技有限公司' })
    // The contact is a person: masked in the masked detail.
    expect(detail.application.organisation.contact.mobile).not.toBe(second.organisation.contact.mobile)
  })

  it('lists the member an approved organisation becomes by its name', async () => {
    const { memberId } = await approveThrough(server, reviewer.token, first.id)
    const members = await (await server.request('/api/members', { token: reviewer.token })).json()
    expect(members.items.find((m: { id: string }) => m.id === memberId)).toMatchObject({ applicantType: 'organisation', displayName: '北京星河科技有限公司' })
  })
})
