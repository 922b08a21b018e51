import type { BrowserContext, Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import type { E2eStaff, SiteRecord } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { signIn } from './support/api-client'
import { decideThroughApi, pushDemoApplications } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'
import { signInOnField, waitForFirstSync } from './support/field-app'

/**
 * 查询服务器记录 on a real tablet against the real server: the agent's applications were
 * enrolled on another tablet (pushed through the API), one approved; on a fresh tablet,
 * which holds none of them, the agent looks them up on the server — masked, with the
 * decision and the member number — finds one by its receipt number from the home page's
 * search (which offers the server when the tablet has nothing), and is told plainly
 * when there is no network.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('the agent looks up their applications on the server', () => {
  const suite = useE2eSuite()
  let agent: E2eStaff
  let site: SiteRecord
  let approved: DemoApplication
  let waiting: DemoApplication
  let memberNo: string
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    site = await suite.server.admin.createSite({ name: '徐汇网点' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id], displayName: '赵外勤' })
    const supervisor = await suite.server.admin.createStaff({ role: 'supervisor', siteIds: [] })
    ;[approved, waiting] = await pushDemoApplications(suite.server, agent, site, [2, 1]) as [DemoApplication, DemoApplication]
    const desk = await signIn(suite.server.url, supervisor.username, supervisor.password)
    const started = await decideThroughApi(desk, approved.application.id, 'start_review', 1)
    await decideThroughApi(desk, approved.application.id, 'approve', started.version)
    memberNo = (await desk.json<{ memberNo: string }>(`/api/review/applications/${approved.application.id}`)).memberNo
    context = await suite.tablet()
    page = await context.newPage()
  })

  it('1. a fresh tablet holds none of them; the look-up shows both, masked, with the decision and the member number', async () => {
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    await page.click('[data-test=open-lookup]')
    const popup = page.locator('[data-test=server-lookup]')
    await expect.poll(() => popup.locator('[data-test=lookup-item]').count()).toBe(2)
    const approvedItem = popup.locator(`[data-test=lookup-item][data-receipt-no="${approved.application.receiptNo}"]`)
    expect(await approvedItem.getAttribute('data-status')).toBe('approved')
    expect(await approvedItem.locator('[data-test=lookup-status]').textContent()).toContain('已通过')
    expect(await approvedItem.locator('[data-test=lookup-outcome]').textContent()).toContain(memberNo)
    const waitingItem = popup.locator(`[data-test=lookup-item][data-receipt-no="${waiting.application.receiptNo}"]`)
    expect(await waitingItem.getAttribute('data-status')).toBe('submitted')
    // Its time is the submission's, said so: the home list shows when it was taken, another time.
    expect(await waitingItem.textContent()).toMatch(/提交于 \S+/)
    // Masked: the applicant's full name is not on the screen.
    if (approved.application.applicantType !== 'organisation')
      expect(await popup.textContent()).not.toContain(approved.application.person.name)
  })

  it('2. a search that finds nothing on the tablet offers the server, which finds it by its receipt number as typed', async () => {
    const popup = page.locator('[data-test=server-lookup]')
    await popup.locator('[data-test=popup-close]').click()
    await popup.waitFor({ state: 'hidden' })
    await page.fill('input[name=search]', approved.application.receiptNo.toLowerCase())
    await page.click('[data-test=lookup-suggest]')
    await expect.poll(() => popup.locator('[data-test=lookup-item]').count()).toBe(1)
    expect(await popup.locator('[data-test=lookup-item]').getAttribute('data-receipt-no')).toBe(approved.application.receiptNo)
  })

  it('3. says plainly that the look-up needs the network', async () => {
    await context.setOffline(true)
    const popup = page.locator('[data-test=server-lookup]')
    await popup.locator('[data-test=lookup-query] input').press('Enter')
    await expect.poll(() => popup.locator('[data-test=lookup-problem]').textContent()).toContain('没有网络')
    await context.setOffline(false)
  })

  it('4. 加载更多 continues the list on screen, not whatever the search box holds by then', async () => {
    // 21 more: 23 in all, more than one page of 20.
    await pushDemoApplications(suite.server, agent, site, Array.from({ length: 21 }, (_, i) => 3 + i))
    const popup = page.locator('[data-test=server-lookup]')
    await popup.locator('[data-test=lookup-query] input').fill('')
    await popup.locator('[data-test=lookup-query] input').press('Enter')
    await expect.poll(() => popup.locator('[data-test=lookup-item]').count()).toBe(20)
    // Typed but not searched: the list on screen is still the one of everything.
    await popup.locator('[data-test=lookup-query] input').fill(approved.application.receiptNo)
    await popup.locator('[data-test=lookup-more]').click()
    await expect.poll(() => popup.locator('[data-test=lookup-item]').count()).toBe(23)
    const receipts = await popup.locator('[data-test=lookup-item]').evaluateAll(items => items.map(item => item.getAttribute('data-receipt-no')))
    expect(new Set(receipts).size).toBe(23)
    expect(await popup.locator('[data-test=lookup-more]').count()).toBe(0)
  })
})
