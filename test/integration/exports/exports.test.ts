import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestResponse, TestServer } from '../../support/test-server'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCsv } from '../../support/csv'
import { DIALECTS } from '../../support/databases'
import { applicantOf, approveThrough, deskApplication, OTHER_SITE_ID, pushApplication, reviewAction } from '../../support/review-fixtures'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

const APPLICATION_HEADERS = ['回执编号', '申请状态', '申请人类型', '会员类别', '会员等级', '姓名/单位名称', '证件类型', '证件号码', '手机号码', '网点', '外勤专员', '采集时间', '提交时间', '审核期限', '是否逾期', '疑似重复', '入会费（元）', '缴费方式', '收据号', '会员编号']
const MEMBER_HEADERS = ['会员编号', '会员状态', '会员卡状态', '会员卡号', '申请人类型', '会员类别', '会员等级', '姓名/单位名称', '证件类型', '证件号码', '手机号码', '网点', '有效期起', '有效期止', '下次回访', '接收营销信息', '入会时间']

/** A CSV cell as a person reads it: the leading tab that keeps long numbers as text removed. */
const plain = (cell: string) => cell.replace(/^\t/, '')

async function csvOf(response: TestResponse): Promise<string[][]> {
  const bytes = new Uint8Array(await response.arrayBuffer())
  expect([...bytes.slice(0, 3)]).toEqual([0xEF, 0xBB, 0xBF])
  return parseCsv(new TextDecoder('utf-8').decode(bytes))
}

async function xlsxOf(response: TestResponse): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  return workbook.worksheets[0]!
}

const chinaTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000)

