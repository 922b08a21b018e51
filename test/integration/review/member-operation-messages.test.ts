import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../support/databases'
import { membersCast } from '../../support/review-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * The member operations' refusals in people's words: a fee bound in 元 (the unit the desk
 * types it in), and the member's and the card's states by their labels, never their codes.
 */
describe.each(DIALECTS)('member operation messages on %s', (dialect) => {
  let server: TestServer
  let supervisor: SignedInAgent
  let memberId: string

  const act = (operation: string, version: number, body: unknown, language = 'zh-CN') =>
    server.request(`/api/members/${memberId}/actions/${operation}`, { method: 'POST', token: supervisor.token, headers: { 'If-Match': `"${version}"`, 'Accept-Language': language }, json: body })

  beforeAll(async () => {
    server = await createTestServer(dialect)
    const cast = await membersCast(server, [1])
    supervisor = cast.supervisor
    memberId = cast.ids[1]!
  })
  afterAll(() => server.dispose())

  it('says a fee above the cap in 元', async () => {
    const body = { fee: { amountFen: 200_000_000, method: 'cash', receiptNo: 'R-1' } }
    const zh = await act('renew', 1, body)
    expect(zh.status).toBe(400)
    expect((await zh.json()).error.issues).toEqual([expect.objectContaining({ path: 'fee.amountFen', code: 'field.too_large', params: { max: 100_000_000 }, message: '金额：不能大于1,000,000元' })])
    const en = await act('renew', 1, body, 'en')
    expect((await en.json()).error.issues).toEqual([expect.objectContaining({ message: 'Amount: Must be at most ¥1,000,000' })])
  })

  it('names a cancelled member\'s and its card\'s states by their labels', async () => {
    expect((await act('cancel', 1, { reason: '会员本人申请' })).status).toBe(200)
    const fee = { fee: { amountFen: 0, method: 'waived' } }
    const zh = await act('renew', 2, fee)
    expect(zh.status).toBe(409)
    expect((await zh.json()).error).toMatchObject({ code: 'member.operation_not_allowed', params: { status: 'cancelled', cardStatus: 'pending' }, message: '会员状态“已注销”、会员卡状态“待发卡”下不能执行此操作' })
    const en = await act('renew', 2, fee, 'en')
    expect((await en.json()).error.message).toBe('This operation is not possible with member status "Cancelled" and card status "Card pending"')
  })
})
