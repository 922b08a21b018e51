import type { Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { pushDemoApplications, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * The application's data as a reviewer reads it on the desk: 拒绝提供 (declined by the
 * applicant) is a row only when the applicant declined something. With nothing declined it
 * once read "拒绝提供 —", as if a refusal had been recorded.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('the application\'s data on the desk', () => {
  const suite = useE2eSuite()
  let page: Page
  /** Declined to give an e-mail address. */
  let declinedEmail: DemoApplication
  /** Gave everything asked. */
  let declinedNothing: DemoApplication

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '东城网点' })
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    const reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
    ;[declinedEmail, declinedNothing] = await pushDemoApplications(suite.server, agent, site, [1, 8]) as [DemoApplication, DemoApplication]
    for (const [demo, declined] of [[declinedEmail, ['email']], [declinedNothing, []]] as const) {
      if (demo.application.applicantType !== 'individual' || JSON.stringify(demo.application.person.declined) !== JSON.stringify(declined))
        throw new Error(`demo application ${demo.application.receiptNo} is expected to be an individual's who declined ${JSON.stringify(declined)}`)
    }
    page = await (await suite.desk()).newPage()
    await signInOnDesk(page, reviewer.username, reviewer.password)
  })

  async function open(demo: DemoApplication): Promise<void> {
    await page.goto(`/desk/applications/${demo.application.id}`)
    await page.waitForSelector(`[data-test=receipt-no]:has-text("${demo.application.receiptNo}")`)
    await page.locator('[data-test=section-person] [data-path="person.name"]').waitFor()
  }

  it('names what the applicant declined, under the applicant', async () => {
    await open(declinedEmail)
    const person = page.locator('[data-test=section-person]')
    expect(await person.locator('[data-path="person.declined"]').textContent()).toBe('电子邮箱')
    expect(await person.textContent()).toContain('申请人 · 拒绝提供')
  })

  it('has no 拒绝提供 row when the applicant declined nothing', async () => {
    await open(declinedNothing)
    const person = page.locator('[data-test=section-person]')
    expect(await person.locator('[data-path="person.email"]').count()).toBe(1)
    expect(await person.locator('[data-path="person.declined"]').count()).toBe(0)
    expect(await person.textContent()).not.toContain('拒绝提供')
  })
})
