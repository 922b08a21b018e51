import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { formatIssue } from '#shared/errors/format-issue'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../support/databases'
import { agentApplication, pushBody, submit, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * The joining fee a push refuses is sent to the tablet as codes and params, unchanged
 * (`amount: '200.00'`: tablets not yet updated word it themselves), and worded as the payment
 * step, the summary and the receipt print money (formatPrice: ¥200.00), in either language.
 */
describe.each(DIALECTS)('the payment rule\'s amount, pushed on %s', (dialect) => {
  let server: TestServer
  let agent: SignedInAgent

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    agent = await server.signIn('agent.li')
  })
  afterAll(() => server.dispose())

  it('a paid category without a payment, or paid the wrong amount', async () => {
    const unpaid = agentApplication(agent, 1, { category: 'vip', level: 'gold', payment: undefined })
    const short = agentApplication(agent, 2, { category: 'vip', level: 'gold', payment: { amountFen: 10_000, method: 'cash' } })
    const response = await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: pushBody([submit(unpaid), submit(short)]) })
    expect(response.status).toBe(200)
    const { results } = await response.json()
    expect(results).toEqual([
      { outcome: 'rejected', mutationId: expect.any(String), applicationId: unpaid.id, issues: [{ path: 'payment', code: 'payment.required', params: { amount: '200.00' } }] },
      { outcome: 'rejected', mutationId: expect.any(String), applicationId: short.id, issues: [{ path: 'payment.amountFen', code: 'payment.amount_mismatch', params: { amount: '200.00' } }] },
    ])
    const [required, mismatch] = results.map((result: { issues: [Parameters<typeof formatIssue>[0]] }) => result.issues[0])
    expect(formatIssue(required, 'zh-CN')).toBe('缴费记录：该会员类别须缴纳入会费¥200.00，请登记缴费')
    expect(formatIssue(required, 'en')).toBe('Payment: This category has a joining fee of ¥200.00: record the payment')
    expect(formatIssue(mismatch, 'zh-CN')).toBe('金额：缴费金额应为¥200.00')
    expect(formatIssue(mismatch, 'en')).toBe('Amount: The amount should be ¥200.00')
    const stored = await server.database.db.selectFrom('applications').select('id').where('id', 'in', [unpaid.id, short.id]).execute()
    expect(stored).toEqual([])
  })
})
