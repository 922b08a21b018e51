import type { Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import type { ApiClient, E2eStaff, SiteRecord } from './support/api-client'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { addDays, todayInChina } from '#shared/dates/calendar'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { exportedCsvRows } from '../support/csv'
import { signIn } from './support/api-client'
import { chooseOption, columnsInView, decideThroughApi, pushDemoApplications, queueRows, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * Members and exports at the desk in a real Chromium against the real server: two
 * applications come in from an agent's device, one is approved through the API so a member
 * exists. The reviewer opens the member from the members list (masked until 显示完整信息),
 * issues the card, reports it lost and reissues it with a fee, each time seeing the card
 * and the history change, and is told 已被他人修改 when a colleague acted first; finds the
 * member under 待回访 once its re-visit is due and records one; then a supervisor downloads
 * the queue as CSV and the file holds one row per application of the server's queue.
 */

const chromiumPath = inject('chromiumPath')

interface MemberDetail {
  id: string
  memberNo: string
  cardNo: string | null
  cardStatus: string
  marketing: boolean
  changes: Array<{ action: string, detail: { fee?: { amountFen: number, method: string, receiptNo?: string } } }>
}

describe.skipIf(!chromiumPath)('desk members and exports', () => {
  const suite = useE2eSuite()
  let page: Page
  let reviewer: E2eStaff
  let supervisor: E2eStaff
  let reviewerApi: ApiClient
  let approved: DemoApplication
  let memberNo: string
  let memberId: string
  let site: SiteRecord
  let firstCardNo: string

  async function newPage(): Promise<Page> {
    return (await suite.desk()).newPage()
  }

  function memberFromApi(): Promise<MemberDetail> {
    return reviewerApi.json<MemberDetail>(`/api/members/${memberId}`)
  }

  async function operate(operation: string, fill?: (dialog: ReturnType<Page['locator']>) => Promise<void>): Promise<void> {
    await page.click(`[data-test=operation-${operation}]`)
    const dialog = page.locator('[data-test=operation-dialog]')
    await dialog.waitFor()
    await fill?.(dialog)
    await dialog.locator('[data-test=operation-submit]').click()
    await dialog.waitFor({ state: 'hidden' })
  }

  beforeAll(async () => {
    site = await suite.server.admin.createSite({ name: '海淀网点' })
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id], displayName: '王外勤' })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id], displayName: '李审核' })
    supervisor = await suite.server.admin.createStaff({ role: 'supervisor', siteIds: [], displayName: '陈主管' })
    const pushed = await pushDemoApplications(suite.server, agent, site, [1, 2])
    approved = pushed[1]!
    reviewerApi = await signIn(suite.server.url, reviewer.username, reviewer.password)
    const started = await decideThroughApi(reviewerApi, approved.application.id, 'start_review', 1)
    await decideThroughApi(reviewerApi, approved.application.id, 'approve', started.version)
    const stored = await reviewerApi.json<{ memberNo: string }>(`/api/review/applications/${approved.application.id}`)
    memberNo = stored.memberNo
    const list = await reviewerApi.json<{ items: Array<{ id: string, memberNo: string }> }>(`/api/members?q=${memberNo}`)
    memberId = list.items.find(item => item.memberNo === memberNo)!.id
    page = await newPage()
  })

  it('1. the reviewer opens the member from the members list: masked until 显示完整信息', async () => {
    await signInOnDesk(page, reviewer.username, reviewer.password)
    // A reviewer exports masked only: no 完整信息 choice.
    await page.waitForSelector('[data-test=export]')
    expect(await page.locator('[data-test=export-full]').count()).toBe(0)
    await page.click('[data-test=menu-members]')
    await page.waitForURL(/\/desk\/members/)
    // The category by its programme name, the site by name and code.
    const category = DEFAULT_PROGRAMME.categories.find(c => c.code === approved.application.category)!
    await expect.poll(() => page.locator('[data-test=member-category]').first().textContent()).toContain(category.name['zh-CN'])
    expect(await page.locator('[data-test=member-site]').first().textContent()).toBe(`海淀网点（${site.code}）`)
    await page.click(`[data-test=member-row][data-member-no="${memberNo}"]`)
    await page.waitForURL(new RegExp(`/desk/members/${memberId}$`))
    await expect.poll(() => page.locator('[data-test=member-no]').textContent()).toBe(memberNo)
    expect(await page.locator('[data-test=member-category]').textContent()).toContain(category.name['zh-CN'])
    expect(await page.locator('[data-test=member-site]').textContent()).toBe(`海淀网点（${site.code}）`)
    expect(await page.locator('[data-test=card-status]').getAttribute('data-status')).toBe('pending')
    expect(await page.locator('[data-test=member-mobile]').textContent()).toContain('****')
    expect(await page.locator('[data-test=history-entry][data-action=create]').count()).toBe(1)
    // Cancelling is the supervisor's; a pending card can be issued, not reported lost.
    expect(await page.locator('[data-test=operation-cancel]').count()).toBe(0)
    expect(await page.locator('[data-test=operation-report_lost]').count()).toBe(0)

    // The member's particulars, masked like the rest, and the application they came from.
    if (approved.application.applicantType !== 'individual')
      throw new Error('demo application 2 is expected to be an individual\'s')
    const person = approved.application.person
    const idNumber = page.locator('[data-test=member-particulars] [data-path="person.idNumber"]')
    expect(await idNumber.textContent()).toContain('****')
    expect(await page.locator('[data-test=member-name]').textContent()).not.toBe(person.name)
    expect((await page.locator('[data-test=member-application]').textContent())?.trim()).toBe(approved.application.receiptNo)

    await page.click('[data-test=reveal]')
    await page.waitForSelector('[data-test=revealed]')
    await expect.poll(() => page.locator('[data-test=member-mobile]').textContent()).toBe(person.mobile)
    await expect.poll(() => idNumber.textContent()).toBe(person.idNumber)
    expect(await page.locator('[data-test=member-name]').textContent()).toBe(person.name)

    // The application it came from opens from the member, and back.
    await page.click('[data-test=member-application]')
    await page.waitForURL(new RegExp(`/desk/applications/${approved.application.id}$`))
    await page.goBack()
    await page.waitForURL(new RegExp(`/desk/members/${memberId}$`))
    await expect.poll(() => page.locator('[data-test=member-no]').textContent()).toBe(memberNo)
  })

  it('2. issues the card: the card number shows and the history records it', async () => {
    await operate('issue_card')
    await expect.poll(() => page.locator('[data-test=card-status]').getAttribute('data-status')).toBe('issued')
    firstCardNo = (await page.locator('[data-test=card-no]').textContent())!.trim()
    expect(firstCardNo).toMatch(/^\d{12}$/)
    const entry = page.locator('[data-test=history-entry][data-action=issue_card]')
    expect(await entry.count()).toBe(1)
    expect(await entry.textContent()).toContain('李审核')
    expect(await entry.textContent()).toContain(firstCardNo)
    expect((await memberFromApi()).cardNo).toBe(firstCardNo)
  })

  it('3. reports it lost, then reissues it with a fee: a new number, the fee in the history', async () => {
    await operate('report_lost')
    await expect.poll(() => page.locator('[data-test=card-status]').getAttribute('data-status')).toBe('lost')
    expect(await page.locator('[data-test=history-entry][data-action=report_lost]').count()).toBe(1)

    await operate('reissue', async (dialog) => {
      expect(await dialog.locator('[data-test=operation-submit]').isDisabled()).toBe(true)
      await dialog.locator('input[data-test=operation-amount]').fill('20.5')
      await dialog.locator('input[data-test=operation-receipt]').fill('SJ-2026-0001')
      await dialog.locator('textarea[data-test=operation-note]').fill('卡片遗失补办')
    })
    await expect.poll(() => page.locator('[data-test=card-status]').getAttribute('data-status')).toBe('reissued')
    const cardNo = (await page.locator('[data-test=card-no]').textContent())!.trim()
    expect(cardNo).toMatch(/^\d{12}$/)
    expect(cardNo).not.toBe(firstCardNo)
    const entry = page.locator('[data-test=history-entry][data-action=reissue]')
    expect(await entry.locator('[data-test=history-fee]').textContent()).toContain('20.50')
    expect(await entry.textContent()).toContain('SJ-2026-0001')
    expect(await entry.textContent()).toContain('卡片遗失补办')

    const member = await memberFromApi()
    expect(member.cardNo).toBe(cardNo)
    expect(member.changes.at(-1)?.detail.fee).toEqual({ amountFen: 2050, method: 'cash', receiptNo: 'SJ-2026-0001' })
  })

  it('3b. an operation on a stale copy loads the current one by itself and says 已被他人修改', async () => {
    const before = await reviewerApi.json<{ version: number }>(`/api/members/${memberId}`)
    await reviewerApi.json(`/api/members/${memberId}/actions/freeze`, { method: 'POST', headers: { 'If-Match': `"${before.version}"` }, json: { reason: '核查资料' } })
    await operate('freeze', dialog => dialog.locator('textarea[data-test=operation-reason]').fill('重复冻结'))
    await page.waitForSelector('[data-test=conflict]')
    expect(await page.locator('[data-test=conflict]').textContent()).toContain('已被他人修改')
    // Nothing to click: the current copy is on screen, and the banner says so until dismissed.
    await expect.poll(() => page.locator('[data-test=member-status]').getAttribute('data-status')).toBe('frozen')
    expect(await page.locator('[data-test=conflict]').textContent()).toContain('页面已载入最新内容')
    await page.click('[data-test=conflict] .el-alert__close-btn')
    await expect.poll(() => page.locator('[data-test=conflict]').count()).toBe(0)
    expect(await page.locator('[data-test=operation-freeze]').count()).toBe(0)
    expect(await page.locator('[data-test=operation-unfreeze]').count()).toBe(1)
  })

  it('3c. filters the members list by status and site, kept in the URL', async () => {
    await page.goto('/desk/members?status=frozen')
    await expect.poll(() => page.locator('.el-table__row').count()).toBe(1)
    expect(await page.locator('.el-table__row').textContent()).toContain(memberNo)
    // The site filter offers the reviewer's site by name and keeps its id in the URL, beside the status.
    await chooseOption(page, 'members-site', `海淀网点（${site.code}）`)
    await page.waitForURL(new RegExp(`status=frozen&siteId=${site.id}`))
    await expect.poll(() => page.locator('.el-table__row').count()).toBe(1)
    // A member opened from the filtered list leads back to that list, filters and all.
    await page.click(`[data-test=member-row][data-member-no="${memberNo}"]`)
    await page.waitForURL(/\/desk\/members\/[^?]+$/)
    await page.click('[data-test=back-to-members]')
    await page.waitForURL(new RegExp(`/desk/members\\?status=frozen&siteId=${site.id}`))
    await expect.poll(() => page.locator('.el-table__row').count()).toBe(1)
    await page.goto('/desk/members?status=active')
    await expect.poll(() => page.locator('.el-table__body-wrapper').textContent()).not.toContain(memberNo)
    // A page past the end (a link kept from a longer list) shows the last page instead of nothing.
    await page.goto('/desk/members?status=frozen&page=999')
    await expect.poll(() => new URL(page.url()).searchParams.has('page')).toBe(false)
    await expect.poll(() => page.locator('.el-table__row').count()).toBe(1)
  })

  it('3d. a member whose re-visit is due is listed under 待回访; recording a re-visit schedules the next one', async () => {
    // Its first re-visit falls due a month after joining: let that month pass.
    const db = new Database(join(suite.server.dataDir, 'field-enrol.sqlite'))
    try {
      db.pragma('busy_timeout = 5000')
      db.prepare('update members set revisit_due = ? where id = ?').run(addDays(todayInChina(), -3), memberId)
    }
    finally {
      db.close()
    }
    await page.goto('/desk/members')
    await page.click('[data-test=members-revisit]')
    await page.waitForURL(/revisit=due/)
    await expect.poll(() => page.locator('.el-table__row').count()).toBe(1)
    const due = page.locator('[data-test=revisit-due]').first()
    expect(await due.getAttribute('data-due')).toBe('true')
    expect(await due.textContent()).toContain('待回访')
    // On a 1366-pixel laptop screen the column this list is worked from is in view, not
    // scrolled off to the right with the last ones.
    const viewport = page.viewportSize()!
    await page.setViewportSize({ width: 1366, height: viewport.height })
    const inView = await columnsInView(page.locator('[data-test=members-table]'))
    expect(inView).toEqual(expect.arrayContaining(['会员编号', '下次回访']))
    expect(inView).not.toContain('入会时间')
    await page.setViewportSize(viewport)

    await page.click(`[data-test=member-row][data-member-no="${memberNo}"]`)
    await page.waitForURL(new RegExp(`/desk/members/${memberId}$`))
    await expect.poll(() => page.locator('[data-test=revisit-due]').getAttribute('data-due')).toBe('true')
    await operate('revisit', async (dialog) => {
      // The outcome is chosen every time, never assumed.
      expect(await dialog.locator('[data-test=operation-submit]').isDisabled()).toBe(true)
      await dialog.locator('[data-test=operation-channel] [data-value=visit]').click()
      await dialog.locator('[data-test=operation-outcome] [data-value=reached]').click()
      await dialog.locator('textarea[data-test=operation-note]').fill('会员对服务满意')
    })
    const next = addDays(todayInChina(), DEFAULT_PROGRAMME.revisits.intervalDays)
    await expect.poll(() => page.locator('[data-test=revisit-due]').getAttribute('data-date')).toBe(next)
    expect(await page.locator('[data-test=revisit-due]').getAttribute('data-due')).toBe('false')
    const entry = page.locator('[data-test=history-entry][data-action=revisit]')
    expect(await entry.locator('[data-test=history-revisit]').textContent()).toContain('上门回访 · 已回访')
    expect(await entry.textContent()).toContain('会员对服务满意')
    expect(await entry.textContent()).toContain(next)

    await page.goto('/desk/members?revisit=due')
    await expect.poll(() => page.locator('.el-table__body-wrapper').textContent()).toContain('没有会员')
  })

  it('3e. changes the member\'s mobile and address (资料变更) without revealing the old ones; the history names the fields', async () => {
    await page.goto(`/desk/members/${memberId}`)
    await expect.poll(() => page.locator('[data-test=member-no]').textContent()).toBe(memberNo)
    await page.click('[data-test=operation-update_contact]')
    const dialog = page.locator('[data-test=operation-dialog]')
    await dialog.waitFor()
    await dialog.locator('textarea[data-test=operation-reason]').fill('会员本人来电申请变更')
    // Nothing filled in: nothing is sent.
    await dialog.locator('[data-test=operation-submit]').click()
    await dialog.locator('[data-test=contact-missing]').waitFor()
    // A bad mobile is refused under its field by the shared schema, before anything is sent.
    await dialog.locator('input[data-test=contact-mobile]').fill('12345')
    await dialog.locator('[data-test=operation-submit]').click()
    await expect.poll(() => dialog.locator('.el-form-item__error').first().textContent()).toContain('手机号码')
    await dialog.locator('input[data-test=contact-mobile]').fill('137 0000 7777')
    await dialog.locator('[data-test=contact-region] input').fill('徐汇区')
    await page.locator('.el-cascader__suggestion-item').filter({ hasText: '徐汇区' }).first().click()
    await dialog.locator('input[data-test=contact-address-detail]').fill('漕溪北路 88 号')
    await dialog.locator('input[data-test=contact-email]').fill('li.member@example.com')
    await dialog.locator('[data-test=operation-submit]').click()
    await dialog.waitFor({ state: 'hidden' })

    const entry = page.locator('[data-test=history-entry][data-action=update_contact]')
    await expect.poll(() => entry.count()).toBe(1)
    expect(await entry.locator('[data-test=history-fields]').textContent()).toContain('手机号码、电子邮箱、通讯地址')
    expect(await entry.textContent()).toContain('会员本人来电申请变更')
    expect(await entry.textContent()).not.toContain('7777')
    await expect.poll(() => page.locator('[data-test=member-mobile]').textContent()).toBe('137****7777')

    const full = await reviewerApi.json<{ mobile: string, data: { person: { address: { regionCode: string, detail: string }, email?: string } } }>(`/api/members/${memberId}?reveal=true`)
    expect(full.mobile).toBe('13700007777')
    expect(full.data.person.address).toEqual({ regionCode: '310104', detail: '漕溪北路 88 号' })
    expect(full.data.person.email).toBe('li.member@example.com')
  })

  it('4. a supervisor downloads the queue as CSV: BOM, header row, one row per application of the server\'s queue', async () => {
    const supervisorPage = await newPage()
    await signInOnDesk(supervisorPage, supervisor.username, supervisor.password)
    await expect.poll(() => queueRows(supervisorPage).count()).toBe(2)
    expect(await supervisorPage.locator('[data-test=export-full]').count()).toBe(1)
    await supervisorPage.locator('[data-test=export-format]').getByText('CSV').click()
    const [download] = await Promise.all([
      supervisorPage.waitForEvent('download'),
      supervisorPage.click('[data-test=export]'),
    ])
    expect(download.suggestedFilename()).toMatch(/^入会申请_\d{4}-\d{2}-\d{2}\.csv$/)
    const bytes = await readFile(await download.path())
    expect([...bytes.subarray(0, 3)]).toEqual([0xEF, 0xBB, 0xBF])
    const rows = exportedCsvRows(bytes.toString('utf8'))
    expect(rows[0]![0]).toBe('回执编号')
    const receipts = rows.slice(1).map(row => row[0]!)

    const supervisorApi = await signIn(suite.server.url, supervisor.username, supervisor.password)
    const queue = await supervisorApi.json<{ items: Array<{ receiptNo: string }>, total: number }>('/api/review/applications?pageSize=100')
    expect(queue.total).toBe(2)
    expect(receipts.sort()).toEqual(queue.items.map(item => item.receiptNo).sort())
    expect(receipts.sort()).toEqual([...new Set(receipts)].sort())
  })

  it('5. moves a VIP member from one level to another (等级变更), the new level shown by name', async () => {
    const agentForVip = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    const [vip] = await pushDemoApplications(suite.server, agentForVip, site, [{ n: 3, sequence: 30 }])
    if (!vip || vip.application.category !== 'vip' || vip.application.level !== 'silver')
      throw new Error('demo application 3 is expected to be a silver VIP')
    const started = await decideThroughApi(reviewerApi, vip.application.id, 'start_review', 1)
    await decideThroughApi(reviewerApi, vip.application.id, 'approve', started.version)
    const vipMemberNo = (await reviewerApi.json<{ memberNo: string }>(`/api/review/applications/${vip.application.id}`)).memberNo
    const vipId = (await reviewerApi.json<{ items: Array<{ id: string }> }>(`/api/members?q=${vipMemberNo}`)).items[0]!.id

    await page.goto(`/desk/members/${vipId}`)
    await expect.poll(() => page.locator('[data-test=member-category]').textContent()).toContain('银卡')
    await operate('change_level', async (dialog) => {
      // The member's own level is not offered; the level is chosen every time.
      expect(await dialog.locator('[data-test=operation-level] [data-value=silver]').count()).toBe(0)
      expect(await dialog.locator('[data-test=operation-submit]').isDisabled()).toBe(true)
      await dialog.locator('[data-test=operation-level] [data-value=gold]').click()
      await dialog.locator('textarea[data-test=operation-reason]').fill('会员申请升级')
    })
    await expect.poll(() => page.locator('[data-test=member-category]').textContent()).toContain('金卡')
    const entry = page.locator('[data-test=history-entry][data-action=change_level]')
    expect(await entry.textContent()).toContain('VIP会员 · 银卡 → VIP会员 · 金卡')
    expect((await reviewerApi.json<{ level: string }>(`/api/members/${vipId}`)).level).toBe('gold')

    // The members list by category and level, kept in the URL.
    await page.goto('/desk/members')
    await chooseOption(page, 'members-category', 'VIP会员 · 金卡')
    await page.waitForURL(/category=vip%3Agold|category=vip:gold/)
    await expect.poll(() => page.locator('.el-table__row').count()).toBe(1)
    expect(await page.locator('[data-test=member-row]').getAttribute('data-member-no')).toBe(vipMemberNo)
  })

  it('6. withdraws the member\'s marketing consent at their word (撤回营销授权); the list filters by consent', async () => {
    await page.goto(`/desk/members/${memberId}`)
    // Demo application 2's applicant ticked marketing messages when enrolling.
    await expect.poll(() => page.locator('[data-test=member-marketing]').textContent()).toContain('已授权接收营销信息')
    await operate('withdraw_marketing', async (dialog) => {
      // No reason is asked: withdrawing is the member's right.
      expect(await dialog.locator('textarea[data-test=operation-reason]').count()).toBe(0)
      await dialog.locator('textarea[data-test=operation-note]').fill('会员来电：不再接收营销短信')
    })
    await expect.poll(() => page.locator('[data-test=member-marketing]').textContent()).toContain('未授权或已撤回')
    expect(await page.locator('[data-test=history-entry][data-action=withdraw_marketing]').textContent()).toContain('撤回营销授权')
    expect(await page.locator('[data-test=operation-withdraw_marketing]').count()).toBe(0)
    expect((await memberFromApi()).marketing).toBe(false)

    await page.goto('/desk/members')
    await chooseOption(page, 'members-marketing', '未授权或已撤回')
    await page.waitForURL(/marketing=no/)
    await expect.poll(() => page.locator(`[data-test=member-row][data-member-no="${memberNo}"]`).count()).toBe(1)
    await chooseOption(page, 'members-marketing', '已授权接收营销信息')
    await page.waitForURL(/marketing=yes/)
    // Nobody else in this run agreed to marketing messages.
    await expect.poll(() => page.locator('[data-test=member-row]').count()).toBe(0)
  })

  it('7. hands the member a copy of their personal information (个人信息副本): unmasked, with the history', async () => {
    await page.goto(`/desk/members/${memberId}`)
    const control = page.locator('[data-test=personal-copy]')
    await control.waitFor()
    // Always in full: no 完整信息 choice, whoever asks.
    expect(await control.locator('[data-test=export-full]').count()).toBe(0)
    await control.locator('[data-test=export-format]').getByText('CSV').click()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      control.locator('[data-test=export]').click(),
    ])
    expect(download.suggestedFilename()).toBe(`个人信息副本_${memberNo}_${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)}.csv`)
    const bytes = await readFile(await download.path())
    const rows = exportedCsvRows(bytes.toString('utf8'))
    const value = (item: string) => rows.find(row => row[1] === item)?.[2]
    expect(value('会员编号')).toBe(memberNo)
    const person = approved.application.applicantType === 'organisation' ? null : approved.application.person
    expect(value('申请人 · 证件号码')).toBe(person?.idNumber)
    expect(rows.filter(row => row[0] === '处理记录').map(row => row[2])).toContain('撤回营销授权')
  })
})
