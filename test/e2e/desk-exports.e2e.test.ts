import type { Locator, Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import type { ApiClient, E2eStaff } from './support/api-client'
import { readFile } from 'node:fs/promises'
import { maskIdNumber, maskMobile, maskName } from '#shared/privacy/masking'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { exportedCsvRows } from '../support/csv'
import { signIn } from './support/api-client'
import { decideThroughApi, pushDemoApplications, queueRows, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * The desk's 导出 control beyond desk-members' masked CSV of the queue: a supervisor
 * downloads the queue and the members list as XLSX, masked and then with 完整信息 ticked,
 * and the members list searched for one member as a full CSV. Each file is read back (the
 * workbook with exceljs): its rows are the server's, masked exactly where the masked view
 * masks and in full in the full one, and each export — the full ones above all — is in the
 * audit log with its format, whether it was full, and its row count.
 */

const chromiumPath = inject('chromiumPath')

interface AuditEntry { action: string, actorId: string | null, detail: { format?: string, full?: boolean, rowCount?: number, filters?: Record<string, unknown> } }

/** The first sheet's rows as strings (dates as YYYY-MM-DD), the header first. */
async function xlsxRows(path: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await readFile(path) as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]!
  const rows: string[][] = []
  sheet.eachRow((row) => {
    const cells: string[] = []
    for (let i = 1; i <= sheet.columnCount; i++) {
      const value = row.getCell(i).value
      cells.push(value instanceof Date ? value.toISOString().slice(0, 10) : value === null || value === undefined ? '' : String(value))
    }
    rows.push(cells)
  })
  return rows
}

/** A row of `rows` as header → value. */
function byHeader(rows: string[][], row: string[]): Record<string, string> {
  return Object.fromEntries(rows[0]!.map((header, i) => [header, row[i] ?? '']))
}

describe.skipIf(!chromiumPath)('desk exports: XLSX and full', () => {
  const suite = useE2eSuite()
  let page: Page
  let supervisor: E2eStaff
  let supervisorApi: ApiClient
  let demos: DemoApplication[]
  let memberNos: string[]
  const control = (): Locator => page.locator('[data-test=export-control]')

  /** Downloads with the control's current choices: the file's name and path. */
  async function download(format: 'CSV' | 'XLSX', full: boolean): Promise<{ name: string, path: string }> {
    await control().locator('[data-test=export-format]').getByText(format).click()
    const checkbox = control().locator('[data-test=export-full]')
    if ((await checkbox.locator('input').isChecked()) !== full)
      await checkbox.click()
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      control().locator('[data-test=export]').click(),
    ])
    return { name: file.suggestedFilename(), path: await file.path() }
  }

  /** The audit log's newest entry for `action`. */
  async function lastAudit(action: string): Promise<AuditEntry & { total: number }> {
    const answer = await suite.server.admin.json<{ items: AuditEntry[], total: number }>(`/api/admin/audit?action=${action}&pageSize=100`)
    return { ...answer.items[0]!, total: answer.total }
  }

  function person(demo: DemoApplication): { name: string, idNumber: string, mobile: string } {
    if (demo.application.applicantType === 'organisation')
      throw new Error(`${demo.application.receiptNo} is an organisation's`)
    return demo.application.person
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '大兴网点' })
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    supervisor = await suite.server.admin.createStaff({ role: 'supervisor', siteIds: [], displayName: '吴主管' })
    supervisorApi = await signIn(suite.server.url, supervisor.username, supervisor.password)
    // Two individuals and an organisation; the first and the organisation become members.
    demos = await pushDemoApplications(suite.server, agent, site, [1, 2, 5])
    memberNos = []
    for (const demo of [demos[0]!, demos[2]!]) {
      const started = await decideThroughApi(supervisorApi, demo.application.id, 'start_review', 1)
      await decideThroughApi(supervisorApi, demo.application.id, 'approve', started.version)
      memberNos.push((await supervisorApi.json<{ memberNo: string }>(`/api/review/applications/${demo.application.id}`)).memberNo)
    }
    page = await (await suite.desk()).newPage()
    await signInOnDesk(page, supervisor.username, supervisor.password)
  })

  it('the queue as XLSX, masked: the server\'s rows, names, ID numbers and mobiles masked; audited as masked', async () => {
    await page.goto('/desk/queue')
    await expect.poll(() => queueRows(page).count()).toBeGreaterThan(0)
    const queue = await supervisorApi.json<{ items: Array<{ receiptNo: string }>, total: number }>('/api/review/applications?pageSize=100')
    const file = await download('XLSX', false)
    expect(file.name).toMatch(/^入会申请_\d{4}-\d{2}-\d{2}\.xlsx$/)
    const rows = await xlsxRows(file.path)
    expect(rows[0]!.slice(0, 2)).toEqual(['回执编号', '申请状态'])
    expect(rows.length - 1).toBe(queue.total)
    expect(rows.slice(1).map(row => row[0]).sort()).toEqual(queue.items.map(item => item.receiptNo).sort())
    const second = rows.find(row => row[0] === demos[1]!.application.receiptNo)
    expect(second).toBeDefined()
    const cells = byHeader(rows, second!)
    const applicant = person(demos[1]!)
    expect(cells['姓名/单位名称']).toBe(maskName(applicant.name))
    expect(cells['证件号码']).toBe(maskIdNumber(applicant.idNumber))
    expect(cells['手机号码']).toBe(maskMobile(applicant.mobile))
    expect(rows.flat().join('|')).not.toContain(applicant.idNumber)

    const audit = await lastAudit('export.applications')
    expect(audit).toMatchObject({ actorId: supervisor.id, detail: { format: 'xlsx', full: false, rowCount: queue.total } })
  })

  it('the queue as XLSX with 完整信息: names, ID numbers and mobiles in full; the full export is audited', async () => {
    const before = (await lastAudit('export.applications')).total
    const file = await download('XLSX', true)
    const rows = await xlsxRows(file.path)
    const queue = await supervisorApi.json<{ total: number }>('/api/review/applications?pageSize=100')
    expect(rows.length - 1).toBe(queue.total)
    const cells = byHeader(rows, rows.find(row => row[0] === demos[1]!.application.receiptNo)!)
    const applicant = person(demos[1]!)
    expect(cells['姓名/单位名称']).toBe(applicant.name)
    expect(cells['证件号码']).toBe(applicant.idNumber)
    expect(cells['手机号码']).toBe(applicant.mobile)
    // The organisation's fee as a number of 元, the payment method by name.
    const corporate = byHeader(rows, rows.find(row => row[0] === demos[2]!.application.receiptNo)!)
    const payment = demos[2]!.application.payment!
    expect(Number(corporate['入会费（元）'])).toBe(payment.amountFen / 100)
    expect(corporate['缴费方式']).toBe({ cash: '现金', wechat: '微信', alipay: '支付宝', waived: '免费' }[payment.method])
    expect(corporate['收据号']).toBe(payment.receiptNo)

    const audit = await lastAudit('export.applications')
    expect(audit.total).toBe(before + 1)
    expect(audit).toMatchObject({ actorId: supervisor.id, detail: { format: 'xlsx', full: true, rowCount: queue.total } })
  })

  it('the members list as XLSX, masked then full: every member, the organisation\'s contact mobile masked only in the masked one', async () => {
    await page.goto('/desk/members')
    await expect.poll(() => page.locator('[data-test=member-row]').count()).toBe(2)
    const organisation = demos[2]!.application
    if (organisation.applicantType !== 'organisation')
      throw new Error('demo application 5 is expected to be an organisation')
    const contactMobile = organisation.organisation.contact.mobile

    const masked = await xlsxRows((await download('XLSX', false)).path)
    expect(masked[0]![0]).toBe('会员编号')
    expect(masked.slice(1).map(row => row[0]).sort()).toEqual([...memberNos].sort())
    const maskedOrg = byHeader(masked, masked.find(row => row[0] === memberNos[1])!)
    expect(maskedOrg['姓名/单位名称']).toBe(organisation.organisation.name)
    expect(maskedOrg['证件号码']).toBe(organisation.organisation.uscc)
    expect(maskedOrg['手机号码']).toBe(maskMobile(contactMobile))
    const maskedPerson = byHeader(masked, masked.find(row => row[0] === memberNos[0])!)
    expect(maskedPerson['证件号码']).toBe(maskIdNumber(person(demos[0]!).idNumber))
    expect(await lastAudit('export.members')).toMatchObject({ detail: { format: 'xlsx', full: false, rowCount: 2 } })

    const full = await xlsxRows((await download('XLSX', true)).path)
    expect(full.length).toBe(masked.length)
    expect(byHeader(full, full.find(row => row[0] === memberNos[1])!)['手机号码']).toBe(contactMobile)
    const fullPerson = byHeader(full, full.find(row => row[0] === memberNos[0])!)
    expect(fullPerson['姓名/单位名称']).toBe(person(demos[0]!).name)
    expect(fullPerson['证件号码']).toBe(person(demos[0]!).idNumber)
    expect(fullPerson['有效期起']).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(await lastAudit('export.members')).toMatchObject({ actorId: supervisor.id, detail: { format: 'xlsx', full: true, rowCount: 2 } })
  })

  it('the members list searched for one member, as a full CSV: that member only, in full; the search is not written to the log', async () => {
    const applicant = person(demos[0]!)
    await page.goto('/desk/members')
    await page.locator('input[data-test=members-search]').fill(applicant.mobile)
    await page.click('[data-test=members-search-submit]')
    // Held in the tab, not written into the address (member-search-url.ts).
    await page.waitForURL(/search=held/)
    expect(page.url()).not.toContain(applicant.mobile)
    await expect.poll(() => page.locator('[data-test=member-row]').count()).toBe(1)

    const file = await download('CSV', true)
    expect(file.name).toMatch(/^会员_\d{4}-\d{2}-\d{2}\.csv$/)
    const rows = exportedCsvRows(await readFile(file.path, 'utf8'))
    expect(rows).toHaveLength(2)
    const cells = byHeader(rows, rows[1]!)
    expect(cells['会员编号']).toBe(memberNos[0])
    expect(cells['姓名/单位名称']).toBe(applicant.name)
    expect(cells['手机号码']).toBe(applicant.mobile)
    expect(cells['证件号码']).toBe(applicant.idNumber)

    const audit = await lastAudit('export.members')
    expect(audit).toMatchObject({ actorId: supervisor.id, detail: { format: 'csv', full: true, rowCount: 1, filters: { q: '(search)' } } })
    expect(JSON.stringify(audit.detail)).not.toContain(applicant.mobile)
  })
})
