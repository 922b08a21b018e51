import type { MembersCast } from '../../support/review-fixtures'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestResponse, TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCsv } from '../../support/csv'
import { DIALECTS } from '../../support/databases'
import { approveThrough, deskApplication, membersCast, pushApplication } from '../../support/review-fixtures'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * Marketing consent (营销授权) after approval: a member keeps what the applicant signed; the
 * desk lists and exports members by it (a campaign reaches only those who agreed), and
 * withdraws it when the member asks — no reason needed, versioned, in the history and the
 * audit log. Giving it is not a desk operation (it takes the member's signature), and a
 * member who has not agreed has nothing to withdraw.
 */
describe.each(DIALECTS)('member marketing consent on %s', (dialect) => {
  let server: TestServer
  let reviewer: SignedInAgent
  let supervisor: SignedInAgent
  let agreed: string
  let declined: string
  let cast: MembersCast

  const member = async (id: string) => (await server.request(`/api/members/${id}`, { token: supervisor.token })).json()
  const withdraw = (id: string, version: number, who: SignedInAgent = reviewer): Promise<TestResponse> =>
    server.request(`/api/members/${id}/actions/withdraw_marketing`, { method: 'POST', token: who.token, headers: { 'If-Match': `"${version}"` }, json: { note: '会员来电：不再接收营销短信' } })
  const numbers = async (query: string) => ((await (await server.request(`/api/members${query}`, { token: supervisor.token })).json()).items as Array<{ memberNo: string }>).map(item => item.memberNo)

  beforeAll(async () => {
    server = await createTestServer(dialect)
    cast = await membersCast(server, [1])
    ;({ reviewer, supervisor } = cast)
    declined = cast.ids[1]!
    const app = deskApplication(cast.li, 2, SYNC_SITE_ID)
    const signed = { ...app, consent: { ...app.consent, marketing: true } }
    await pushApplication(server, cast.li, signed)
    agreed = (await approveThrough(server, supervisor.token, signed.id)).memberId
  })
  afterAll(() => server.dispose())

  it('keeps what the applicant signed, and lists members by it', async () => {
    expect(await member(agreed)).toMatchObject({ marketing: true, data: { consent: { marketing: true } } })
    expect(await member(declined)).toMatchObject({ marketing: false })
    expect(await numbers('?marketing=true')).toEqual(['FE00000002'])
    expect(await numbers('?marketing=false')).toEqual(['FE00000001'])
    expect(await numbers('')).toEqual(['FE00000001', 'FE00000002'])
    expect((await server.request('/api/members?marketing=maybe', { token: supervisor.token })).status).toBe(400)
  })

  it('offers withdrawal only to a member who agreed, and refuses it otherwise', async () => {
    expect((await member(agreed)).availableOperations).toContain('withdraw_marketing')
    expect((await member(declined)).availableOperations).not.toContain('withdraw_marketing')
    const refused = await withdraw(declined, 1)
    expect(refused.status).toBe(422)
    expect((await refused.json()).error).toMatchObject({ code: 'member.marketing_not_given', message: '该会员未授权接收营销信息，无需撤回' })
  })

  it('withdraws it at the member\'s word: versioned, in the history and the audit log, the list and the export follow', async () => {
    const response = await withdraw(agreed, 1)
    const text = await response.text()
    expect(response.status, text).toBe(200)
    expect(JSON.parse(text)).toMatchObject({ operation: 'withdraw_marketing', version: 2, change: { action: 'withdraw_marketing', detail: { note: '会员来电：不再接收营销短信' } } })
    const after = await member(agreed)
    expect(after).toMatchObject({ marketing: false, version: 2, data: { consent: { marketing: false } } })
    expect(after.availableOperations).not.toContain('withdraw_marketing')
    expect(after.changes.map((change: { action: string }) => change.action)).toEqual(['create', 'withdraw_marketing'])
    expect(await numbers('?marketing=true')).toEqual([])

    const audited = await server.database.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'member.withdraw_marketing').execute()
    expect(audited).toHaveLength(1)
    expect(audited[0]!.actor_id).toBe(reviewer.staffId)

    // The personal data sealed beside the consent is untouched: the member's ID number still opens.
    const revealed = await (await server.request(`/api/members/${agreed}?reveal=true`, { token: supervisor.token })).json()
    expect(revealed.data.person.idNumber).toMatch(/^\d{17}[\dX]$/)

    const exported = parseCsv(await (await server.request('/api/exports/members?format=csv', { token: supervisor.token })).text())
    const column = exported[0]!.indexOf('接收营销信息')
    expect(exported.slice(1).map(row => [row[0], row[column]])).toEqual([['FE00000001', '否'], ['FE00000002', '否']])
    expect(parseCsv(await (await server.request('/api/exports/members?format=csv&marketing=true', { token: supervisor.token })).text())).toHaveLength(1)

    // Again, on the new version: nothing to withdraw.
    expect((await withdraw(agreed, 2)).status).toBe(422)
  })

  it('withdraws it after cancellation too: the member stays cancelled and leaves the campaign list', async () => {
    const app = deskApplication(cast.li, 3, SYNC_SITE_ID)
    const signed = { ...app, consent: { ...app.consent, marketing: true } }
    await pushApplication(server, cast.li, signed)
    const id = (await approveThrough(server, supervisor.token, signed.id)).memberId
    const cancelled = await server.request(`/api/members/${id}/actions/cancel`, { method: 'POST', token: supervisor.token, headers: { 'If-Match': '"1"' }, json: { reason: '会员本人申请注销' } })
    expect(cancelled.status, await cancelled.text()).toBe(200)
    // Cancelling ends the membership, not the consent the member signed: it is theirs to withdraw.
    expect(await member(id)).toMatchObject({ status: 'cancelled', marketing: true, availableOperations: ['withdraw_marketing'] })
    expect(await numbers('?marketing=true')).toEqual(['FE00000003'])

    const response = await withdraw(id, 2)
    expect(response.status, await response.text()).toBe(200)
    const after = await member(id)
    expect(after).toMatchObject({ status: 'cancelled', marketing: false, version: 3, availableOperations: [], data: { consent: { marketing: false } } })
    expect(after.changes.map((change: { action: string }) => change.action)).toEqual(['create', 'cancel', 'withdraw_marketing'])
    expect(await numbers('?marketing=true')).toEqual([])
  })
})
