import type { BrowserContext, Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import type { ApiClient, E2eStaff, SiteRecord } from './support/api-client'
import { regionName } from '#shared/contact/region-name'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { signIn } from './support/api-client'
import { applicationStatus, cellsNotWhole, chooseOption, columnsInView, decideThroughApi, DESKTOP_VIEWPORT, openApplication, pushDemoApplications, queueRows, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * Issue 5's review journey in a real Chromium against the real server: three applications
 * come in from an agent's device (real photos, through the sync API), one already taken
 * into review by a colleague. A reviewer signs in at the desk, filters the queue to
 * 已提交 (kept in the URL across a reload), opens an application (masked until 显示完整信息),
 * starts the review with the S key and returns it with two items; opens another, which a
 * colleague took meanwhile (已被他人修改, reload), approves it and sees the member number,
 * and finds the member in the members list.
 */

const chromiumPath = inject('chromiumPath')

/** The applicant of a demo application (the numbers chosen below give individuals). */
function applicantOf(demo: DemoApplication): { name: string, birthDate: string, mobile: string, address: { regionCode: string } } {
  if (demo.application.applicantType === 'organisation')
    throw new Error('expected an individual application')
  return demo.application.person
}

interface ReviewDetail { id: string, version: number, status: string, memberNo: string | null, returnItems: Array<{ kind: string, ref: string }> | null }

describe.skipIf(!chromiumPath)('review desk', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let site: SiteRecord
  let reviewer: E2eStaff
  let colleague: ApiClient
  let toReturn: DemoApplication
  let toApprove: DemoApplication
  let alreadyInReview: DemoApplication
  let agent: E2eStaff
  let otherSite: SiteRecord
  let supervisor: E2eStaff
  let reviewDue: string

  beforeAll(async () => {
    site = await suite.server.admin.createSite({ name: '朝阳网点' })
    otherSite = await suite.server.admin.createSite({ name: '海淀网点' })
    supervisor = await suite.server.admin.createStaff({ role: 'supervisor', siteIds: [], displayName: '周主管' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id], displayName: '王外勤' })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id], displayName: '李审核' })
    const other = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id], displayName: '赵审核' })
    // One applicant with a Hong Kong mobile: its masked number (+852****4567) is the widest.
    const pushed = await pushDemoApplications(suite.server, agent, site, [1, 2, { n: 7, person: { mobile: '+85291234567' } }])
    ;[toReturn, toApprove, alreadyInReview] = [pushed[0]!, pushed[1]!, pushed[2]!]
    colleague = await signIn(suite.server.url, other.username, other.password)
    await decideThroughApi(colleague, alreadyInReview.application.id, 'start_review', 1)
    context = await suite.desk()
    page = await context.newPage()
  })

  it('1. a field agent is told the desk is not for them', async () => {
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    await page.goto('/desk/queue')
    await page.waitForURL(/\/desk\/sign-in\?next=/)
    await page.fill('input[name=username]', agent.username)
    await page.fill('input[name=password]', agent.password)
    await page.click('[data-test=sign-in]')
    await expect.poll(() => page.locator('[data-test=sign-in-error]').textContent()).toContain('外勤专员')
  })

  it('2. a reviewer signs in and sees the whole queue, names and mobiles masked', async () => {
    await signInOnDesk(page, reviewer.username, reviewer.password)
    await expect.poll(() => queueRows(page).count()).toBe(3)
    expect(await page.locator('[data-test=desk-user]').textContent()).toContain('李审核')
    expect(await page.locator('[data-test=desk-role]').textContent()).toContain('审核员')
    const table = await page.locator('[data-test=queue-table]').textContent()
    for (const demo of [toReturn, toApprove, alreadyInReview]) {
      expect(table).not.toContain(applicantOf(demo).name)
      expect(table).not.toContain(applicantOf(demo).mobile)
    }
    expect(table).toContain('****')
    // Sites and agents by name, never by id.
    expect(await page.locator('[data-test=queue-site]').allTextContents()).toEqual(Array.from({ length: 3 }, () => `朝阳网点（${site.code}）`))
    expect(await page.locator('[data-test=queue-agent]').allTextContents()).toEqual(['王外勤', '王外勤', '王外勤'])
    expect(table).not.toContain(site.id)
    const categories = [toReturn, toApprove, alreadyInReview].map(demo => DEFAULT_PROGRAMME.categories.find(c => c.code === demo.application.category)!.name['zh-CN'])
    await expect.poll(async () => (await page.locator('[data-test=queue-category]').allTextContents()).sort()).toEqual(categories.sort())
    // Narrower than the columns (a laptop's screen), the table scrolls its middle: the receipt
    // number, the deadline and the flags stay in view (once they were off to the right, out of sight).
    await page.setViewportSize({ width: 1280, height: 800 })
    await expect.poll(() => columnsInView(page.locator('[data-test=queue-table]')).then(list => list.length), { timeout: 3_000 }).toBeLessThan(11)
    expect(await columnsInView(page.locator('[data-test=queue-table]'))).toEqual(expect.arrayContaining(['回执编号', '审核期限', '提示']))
    await page.setViewportSize({ ...DESKTOP_VIEWPORT })
    // All three wait for a reviewer: each shows its deadline.
    expect(await page.locator('[data-test=review-due]').allTextContents()).toEqual(Array.from({ length: 3 }, () => expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)))
    // In English the categories read whole (once "Standard m…"), and the headers wrap between words.
    await page.click('[data-test=locale-en]')
    const englishCategories = [toReturn, toApprove, alreadyInReview].map(demo => DEFAULT_PROGRAMME.categories.find(c => c.code === demo.application.category)!.name.en)
    await expect.poll(async () => (await page.locator('[data-test=queue-category]').allTextContents()).sort()).toEqual(englishCategories.sort())
    // Polled: the columns take their English widths a frame or two after the text changes.
    await expect.poll(() => cellsNotWhole(page.locator('[data-test=queue-table] td .cell:has([data-test=queue-category])')), { timeout: 3_000 }).toEqual([])
    await expect.poll(() => cellsNotWhole(page.locator('[data-test=queue-table] th .cell')), { timeout: 3_000 }).toEqual([])
    // Mobiles on one line, the Hong Kong one too (once "+852****456 / 7").
    expect(await page.locator('[data-test=queue-mobile]').allTextContents()).toContainEqual(expect.stringMatching(/^\+852\*+\d+$/))
    expect(await cellsNotWhole(page.locator('[data-test=queue-table] td .cell:has([data-test=queue-mobile])'))).toEqual([])
    // On a desktop's screen the whole queue is in view in English too, the status column sized
    // for "Returned for more information" on one line (the other columns to what they hold, so
    // that it does not push the submission time under the pinned columns), the statuses whole.
    await page.setViewportSize({ width: 1920, height: 1080 })
    try {
      await expect.poll(() => columnsInView(page.locator('[data-test=queue-table]')), { timeout: 3_000 }).toHaveLength(11)
      expect(await cellsNotWhole(page.locator('[data-test=queue-table] td .cell:has([data-test=status-tag])'))).toEqual([])
    }
    finally {
      await page.setViewportSize({ ...DESKTOP_VIEWPORT })
    }
    await page.click('[data-test=locale-zh-CN]')
    await expect.poll(() => page.locator('[data-test=queue-table]').textContent()).toContain('回执编号')
    await expect.poll(() => cellsNotWhole(page.locator('[data-test=queue-table] td .cell:has([data-test=queue-mobile])')), { timeout: 3_000 }).toEqual([])

    // A mistyped desk address stays in the desk, signed in: a reviewer's home is the queue.
    await page.goto('/desk/no-such-page')
    await page.waitForURL(url => url.pathname === '/desk/queue')
    await expect.poll(() => queueRows(page).count()).toBe(3)
  })

  it('3. filters the queue to 已提交: the URL keeps the filter across a reload', async () => {
    await chooseOption(page, 'filter-status', '已提交')
    await page.waitForURL(/status=submitted/)
    await expect.poll(() => queueRows(page).count()).toBe(2)
    await page.reload()
    await expect.poll(() => queueRows(page).count()).toBe(2)
    const receipts = await queueRows(page).evaluateAll(links => links.map(link => link.getAttribute('data-receipt')))
    expect(receipts.sort()).toEqual([toReturn.application.receiptNo, toApprove.application.receiptNo].sort())
    // The site and agent filters offer names (from the desk's directory) and keep ids in the URL;
    // a reviewer is offered their own sites only.
    await page.click('[data-test=filter-site]')
    await expect.poll(() => page.locator('.el-select-dropdown__item:visible').allTextContents()).toEqual([`朝阳网点（${site.code}）`])
    await page.keyboard.press('Escape')
    await chooseOption(page, 'filter-site', `朝阳网点（${site.code}）`)
    await page.waitForURL(new RegExp(`siteId=${site.id}`))
    await chooseOption(page, 'filter-agent', '王外勤')
    await page.waitForURL(new RegExp(`agentId=${agent.id}`))
    await expect.poll(() => queueRows(page).count()).toBe(2)
  })

  it('4. opens an application: masked until 显示完整信息, photos shown', async () => {
    await openApplication(page, toReturn.application.receiptNo)
    const name = page.locator('[data-test=section-person] [data-path="person.name"]')
    await expect.poll(() => name.textContent()).toContain('*')
    expect(await page.locator('[data-path="person.idNumber"]').textContent()).toContain('********')
    // The birth year only: the month and day are the digits the masked ID number hides.
    const birthDate = page.locator('[data-test=section-person] [data-path="person.birthDate"]')
    const born = applicantOf(toReturn).birthDate
    expect(await birthDate.textContent()).toContain(`${born.slice(0, 4)}-**-**`)
    expect(await page.locator('[data-test=section-person]').textContent()).not.toContain(born)
    await page.click('[data-test=reveal]')
    await page.waitForSelector('[data-test=revealed]')
    await expect.poll(() => name.textContent()).toBe(applicantOf(toReturn).name)
    expect(await birthDate.textContent()).toContain(born)
    // Every photo arrives as a Blob through the bearer-token API and shows by object URL.
    await expect.poll(() => page.locator('[data-test=materials] img[src^="blob:"]').count()).toBe(toReturn.application.attachments.length)
    // The region by name, its code beside it.
    const region = applicantOf(toReturn).address.regionCode
    expect(await page.locator('[data-path="person.address.regionCode"]').textContent()).toContain(`${regionName(region)}（${region}）`)
    // The category by its programme name, the capture by agent and site names.
    const category = DEFAULT_PROGRAMME.categories.find(c => c.code === toReturn.application.category)!
    await expect.poll(() => page.locator('[data-test=application-category]').textContent()).toContain(category.name['zh-CN'])
    const capture = await page.locator('[data-test=capture]').textContent()
    expect(capture).toContain('王外勤')
    expect(capture).toContain(`朝阳网点（${site.code}）`)
    expect(capture).not.toContain(site.id)
    // Waiting for review: the deadline shows.
    reviewDue = /审核期限\s*(\d{4}-\d{2}-\d{2})/.exec(capture ?? '')?.[1] ?? ''
    expect(reviewDue).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  it('5. starts the review with the S key and returns it with two items: its new status shows', async () => {
    expect(await page.locator('[data-test=shortcut-legend]').textContent()).toContain('开始审核')
    await page.keyboard.press('s')
    await expect.poll(() => applicationStatus(page)).toBe('in_review')
    expect(await page.locator('[data-test=action-approve]').isVisible()).toBe(true)
    expect(await page.locator('[data-test=action-start_review]').count()).toBe(0)

    await page.click('[data-test=action-return]')
    const dialog = page.locator('[data-test=return-dialog]')
    await dialog.waitFor()
    expect(await dialog.locator('[data-test=return-submit]').isDisabled()).toBe(true)
    // In English the longer labels (Applicant · ID document number) wrap inside their column
    // instead of running under the next one. (The switch is behind the dialog's overlay.)
    await page.locator('[data-test=locale-en]').dispatchEvent('click')
    await expect.poll(() => dialog.locator('.el-dialog__title').textContent()).toContain('Return')
    const spilling = await dialog.locator('.el-checkbox').evaluateAll(boxes => boxes
      .filter(box => box.querySelector('.el-checkbox__label')!.getBoundingClientRect().right > box.getBoundingClientRect().right + 1)
      .map(box => box.textContent))
    expect(spilling).toEqual([])
    await page.locator('[data-test=locale-zh-CN]').dispatchEvent('click')
    await expect.poll(() => dialog.locator('.el-dialog__title').textContent()).toContain('退回')
    await dialog.locator('[data-test="return-field-person.mobile"]').click()
    await dialog.locator('[data-test=return-material-id_front]').click()
    await dialog.locator('textarea[data-test=return-comment]').fill('手机号码有误，证件正面照片不清晰，请重新拍摄')
    await dialog.locator('[data-test=return-submit]').click()

    await expect.poll(() => applicationStatus(page)).toBe('returned')
    expect(await page.locator('[data-test=application-status]').textContent()).toContain('退回补充')
    expect(await page.locator('[data-test=no-actions]').isVisible()).toBe(true)
    // Back with the agent: the reviewers' deadline no longer applies.
    await expect.poll(() => page.locator('[data-test=capture]').textContent()).not.toContain(reviewDue)
    const decision = await page.locator('[data-test=decision]').textContent()
    expect(decision).toContain('手机号码')
    expect(decision).toContain('证件正面照片')
    expect(await page.locator('[data-test=timeline] [data-action=return]').count()).toBe(1)

    const stored = await colleague.json<ReviewDetail>(`/api/review/applications/${toReturn.application.id}`)
    expect(stored.status).toBe('returned')
    expect(stored.returnItems).toEqual([{ kind: 'field', ref: 'person.mobile' }, { kind: 'material', ref: 'id_front' }])
  })

  it('6. a decision on a stale copy loads the current one by itself and says 已被他人修改', async () => {
    await page.click('[data-test=menu-queue]')
    await expect.poll(() => queueRows(page).count()).toBe(1)
    await openApplication(page, toApprove.application.receiptNo)
    await page.waitForSelector('[data-test=action-start_review]')
    await decideThroughApi(colleague, toApprove.application.id, 'start_review', 1)

    await page.click('[data-test=action-start_review]')
    await page.waitForSelector('[data-test=conflict]')
    expect(await page.locator('[data-test=conflict]').textContent()).toContain('已被他人修改')
    // Nothing to click: the current copy is on screen, and the banner says so until dismissed.
    await expect.poll(() => applicationStatus(page)).toBe('in_review')
    expect(await page.locator('[data-test=conflict]').textContent()).toContain('页面已载入最新内容')
    expect(await page.locator('[data-test=conflict-reload]').count()).toBe(0)
    await page.click('[data-test=conflict] .el-alert__close-btn')
    await expect.poll(() => page.locator('[data-test=conflict]').count()).toBe(0)
  })

  it('7. approves it: the member number shows, and the member is in the members list', async () => {
    await page.click('[data-test=action-approve]')
    await page.locator('[data-test=approve-dialog]').waitFor()
    await page.click('[data-test=approve-confirm]')
    await page.waitForSelector('[data-test=approved-member-no]')
    const memberNo = (await page.locator('[data-test=approved-member-no]').textContent())!.trim()
    expect(memberNo).toMatch(/^[A-Z]{2}\d{8}$/)
    await expect.poll(() => applicationStatus(page)).toBe('approved')
    expect(await page.locator('[data-test=member-no]').textContent()).toContain(memberNo)
    const stored = await colleague.json<ReviewDetail>(`/api/review/applications/${toApprove.application.id}`)
    expect(stored.memberNo).toBe(memberNo)

    await page.click('[data-test=menu-members]')
    await page.waitForURL(/\/desk\/members/)
    await page.waitForSelector(`[data-test=member-row][data-member-no="${memberNo}"]`)
    const row = await page.locator('[data-test=members-table]').textContent()
    expect(row).toContain('待发卡')
  })

  it('8. a session ended on the server (401) signs the desk out; signing in again returns to the page', async () => {
    const token = await page.evaluate(() => {
      const session = (globalThis as unknown as { sessionStorage: { getItem: (key: string) => string | null } }).sessionStorage.getItem('field-enrol.desk.session')
      return (JSON.parse(session ?? '{}') as { token?: string }).token ?? ''
    })
    const ended = await fetch(new URL('/api/auth/logout', suite.server.url), { method: 'POST', headers: { Authorization: `Bearer ${token}` } })
    expect(ended.status).toBe(204)
    await page.click('[data-test=members-search-submit]')
    await page.waitForURL(url => url.pathname === '/desk/sign-in' && url.searchParams.get('next') === '/desk/members')
    await page.waitForSelector('[data-test=session-expired]')
    await page.fill('input[name=username]', reviewer.username)
    await page.fill('input[name=password]', reviewer.password)
    await page.click('[data-test=sign-in]')
    await page.waitForURL(/\/desk\/members/)
  })

  it('9. the next person at this tab gets their own directory: a supervisor is offered every site', async () => {
    await page.click('[data-test=sign-out]')
    await page.waitForURL(/\/desk\/sign-in/)
    await page.fill('input[name=username]', supervisor.username)
    await page.fill('input[name=password]', supervisor.password)
    await page.click('[data-test=sign-in]')
    await page.locator('[data-test=desk-user]', { hasText: '周主管' }).waitFor()
    await page.click('[data-test=menu-queue]')
    await page.click('[data-test=filter-site]')
    const offered = page.locator('.el-select-dropdown__item:visible')
    await expect.poll(() => offered.allTextContents()).toContain(`海淀网点（${otherSite.code}）`)
    expect(await offered.allTextContents()).toContain(`朝阳网点（${site.code}）`)
    await page.keyboard.press('Escape')
  })

  it('10. photos the tablet has not uploaded yet read as such, not as a failure', async () => {
    const [waiting] = await pushDemoApplications(suite.server, agent, site, [{ n: 41, sequence: 41 }], { upload: false })
    await page.goto('/desk/queue')
    await openApplication(page, waiting!.application.receiptNo)
    const notArrived = page.locator('[data-test=material-not-arrived]')
    await expect.poll(() => notArrived.count()).toBe(waiting!.application.attachments.length)
    expect(await notArrived.first().textContent()).toContain('尚未上传')
  })
})
