import type { Page } from 'playwright-core'
import type { ApiClient } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { signIn } from './support/api-client'
import { decideThroughApi, pushDemoApplications, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * A member page whose reload fails (the full view asked for, the server out of reach) keeps
 * the copy loaded before and says so, as the application page does: the copy below may be
 * a version behind, and read as current it would mislead. And a load's answer that arrives
 * after the address moved on to another member is not shown in its place.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('a member page\'s loads', () => {
  const suite = useE2eSuite()
  let page: Page
  let reviewerApi: ApiClient
  let memberId: string
  let otherMemberId: string

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '平谷网点' })
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    const reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
    reviewerApi = await signIn(suite.server.url, reviewer.username, reviewer.password)
    const pushed = await pushDemoApplications(suite.server, agent, site, [1, 2])
    const [first, second] = await Promise.all(pushed.map(async ({ application }) => {
      const started = await decideThroughApi(reviewerApi, application.id, 'start_review', 1)
      await decideThroughApi(reviewerApi, application.id, 'approve', started.version)
      return (await reviewerApi.json<{ memberId: string }>(`/api/review/applications/${application.id}`)).memberId
    }))
    memberId = first!
    otherMemberId = second!
    page = await (await suite.desk()).newPage()
    await signInOnDesk(page, reviewer.username, reviewer.password)
  })

  it('says the copy shown is the one loaded before, and 重试 loads it', async () => {
    await page.goto(`/desk/members/${memberId}`)
    await page.locator('[data-test=member-status]').waitFor()
    const masked = await page.locator('[data-test=member-mobile]').textContent()
    expect(masked).toContain('****')

    await page.route('**/api/members/*?reveal=true', route => route.abort())
    await page.click('[data-test=reveal]')
    const failed = page.locator('[data-test=member-load-error]')
    await expect.poll(() => failed.textContent()).toContain('未能重新加载，以下仍是之前载入的内容：')
    expect(await page.locator('[data-test=member-mobile]').textContent()).toBe(masked)

    await page.unroute('**/api/members/*?reveal=true')
    await page.click('[data-test=member-load-retry]')
    await page.locator('[data-test=revealed]').waitFor()
    expect(await failed.count()).toBe(0)
    expect(await page.locator('[data-test=member-mobile]').textContent()).not.toContain('****')
  })

  it('shows the member the address names now, not one asked for before it changed whose answer came late', async () => {
    const other = await reviewerApi.json<{ memberNo: string }>(`/api/members/${otherMemberId}`)
    const mine = await reviewerApi.json<{ memberNo: string }>(`/api/members/${memberId}`)
    // The first member's answer is held on its way while the address moves on to the other.
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    await page.route(`**/api/members/${memberId}?reveal=false`, async (route) => {
      await held
      await route.continue()
    })
    const asked = page.waitForRequest(request => request.url().endsWith(`/api/members/${memberId}?reveal=false`))
    await page.goto(`/desk/members/${memberId}`)
    await asked
    // In-app navigation to the other member (the page component is reused: only the id changes).
    await page.evaluate(`history.pushState(null, '', '/desk/members/${otherMemberId}'); dispatchEvent(new PopStateEvent('popstate', { state: null }))`)
    await expect.poll(() => page.locator('[data-test=member-no]').textContent()).toBe(other.memberNo)

    const late = page.waitForResponse(response => response.url().endsWith(`/api/members/${memberId}?reveal=false`))
    release()
    await late
    // Two frames after the late answer arrived: time for Vue to have shown it, were it to.
    await page.evaluate('new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))')
    expect(await page.locator('[data-test=member-no]').textContent()).toBe(other.memberNo)
    expect(other.memberNo).not.toBe(mine.memberNo)
    await page.unroute(`**/api/members/${memberId}?reveal=false`)
  })

  it('a member not there to load (not in the reviewer\'s sites, or no such member) is said so, with no 重试 that could not help', async () => {
    await page.goto('/desk/members/00000000-0000-4000-8000-000000000000')
    const failed = page.locator('[data-test=member-load-error]')
    await failed.waitFor()
    expect(await failed.textContent()).not.toBe('')
    expect(await page.locator('[data-test=member-load-retry]').count()).toBe(0)
  })
})
