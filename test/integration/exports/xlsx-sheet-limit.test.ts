import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DIALECTS } from '../../support/databases'
import { deskApplication, pushApplication, reviewAction } from '../../support/review-fixtures'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * An XLSX export longer than a sheet holds (1,048,576 rows with the header) is refused
 * before anything is written or audited, saying how many rows and what to do: a spreadsheet
 * would cut it or refuse to open it. Filling a real database with a million applications
 * takes minutes, so here a sheet holds three rows (the header and two): the limit itself is
 * asserted below, the refusal and what follows it run on a real database.
 */
vi.mock('../../../server/export/xlsx-writer', async (original) => {
  const actual = await original<typeof import('../../../server/export/xlsx-writer')>()
  return { ...actual, XLSX_MAX_ROWS: 3, fitsOneSheet: (rows: number) => rows + 1 <= 3 }
})

describe('the sheet a spreadsheet holds', () => {
  it('is 1,048,576 rows, the header among them', async () => {
    const { fitsOneSheet, XLSX_MAX_ROWS } = await vi.importActual<typeof import('../../../server/export/xlsx-writer')>('../../../server/export/xlsx-writer')
    expect(XLSX_MAX_ROWS).toBe(2 ** 20)
    expect(fitsOneSheet(1_048_575)).toBe(true)
    expect(fitsOneSheet(1_048_576)).toBe(false)
  })
})

describe.each(DIALECTS)('an XLSX export longer than a sheet, on %s', (dialect) => {
  let server: TestServer
  let reviewer: SignedInAgent

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
    const agent = await server.signIn('agent.li')
    reviewer = await server.signIn('reviewer.chen')
    for (const seq of [1, 2, 3])
      await pushApplication(server, agent, deskApplication(agent, seq, SYNC_SITE_ID))
  })
  afterAll(() => server.dispose())

  const exports = () => server.database.db.selectFrom('audit_log').select('action').where('action', '=', 'export.applications').execute()

  it('is refused with the rows and the limit, in the reader\'s language, and not audited as an export', async () => {
    const refused = await server.request('/api/exports/applications?format=xlsx', { token: reviewer.token })
    expect(refused.status).toBe(422)
    expect((await refused.json()).error).toMatchObject({ code: 'export.too_many_rows', params: { rows: 3, max: 2 }, message: '共 3 行，超过 Excel 工作表的上限（2 行）：请缩小筛选范围，或导出 CSV' })
    const english = await server.request('/api/exports/applications?format=xlsx', { token: reviewer.token, headers: { 'Accept-Language': 'en' } })
    expect((await english.json()).error.message).toBe('3 rows, more than an Excel sheet holds (2): narrow the filters or export CSV')
    expect(await exports()).toEqual([])
  })

  it('is written as CSV, or as XLSX once the filters narrow it to a sheet', async () => {
    const csv = await server.request('/api/exports/applications?format=csv', { token: reviewer.token })
    expect(csv.status).toBe(200)
    expect((await csv.text()).trim().split('\r\n')).toHaveLength(4)
    // One application taken into review: the filter by status leaves one row.
    const first = await server.database.db.selectFrom('applications').select('id').orderBy('receipt_no').executeTakeFirstOrThrow()
    expect((await reviewAction(server, reviewer.token, first.id, 'start_review', 1)).status).toBe(200)
    const narrowed = await server.request('/api/exports/applications?format=xlsx&status=in_review', { token: reviewer.token })
    expect(narrowed.status).toBe(200)
    expect(await exports()).toHaveLength(2)
  })
})
