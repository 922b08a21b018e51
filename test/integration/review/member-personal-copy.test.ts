import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCsv } from '../../support/csv'
import { DIALECTS } from '../../support/databases'
import { applicantOf, membersCast } from '../../support/review-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * 个人信息副本 (PIPL art. 45) through the API: a member's personal information unmasked,
 * as CSV or XLSX, for reviewers of the member's site and supervisors; audited; refused to
 * other sites' reviewers and to administrators; gone once the member's data was purged.
 */
describe.each(DIALECTS)('a member\'s copy of their personal information on %s', (dialect) => {
  let server: TestServer
  let reviewer: SignedInAgent
  let supervisor: SignedInAgent
  let ids: Record<number, string>

  const copy = (id: string, who: SignedInAgent, format = 'csv') => server.request(`/api/exports/members/${id}/personal-copy?format=${format}`, { token: who.token })

  beforeAll(async () => {
    server = await createTestServer(dialect)
    const cast = await membersCast(server, [1, 4])
    ;({ reviewer, supervisor, ids } = cast)
  })
  afterAll(() => server.dispose())

  it('gives the reviewer of the member\'s site every item unmasked, with the history, audited', async () => {
    const response = await copy(ids[1]!, reviewer)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Disposition')).toContain(encodeURIComponent('个人信息副本_FE00000001_2026-11-23.csv'))
    const [header, ...rows] = parseCsv(await response.text())
    expect(header).toEqual(['分类', '项目', '内容'])
    const value = (item: string) => rows.find(row => row[1] === item)?.[2]?.trim()
    expect(value('会员编号')).toBe('FE00000001')
    expect(value('申请人 · 证件号码')).toBe(applicantOf(1).idNumber)
    expect(value('申请人 · 手机号码')).toBe(applicantOf(1).mobile)
    expect(rows.filter(row => row[0] === '处理记录').map(row => row[2])).toEqual(['入会'])
    expect(response.headers.get('X-Total-Rows')).toBe(String(rows.length))

    const audited = await server.database.db.selectFrom('audit_log').select(['actor_id', 'target_id', 'detail']).where('action', '=', 'export.member_copy').execute()
    expect(audited).toEqual([{ actor_id: reviewer.staffId, target_id: ids[1], detail: JSON.stringify({ memberNo: 'FE00000001', format: 'csv', rowCount: rows.length }) }])
  })

  it('writes an XLSX for a supervisor, for a member of any site', async () => {
    const response = await copy(ids[4]!, supervisor, 'xlsx')
    expect(response.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await response.arrayBuffer())
    const sheet = book.worksheets[0]!
    expect(sheet.name).toBe('个人信息副本')
    const items = new Map<string, unknown>()
    sheet.eachRow((row, n) => {
      if (n > 1)
        items.set(String(row.getCell(2).value), row.getCell(3).value)
    })
    // Stays text: an 18-digit number would lose its last digits as a spreadsheet number.
    expect(items.get('申请人 · 证件号码')).toBe(applicantOf(4).idNumber)
  })

  it('is refused to another site\'s reviewer (not found) and to the administrator; gone once purged', async () => {
    expect((await copy(ids[4]!, reviewer)).status).toBe(404)
    const admin = await server.signIn('admin', server.adminPassword)
    const refused = await server.request(`/api/exports/members/${ids[1]}/personal-copy`, { token: admin.token })
    expect(refused.status).toBe(403)
    await server.database.db.updateTable('members').set({ purged_at: '2026-11-23T03:00:00.000Z', data: '{}' }).where('id', '=', ids[1]!).execute()
    const gone = await copy(ids[1]!, supervisor)
    expect(gone.status).toBe(410)
    expect((await gone.json()).error.code).toBe('record.purged')
  })
})
