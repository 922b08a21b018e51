import type { BrowserContext, Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import type { E2eStaff, SiteRecord } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { applicationStatus, openApplication, pushDemoApplications, queueRows, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * The review desk where it once went quiet or acted unasked, in a real Chromium against the
 * real server: a reload refused once an application is on screen says so and keeps the
 * copy shown; decision shortcuts do nothing while another dialog (the duplicate comparison,
 * the password change) is open; a queue link filtering on one end of the submitted dates
 * shows that filter although the range picker cannot hold half a range.
 */

const chromiumPath = inject('chromiumPath')

/** Long enough for a key's handler and the re-render it would cause (both are immediate). */
const SETTLE_MS = 400

describe.skipIf(!chromiumPath)('review desk edges', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let site: SiteRecord
  let otherSite: SiteRecord
  let reviewer: E2eStaff
  let first: DemoApplication
  let again: DemoApplication

  beforeAll(async () => {
    site = await suite.server.admin.createSite({ name: '朝阳网点' })
    otherSite = await suite.server.admin.createSite({ name: '海淀网点' })
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id], displayName: '王外勤' })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id], displayName: '李审核' })
    ;[first] = await pushDemoApplications(suite.server, agent, site, [{ n: 1, sequence: 1 }]) as [DemoApplication]
    if (first.application.applicantType !== 'individual')
      throw new Error('demo application 1 is expected to be an individual\'s')
    // The same person again from another device: a certain duplicate of the first.
    const { name, gender, birthDate, idType, idNumber } = first.application.person
    ;[again] = await pushDemoApplications(suite.server, agent, site, [{ n: 2, sequence: 2, person: { name, gender, birthDate, idType, idNumber } }]) as [DemoApplication]
    context = await suite.desk()
    page = await context.newPage()
    await signInOnDesk(page, reviewer.username, reviewer.password)
  })

  it('1. a reload refused while an application is on screen says why, in the desk\'s language, and keeps the copy shown', async () => {
    await expect.poll(() => queueRows(page).count()).toBe(2)
    await openApplication(page, first.application.receiptNo)
    const name = page.locator('[data-test=section-person] [data-path="person.name"]')
    await expect.poll(() => name.textContent()).toContain('*')

    // The administrator takes the reviewer off the site meanwhile: the full view is refused.
    const failed = page.locator('[data-test=load-error]')
    await suite.server.admin.updateStaff(reviewer.id, { siteIds: [otherSite.id] })
    try {
      await page.click('[data-test=reveal]')
      await expect.poll(() => failed.textContent()).toContain('未能重新加载')
      expect(await failed.textContent()).toContain('未找到')
      // What was on screen stays, still masked, and the full view can be asked for again.
      expect(await page.locator('[data-test=receipt-no]').textContent()).toContain(first.application.receiptNo)
      expect(await name.textContent()).toContain('*')
      expect(await page.locator('[data-test=revealed]').count()).toBe(0)
    }
    finally {
      await suite.server.admin.updateStaff(reviewer.id, { siteIds: [site.id] })
    }
    await page.click('[data-test=reveal]')
    await page.waitForSelector('[data-test=revealed]')
    expect(await failed.count()).toBe(0)
    expect(await name.textContent()).not.toContain('*')
  })

  it('2. decision shortcuts do nothing while the duplicate comparison or the password dialog is open', async () => {
    await page.click('[data-test=menu-queue]')
    await expect.poll(() => queueRows(page).count()).toBe(2)
    await openApplication(page, again.application.receiptNo)
    await page.click('[data-test=action-start_review]')
    await expect.poll(() => applicationStatus(page)).toBe('in_review')
    await page.waitForSelector('[data-test=action-reject]')

    await page.click('[data-test=compare-open]')
    const compare = page.locator('[data-test=compare-dialog]')
    await compare.waitFor()
    await compare.locator('.el-dialog__title').click()
    await page.keyboard.press('j')
    await page.keyboard.press('r')
    await page.waitForTimeout(SETTLE_MS)
    expect(await page.locator('[data-test=reject-dialog]').isVisible()).toBe(false)
    expect(await page.locator('[data-test=return-dialog]').isVisible()).toBe(false)
    await page.keyboard.press('Escape')
    await compare.waitFor({ state: 'hidden' })

    await page.click('[data-test=change-password]')
    const password = page.locator('[data-test=password-dialog]')
    await password.waitFor()
    await password.locator('.el-dialog__title').click()
    await page.keyboard.press('r')
    await page.waitForTimeout(SETTLE_MS)
    expect(await page.locator('[data-test=return-dialog]').isVisible()).toBe(false)
    await page.keyboard.press('Escape')
    await password.waitFor({ state: 'hidden' })

    // With nothing open over the page, the key works again; nothing was decided meanwhile.
    expect(await applicationStatus(page)).toBe('in_review')
    await page.keyboard.press('r')
    await page.locator('[data-test=return-dialog]').waitFor()
    await page.keyboard.press('Escape')
    await page.locator('[data-test=return-dialog]').waitFor({ state: 'hidden' })
  })

  it('2b. an application that could not be loaded at all offers 重试, which shows it once the server answers', async () => {
    await page.route('**/api/**', route => route.abort())
    try {
      await page.goto(`/desk/applications/${first.application.id}`)
      await expect.poll(() => page.locator('[data-test=load-error]').textContent()).toContain('无法连接服务器')
    }
    finally {
      await page.unroute('**/api/**')
    }
    await page.click('[data-test=load-retry]')
    await page.waitForSelector(`[data-test=receipt-no]:has-text("${first.application.receiptNo}")`)
    expect(await page.locator('[data-test=load-error]').count()).toBe(0)
  })

  it('3. a queue link with one end of the submitted dates shows that end, and it can be cleared', async () => {
    const half = page.locator('[data-test=filter-dates-half]')
    await page.goto('/desk/queue?submittedFrom=2020-01-01')
    await expect.poll(() => half.textContent()).toContain('2020-01-01 起')
    await expect.poll(() => queueRows(page).count()).toBe(2)
    await half.locator('button').click()
    await expect.poll(() => new URL(page.url()).searchParams.has('submittedFrom')).toBe(false)
    await expect.poll(() => half.count()).toBe(0)

    await page.goto('/desk/queue?submittedTo=2020-01-01')
    await expect.poll(() => half.textContent()).toContain('截至 2020-01-01')
    await expect.poll(() => page.locator('[data-test=queue-table]').textContent()).toContain('没有符合条件的申请')
    // Both ends make a range again, shown in the picker itself.
    await page.goto('/desk/queue?submittedFrom=2020-01-01&submittedTo=2099-12-31')
    // (Element Plus's range picker passes no data-test on: found by its class in the filter bar.)
    await expect.poll(() => page.locator('[data-test=queue-filters] .el-range-input').first().inputValue()).toBe('2020-01-01')
    await expect.poll(() => half.count()).toBe(0)
  })

  it('4. the page\'s title follows the desk\'s language, also after a reload', async () => {
    await page.goto('/desk/queue')
    await expect.poll(() => page.title()).toBe('外勤入会')
    await page.click('[data-test=locale-en]')
    try {
      await expect.poll(() => page.title()).toBe('Field Enrol')
      await page.reload()
      await page.locator('[data-test=queue-table]').waitFor()
      expect(await page.title()).toBe('Field Enrol')
    }
    finally {
      await page.click('[data-test=locale-zh-CN]')
    }
    await expect.poll(() => page.title()).toBe('外勤入会')
  })
})
