import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestResponse, TestServer } from '../../support/test-server'
import { isCardNumber } from '#shared/members/card-number'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../support/databases'
import { membersCast } from '../../support/review-fixtures'
import { createTestServer } from '../../support/test-server'

describe.each(DIALECTS)('member card and status operations on %s', (dialect) => {
  let server: TestServer
  let reviewer: SignedInAgent
  let supervisor: SignedInAgent
  /** Members by the applicant's seq: 1–3 at site-bj01, 4 at site-sh01. */
  const ids: Record<number, string> = {}

  const act = (id: string, operation: string, version: number | null, body?: unknown, who: SignedInAgent = reviewer): Promise<TestResponse> =>
    server.request(`/api/members/${id}/actions/${operation}`, {
      method: 'POST',
      token: who.token,
      headers: version === null ? {} : { 'If-Match': `"${version}"` },
      ...(body === undefined ? {} : { json: body }),
    })
  const ok = async (response: TestResponse) => {
    const text = await response.text()
    expect(response.status, text).toBe(200)
    return JSON.parse(text)
  }
  const changes = async (id: string) => (await (await server.request(`/api/members/${id}`, { token: supervisor.token })).json()).changes
  const audited = async (action: string, id: string) => server.database.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', action).where('target_id', '=', id).execute()

  beforeAll(async () => {
    server = await createTestServer(dialect)
    const cast = await membersCast(server, [1, 2, 3, 4])
    ;({ reviewer, supervisor } = cast)
    Object.assign(ids, cast.ids)
  })
  afterAll(() => server.dispose())

  it('issues a card with a generated, unique card number, writing history and audit', async () => {
    const issued = await ok(await act(ids[1]!, 'issue_card', 1, { note: '柜台领取' }))
    expect(issued).toMatchObject({ id: ids[1], operation: 'issue_card', version: 2, status: 'active', cardStatus: 'issued' })
    expect(isCardNumber(issued.cardNo)).toBe(true)
    expect(issued.change).toMatchObject({ version: 2, action: 'issue_card', actorId: reviewer.staffId, detail: { changes: { cardStatus: { from: 'pending', to: 'issued' }, cardNo: { from: null, to: issued.cardNo } }, note: '柜台领取' } })
    const second = await ok(await act(ids[2]!, 'issue_card', 1))
    expect(second.cardNo).not.toBe(issued.cardNo)

    const history = await changes(ids[1]!)
    expect(history.map((c: { action: string }) => c.action)).toEqual(['create', 'issue_card'])
    expect(history[1]).toMatchObject({ actorName: 'reviewer.chen', detail: issued.change.detail })
    expect(await audited('member.issue_card', ids[1]!)).toHaveLength(1)
    const row = await server.database.db.selectFrom('members').select(['card_no', 'card_status', 'version']).where('id', '=', ids[1]!).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ card_no: issued.cardNo, card_status: 'issued' })
    expect(Number(row.version)).toBe(2)
  })

  it('requires If-Match (428) and answers a stale one with the current, masked copy (409)', async () => {
    const missing = await act(ids[3]!, 'freeze', null, { reason: 'x' })
    expect(missing.status).toBe(428)
    const stale = await act(ids[1]!, 'report_lost', 1)
    expect(stale.status).toBe(409)
    const { error } = await stale.json()
    expect(error.code).toBe('request.version_conflict')
    expect(error.current).toMatchObject({ id: ids[1], version: 2, cardStatus: 'issued', revealed: false })
    expect(error.current.mobile).toContain('****')
    // The copy is a view of the member like GET's, audited as one (every view is).
    const views = await audited('member.view', ids[1]!)
    expect(views.filter(v => JSON.parse(v.detail).cause === 'version_conflict').map(v => v.actor_id)).toEqual([reviewer.staffId])
  })

  it('reports a card lost and reissues it with a fee record and a new card number', async () => {
    const before = (await (await server.request(`/api/members/${ids[1]}`, { token: reviewer.token })).json())
    await ok(await act(ids[1]!, 'report_lost', 2))
    const noFee = await act(ids[1]!, 'reissue', 3, {})
    expect(noFee.status).toBe(422)
    expect((await noFee.json()).error.code).toBe('member.fee_required')
    const noReceipt = await act(ids[1]!, 'reissue', 3, { fee: { amountFen: 1000, method: 'cash' } })
    expect((await noReceipt.json()).error.code).toBe('member.fee_receipt_required')
    expect((await act(ids[1]!, 'reissue', 3, { fee: { amountFen: -1, method: 'cash' } })).status).toBe(400)
    // A misspelt fee detail is refused by name: dropped, the receipt number would go unrecorded.
    const misspelt = await act(ids[1]!, 'reissue', 3, { fee: { amountFen: 1000, method: 'cash', receiptNumber: 'R-1' } })
    expect(misspelt.status).toBe(400)
    expect((await misspelt.json()).error.issues).toEqual([expect.objectContaining({ path: 'fee.receiptNumber', code: 'field.unknown' })])

    const fee = { amountFen: 1000, method: 'wechat', receiptNo: 'WX-20261123-01' }
    const reissued = await ok(await act(ids[1]!, 'reissue', 3, { fee }))
    expect(reissued).toMatchObject({ version: 4, cardStatus: 'reissued' })
    expect(reissued.cardNo).not.toBe(before.cardNo)
    expect(isCardNumber(reissued.cardNo)).toBe(true)
    const history = await changes(ids[1]!)
    expect(history.at(-1)).toMatchObject({ action: 'reissue', detail: { fee, changes: { cardStatus: { from: 'lost', to: 'reissued' }, cardNo: { from: before.cardNo, to: reissued.cardNo } } } })
    const [entry] = await audited('member.reissue', ids[1]!)
    expect(JSON.parse(entry!.detail)).toMatchObject({ fee, version: 4 })
  })

  it('freezes with a reason, refuses card issue while frozen, and unfreezes', async () => {
    const noReason = await act(ids[3]!, 'freeze', 1, {})
    expect(noReason.status).toBe(422)
    expect((await noReason.json()).error.code).toBe('member.reason_required')
    expect(await ok(await act(ids[3]!, 'freeze', 1, { reason: '会员申请暂停' }))).toMatchObject({ status: 'frozen', version: 2 })
    const refused = await act(ids[3]!, 'issue_card', 2)
    expect(refused.status).toBe(409)
    const refusal = (await refused.json()).error
    expect(refusal).toMatchObject({ code: 'member.operation_not_allowed', params: { status: 'frozen', cardStatus: 'pending', operation: 'issue_card' } })
    // It carries the member as it stands, masked, so the desk shows what can be done now
    // (a member that expired since it was loaded keeps its version): a view, audited as one.
    expect(refusal.current).toMatchObject({ id: ids[3], version: 2, status: 'frozen', revealed: false, availableOperations: expect.arrayContaining(['unfreeze']) })
    expect(refusal.current.availableOperations).not.toContain('issue_card')
    expect(refusal.current.mobile).toContain('****')
    const views = await audited('member.view', ids[3]!)
    expect(views.filter(v => JSON.parse(v.detail).cause === 'operation_not_allowed').map(v => v.actor_id)).toEqual([reviewer.staffId])
    expect(await ok(await act(ids[3]!, 'unfreeze', 2))).toMatchObject({ status: 'active', version: 3 })
    expect((await changes(ids[3]!)).map((c: { action: string }) => c.action)).toEqual(['create', 'freeze', 'unfreeze'])
  })

  it('renews by the programme\'s term with a fee, and an expired member shows as expired until renewed', async () => {
    const renewed = await ok(await act(ids[2]!, 'renew', 2, { fee: { amountFen: 0, method: 'waived' } }))
    expect(renewed).toMatchObject({ validFrom: '2026-11-23', validUntil: '2028-11-22', status: 'active', version: 3 })

    server.clock.advance(400 * 86_400_000) // 2027-12-28: member 3's year has run out
    try {
      const late = await server.signIn('reviewer.chen') // sessions last 30 days
      const seen = await (await server.request(`/api/members/${ids[3]}`, { token: late.token })).json()
      expect(seen).toMatchObject({ status: 'expired', availableOperations: ['renew', 'revisit', 'update_contact'] })
      const expiredList = await (await server.request('/api/members?status=expired', { token: late.token })).json()
      expect(expiredList.items.map((m: { id: string }) => m.id)).toEqual([ids[1], ids[3]])
      const lapsed = await ok(await act(ids[3]!, 'renew', 3, { fee: { amountFen: 20000, method: 'cash', receiptNo: 'C-9' } }, late))
      expect(lapsed).toMatchObject({ status: 'active', validFrom: '2027-12-28', validUntil: '2028-12-27' })
      // The history says the member was expired, not active, before the renewal.
      expect(lapsed.change.detail.changes).toEqual({
        status: { from: 'expired', to: 'active' },
        validFrom: { from: '2026-11-23', to: '2027-12-28' },
        validUntil: { from: '2027-11-22', to: '2028-12-27' },
      })
    }
    finally {
      server.clock.advance(-400 * 86_400_000)
    }
  })

  it('lets only a supervisor cancel, with a reason; nothing follows a cancellation', async () => {
    const byReviewer = await act(ids[2]!, 'cancel', 3, { reason: '会员本人申请' })
    expect(byReviewer.status).toBe(403)
    expect((await byReviewer.json()).error.code).toBe('member.role_not_allowed')
    expect(await ok(await act(ids[2]!, 'cancel', 3, { reason: '会员本人申请' }, supervisor))).toMatchObject({ status: 'cancelled', version: 4 })
    expect((await act(ids[2]!, 'renew', 4, { fee: { amountFen: 0, method: 'waived' } }, supervisor)).status).toBe(409)
    expect((await (await server.request(`/api/members/${ids[2]}`, { token: supervisor.token })).json()).availableOperations).toEqual([])
  })

  it('hides other sites\' members from a reviewer (404) and refuses an unknown operation (400)', async () => {
    expect((await act(ids[4]!, 'issue_card', 1)).status).toBe(404)
    expect((await act(ids[4]!, 'issue_card', 1, undefined, supervisor)).status).toBe(200)
    expect((await act(ids[1]!, 'destroy', 4)).status).toBe(400)
  })
})
