import type { Page } from 'playwright-core'
import type { ApiClient } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { signIn } from './support/api-client'
import { decideThroughApi, pushDemoApplications, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * A member page whose reload fails (the full view asked for, the server out of reach) keeps
 * the copy loaded before and says so, as the application page does: the copy below may be
 * a version behind, and read as current it would mislead.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('a member page that could not be reloaded', () => {
  const suite = useE2eSuite()
  let page: Page
  let reviewerApi: ApiClient
  let memberId: string

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '平谷网点' })
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    const reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
    reviewerApi = await signIn(suite.server.url, reviewer.username, reviewer.password)
    const [first] = await pushDemoApplications(suite.server, agent, site, [1])
    const started = await decideThroughApi(reviewerApi, first!.application.id, 'start_review', 1)
    await decideThroughApi(reviewerApi, first!.application.id, 'approve', started.version)
    memberId = (await reviewerApi.json<{ memberId: string }>(`/api/review/applications/${first!.application.id}`)).memberId
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
})
