import type { MembersCast } from '../../support/review-fixtures'
import type { TestResponse, TestServer } from '../../support/test-server'
import { MAX_AMOUNT_FEN } from '#shared/application/payment-amount'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { membersCast } from '../../support/review-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * A value of the wrong type, or beyond any number, gets one issue for its field: not a
 * second one about a bound that does not apply (zod-issues.ts, `relevant`).
 */
describe.each(DIALECTS)('one issue for a field\'s one problem, on %s', (dialect) => {
  let server: TestServer
  let cast: MembersCast
  let admin: string

  beforeAll(async () => {
    server = await createTestServer(dialect)
    cast = await membersCast(server, [1])
    admin = (await signInAdmin(server)).token
  })
  afterAll(() => server.dispose())

  const issuesOf = async (response: TestResponse) => {
    expect(response.status).toBe(400)
    return (await response.json()).error.issues
  }

  it('a list sent for a text is of the wrong type, not also "at least 1 item" (至少1项)', async () => {
    const staff = await server.request('/api/admin/staff', { method: 'POST', token: admin, json: { username: 'agent.types', displayName: [], role: 'field_agent', password: 'a long enough password' } })
    expect(await issuesOf(staff)).toEqual([{ path: 'displayName', code: 'field.type', params: { expected: 'string', label: 'staff.displayName' }, message: '姓名：数据类型不正确' }])
  })

  it('an amount beyond any number is refused by the cap, not also by JavaScript\'s largest integer said in 元', async () => {
    const renew = await server.request(`/api/members/${cast.ids[1]}/actions/renew`, { method: 'POST', token: cast.supervisor.token, headers: { 'If-Match': '"1"' }, json: { fee: { amountFen: 1e20, method: 'cash', receiptNo: 'R-1' } } })
    expect(await issuesOf(renew)).toEqual([{ path: 'fee.amountFen', code: 'field.too_large', params: { max: MAX_AMOUNT_FEN }, message: '金额：不能大于1,000,000元' }])
  })
})
