import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { csvCell } from '../../../server/export/csv-writer'
import { parseCsv } from '../../support/csv'
import { DIALECTS } from '../../support/databases'
import { approveThrough, deskApplication, pushApplication } from '../../support/review-fixtures'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * CSV injection: a cell a spreadsheet would run as a formula (= + - @ first) is written as
 * text with a leading apostrophe, whatever the column — identifiers ("codes") included,
 * since a payment's receipt number and every value of a personal copy are typed by people
 * in the field. Long digit runs keep their leading tab instead (they are not formulas).
 */

const HYPERLINK = '=HYPERLINK("http://evil.example","x")'

describe('csvCell', () => {
  it.each([
    ['code', HYPERLINK, `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['code', '+1+1', '\'+1+1'],
    ['code', '-2', '\'-2'],
    ['code', '@SUM(A1)', '\'@SUM(A1)'],
    ['text', '=1+2', '\'=1+2'],
    ['code', '110105199001011234', '\t110105199001011234'],
    ['code', '0123', '\t0123'],
    ['code', 'FE00000001', 'FE00000001'],
    // A Hong Kong, Macau or Taiwan mobile, in full or masked, is a phone number, not a formula:
    // kept as text with a tab, as a mainland one is, not shown with an apostrophe.
    ['code', '+85291234567', '\t+85291234567'],
    ['code', '+852****4567', '\t+852****4567'],
    ['code', '+886*****5678', '\t+886*****5678'],
    ['code', '138****5678', '138****5678'],
    // Only those: other numbers after a + are still defused, a mobile with anything after it too.
    ['code', '+1234567890', '\'+1234567890'],
    ['code', '+852****4567+1', '\'+852****4567+1'],
    ['code', '+852*4567*1', '\'+852*4567*1'],
    ['text', '+85291234567', '\'+85291234567'],
    ['text', '张三', '张三'],
  ] as const)('%s %s', (kind, value, written) => {
    expect(csvCell(value, { kind }, 'zh-CN')).toBe(written)
  })
})

describe.each(DIALECTS)('formulas in exported CSV on %s', (dialect) => {
  let server: TestServer
  let reviewer: SignedInAgent
  let memberId: string
  let receiptNo: string

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    const agent = await server.signIn('agent.li')
    reviewer = await server.signIn('reviewer.chen')
    const supervisor = await server.signIn('supervisor.wu')
    const app = deskApplication(agent, 1, SYNC_SITE_ID, {
      category: 'vip',
      level: 'gold',
      payment: { receiptNo: HYPERLINK },
      person: { occupation: '+1+1', employer: '@SUM(A1)' },
    })
    expect(app.payment?.receiptNo).toBe(HYPERLINK)
    await pushApplication(server, agent, app)
    receiptNo = app.receiptNo
    memberId = (await approveThrough(server, supervisor.token, app.id)).memberId
  })
  afterAll(() => server.dispose())

  it('writes a payment receipt number typed as a formula as text in the queue export', async () => {
    const response = await server.request('/api/exports/applications?format=csv', { token: reviewer.token })
    expect(response.status).toBe(200)
    const [header, ...rows] = parseCsv(await response.text())
    const row = rows.find(r => r[0] === receiptNo)!
    expect(row[header!.indexOf('收据号')]).toBe(`'${HYPERLINK}`)
  })

  it('writes the personal copy\'s typed values that look like formulas as text', async () => {
    const response = await server.request(`/api/exports/members/${memberId}/personal-copy?format=csv`, { token: reviewer.token })
    expect(response.status).toBe(200)
    const [, ...rows] = parseCsv(await response.text())
    const values = rows.map(row => row[2]!)
    expect(values).toContain('\'+1+1')
    expect(values).toContain('\'@SUM(A1)')
    expect(values).toContain(`'${HYPERLINK}`)
    expect(values.filter(value => /^[=+\-@]/.test(value))).toEqual([])
  })
})