describe.each(DIALECTS)('exports on %s', (dialect) => {
  let server: TestServer
  let reviewer: SignedInAgent
  let supervisor: SignedInAgent
  /** Applications 1–5 at site-bj01 (1 and 2 approved, 3 in review), 6 at site-sh01. */
  const apps: Record<number, { id: string, receiptNo: string }> = {}

  const get = (path: string, who: SignedInAgent = reviewer) => server.request(path, { token: who.token })
  const auditOf = async (action: string) => (await server.database.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', action).orderBy('seq').execute())
    .map(r => ({ actorId: r.actor_id, ...JSON.parse(r.detail) }))
  const siteApplications = () => server.database.db.selectFrom('applications').select(['receipt_no', 'status', 'submitted_at', 'review_due_at']).where('site_id', '=', SYNC_SITE_ID).orderBy('submitted_at').execute()

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('agent.zhao', 'field_agent', [OTHER_SITE_ID])
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    const li = await server.signIn('agent.li')
    const zhao = await server.signIn('agent.zhao')
    reviewer = await server.signIn('reviewer.chen')
    supervisor = await server.signIn('supervisor.wu')
    for (const seq of [1, 2, 3, 4, 5, 6]) {
      const agent = seq === 6 ? zhao : li
      const app = deskApplication(agent, seq, seq === 6 ? OTHER_SITE_ID : SYNC_SITE_ID)
      await pushApplication(server, agent, app)
      apps[seq] = { id: app.id, receiptNo: app.receiptNo }
      server.clock.advance(60_000)
    }
    await approveThrough(server, supervisor.token, apps[1]!.id)
    await approveThrough(server, supervisor.token, apps[2]!.id)
    await reviewAction(server, supervisor.token, apps[3]!.id, 'start_review', 1)
  })
  afterAll(() => server.dispose())

  it('exports the review queue as CSV (BOM, CRLF, RFC 4180), masked, in the queue\'s order and scope, audited', async () => {
    const response = await get('/api/exports/applications?format=csv')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('X-Total-Rows')).toBe('5')
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="applications_2026-11-23.csv"; filename*=UTF-8''${encodeURIComponent('入会申请_2026-11-23.csv')}`)
    const [header, ...rows] = await csvOf(response)
    expect(header).toEqual(APPLICATION_HEADERS)
    expect(rows.map(r => r[0])).toEqual([1, 2, 3, 4, 5].map(seq => apps[seq]!.receiptNo))

    const db = await siteApplications()
    const labels: Record<string, string> = { approved: '已通过', in_review: '审核中', submitted: '已提交' }
    rows.forEach((row, i) => {
      const { mobile, idNumber } = applicantOf(i + 1)
      expect(row[0]).toBe(db[i]!.receipt_no)
      expect(row[1]).toBe(labels[db[i]!.status])
      expect(row.slice(5, 9)).toEqual(['张*', '居民身份证', `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`, `${mobile.slice(0, 3)}****${mobile.slice(-4)}`])
      expect(row[12]).toBe(chinaTime(db[i]!.submitted_at).toISOString().slice(0, 19).replace('T', ' '))
      expect(row[13]).toBe(db[i]!.review_due_at)
      expect(row[14]).toBe('否')
    })
    expect(plain(rows[0]![19]!)).toBe('FE00000001')
    expect(rows[2]![19]).toBe('')

    expect(await auditOf('export.applications')).toEqual([expect.objectContaining({ actorId: reviewer.staffId, format: 'csv', full: false, rowCount: 5 })])
  })

  it('follows the queue\'s filters and order', async () => {
    const response = await get('/api/exports/applications?format=csv&status=approved&order=desc')
    expect(response.headers.get('X-Total-Rows')).toBe('2')
    const [, ...rows] = await csvOf(response)
    expect(rows.map(r => r[0])).toEqual([apps[2]!.receiptNo, apps[1]!.receiptNo])
    expect((await auditOf('export.applications')).at(-1)!.filters).toMatchObject({ status: ['approved'], order: 'desc' })
  })

  it('gives full values to supervisors only (403 export.full_forbidden), and audits the full export', async () => {
    const refused = await get('/api/exports/applications?format=csv&full=true')
    expect(refused.status).toBe(403)
    expect((await refused.json()).error.code).toBe('export.full_forbidden')
    const response = await get('/api/exports/applications?format=csv&full=true', supervisor)
    expect(response.headers.get('X-Total-Rows')).toBe('6')
    const [, ...rows] = await csvOf(response)
    const first = rows.find(r => r[0] === apps[1]!.receiptNo)!
    expect(first[5]).toBe('张伟')
    // Long digit runs get a leading tab, so Excel and WPS keep them as text.
    expect(first[7]).toBe(`\t${applicantOf(1).idNumber}`)
    expect(first[8]).toBe(`\t${applicantOf(1).mobile}`)
    expect((await auditOf('export.applications')).at(-1)).toMatchObject({ actorId: supervisor.staffId, full: true, rowCount: 6 })
  })

  it('exports XLSX with a header row, real dates, numbers and widths', async () => {
    const response = await get('/api/exports/applications?format=xlsx')
    expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(response.headers.get('Content-Disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('入会申请_2026-11-23.xlsx')}`)
    const sheet = await xlsxOf(response)
    expect(sheet.name).toBe('入会申请')
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(APPLICATION_HEADERS)
    expect(sheet.rowCount).toBe(6)
    const db = await siteApplications()
    db.forEach((app, i) => {
      const row = sheet.getRow(i + 2)
      expect(row.getCell(1).value).toBe(app.receipt_no)
      const submitted = row.getCell(13)
      expect(submitted.value).toBeInstanceOf(Date)
      expect((submitted.value as Date).getTime()).toBe(chinaTime(app.submitted_at).getTime())
      expect(submitted.numFmt).toBe('yyyy-mm-dd hh:mm:ss')
      expect((row.getCell(14).value as Date).toISOString().slice(0, 10)).toBe(app.review_due_at)
      expect(row.getCell(16).value).toBe(0)
    })
    expect(sheet.getColumn(8).width).toBe(22)
  })

  it('exports members with the list\'s filters, masked by default and in full for a supervisor', async () => {
    const member = await (await get('/api/members?q=FE00000001')).json()
    const issued = await (await server.request(`/api/members/${member.items[0].id}/actions/issue_card`, { method: 'POST', token: reviewer.token, headers: { 'If-Match': '"1"' } })).json()

    const response = await get('/api/exports/members?format=csv')
    expect(response.headers.get('X-Total-Rows')).toBe('2')
    expect(response.headers.get('Content-Disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('会员_2026-11-23.csv')}`)
    const [header, ...rows] = await csvOf(response)
    expect(header).toEqual(MEMBER_HEADERS)
    expect(rows.map(r => r[0])).toEqual(['FE00000001', 'FE00000002'])
    expect(rows[0]!.slice(1, 4).map(plain)).toEqual(['正常', '已发卡', issued.cardNo])
    expect(rows[0]![9]).toContain('********')
    expect(rows[0]!.slice(12, 15)).toEqual(['2026-11-23', '2027-11-22', '2026-12-23'])
    // Neither applicant ticked marketing messages.
    expect(rows.map(r => r[15])).toEqual(['否', '否'])
    expect((await csvOf(await get('/api/exports/members?format=csv&status=frozen'))).length).toBe(1)

    expect((await get('/api/exports/members?format=xlsx&full=true')).status).toBe(403)
    const sheet = await xlsxOf(await get('/api/exports/members?format=xlsx&full=true&q=FE00000002', supervisor))
    expect(sheet.rowCount).toBe(2)
    expect(sheet.getRow(2).getCell(10).value).toBe(applicantOf(2).idNumber)
    expect(sheet.getRow(2).getCell(13).value).toBeInstanceOf(Date)
    const audits = await auditOf('export.members')
    expect(audits.map(a => [a.format, a.full, a.rowCount])).toEqual([['csv', false, 2], ['csv', false, 0], ['xlsx', true, 1]])
    // A search can be a mobile or an ID number: the log does not keep it.
    expect(audits.at(-1)!.filters.q).toBe('(search)')
  })

  it('pages through more rows than one read, in order', async () => {
    const many = Array.from({ length: 1203 }, (_, i) => i)
    // Copies of an existing row with their own ids and receipt numbers: the export reads 500 at a time.
    const template = await server.database.db.selectFrom('applications').selectAll().where('id', '=', apps[5]!.id).executeTakeFirstOrThrow()
    for (let i = 0; i < many.length; i += 200) {
      await server.database.db.insertInto('applications').values(many.slice(i, i + 200).map(n => ({
        ...template,
        id: `bulk-${String(n).padStart(5, '0')}`,
        receipt_no: `BULK-${String(n).padStart(5, '0')}`,
      }))).execute()
    }
    const response = await get('/api/exports/applications?format=csv&sort=receiptNo')
    expect(response.headers.get('X-Total-Rows')).toBe(String(5 + many.length))
    const [, ...rows] = await csvOf(response)
    const receipts = rows.map(r => r[0]!)
    expect(receipts).toHaveLength(5 + many.length)
    expect(new Set(receipts).size).toBe(receipts.length)
    expect([...receipts].sort()).toEqual(receipts)
  })

  it('speaks the desk\'s language: English headers, words and file names for Accept-Language en', async () => {
    const english = (path: string) => server.request(path, { token: reviewer.token, headers: { 'Accept-Language': 'en' } })
    const response = await english('/api/exports/applications?format=csv&status=approved')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="applications_2026-11-23.csv"; filename*=UTF-8\'\'applications_2026-11-23.csv')
    const [header, ...rows] = await csvOf(response)
    expect(header!.slice(0, 6)).toEqual(['Receipt number', 'Status', 'Applicant type', 'Category', 'Level', 'Name / organisation'])
    expect(header).toHaveLength(APPLICATION_HEADERS.length)
    expect(rows.map(r => [r[1], r[2], r[14]])).toEqual([['Approved', 'Individual', 'No'], ['Approved', 'Individual', 'No']])
    expect(rows[0]![6]).toBe('Resident identity card')

    const sheet = await xlsxOf(await english('/api/exports/members?format=xlsx'))
    expect(sheet.name).toBe('Members')
    expect(sheet.getRow(1).getCell(1).value).toBe('Member number')
    expect(sheet.getRow(2).getCell(16).value).toBe('No')
  })

  it('refuses field agents and administrators, and bad formats', async () => {
    const admin = await server.signIn('admin', server.adminPassword)
    expect((await get('/api/exports/members', admin)).status).toBe(403)
    expect((await get('/api/exports/applications?format=pdf')).status).toBe(400)
  })

  it('pages through the members due a re-visit in the list\'s order, the longest-waiting first, across reads', async () => {
    // A member for each bulk application above, due on one of three past days, their numbers in another order.
    const template = await server.database.db.selectFrom('members').selectAll().where('member_no', '=', 'FE00000002').executeTakeFirstOrThrow()
    const bulk = await server.database.db.selectFrom('applications').select('id').where('id', 'like', 'bulk-%').orderBy('id').execute()
    expect(bulk.length).toBeGreaterThan(1000)
    for (let i = 0; i < bulk.length; i += 200) {
      await server.database.db.insertInto('members').values(bulk.slice(i, i + 200).map(({ id }, k) => ({
        ...template,
        id: `member-${id}`,
        application_id: id,
        member_no: `FE9${String(((i + k) * 7919) % 100_000).padStart(7, '0')}`,
        revisit_due: ['2026-11-20', '2026-11-01', '2026-11-10'][(i + k) % 3]!,
      }))).execute()
    }
    const listed: string[] = []
    for (let page = 1; ; page++) {
      const { items } = await (await get(`/api/members?revisitDue=true&page=${page}&pageSize=100`, supervisor)).json()
      listed.push(...items.map((item: { memberNo: string }) => item.memberNo))
      if (items.length < 100)
        break
    }
    expect(listed).toHaveLength(bulk.length)
    const response = await get('/api/exports/members?format=csv&revisitDue=true', supervisor)
    expect(response.headers.get('X-Total-Rows')).toBe(String(bulk.length))
    const [, ...rows] = await csvOf(response)
    expect(rows.map(r => r[0])).toEqual(listed)
  })
})
