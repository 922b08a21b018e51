import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { useE2eSuite } from './support/e2e-suite'
import { deviceRecords, signInOnField, wizardApplicationId } from './support/field-app'

/**
 * Starting an enrolment on a tablet whose first sync never came through (signed in where
 * the network dropped right after): the app says the programme settings are missing and
 * offers 立即同步 instead of opening a form it cannot check; once that sync succeeds, the
 * enrolment the agent asked for opens by itself, under the device's first receipt number.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('starting an enrolment before the first sync', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '昌平网点', regionCode: '110114' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    context = await suite.tablet()
    page = await context.newPage()
    // The sign-in goes through; every pull of the settings fails.
    await context.route('**/api/sync/pull*', route => route.abort())
    await signInOnField(page, agent.username, agent.password)
  })

  it('says the settings are missing and offers 立即同步; no draft is made', async () => {
    await expect.poll(() => page.locator('[data-test=sync-chip]').getAttribute('data-error'), { timeout: 30_000 }).toBeTruthy()
    await page.click('[data-test=new-application]')
    await page.locator('.van-action-sheet').getByText('个人', { exact: true }).click()
    await expect.poll(() => page.locator('[data-test=no-programme]').textContent()).toContain('本设备还没有会员计划设置')
    expect(await page.locator('[data-test=no-programme] button').textContent()).toContain('立即同步')
    expect(await deviceRecords(page, agent.id, 'applications')).toEqual([])
  })

  it('立即同步 with the network back: the enrolment opens by itself', async () => {
    await context.unroute('**/api/sync/pull*')
    await page.click('[data-test=no-programme] button')
    await page.waitForURL(/\/field\/enrol\/[0-9a-f-]{36}/, { timeout: 30_000 })
    const id = wizardApplicationId(page)
    const [draft] = await deviceRecords(page, agent.id, 'applications')
    expect(draft).toMatchObject({ id, status: 'draft' })
    expect(draft!.data.applicantType).toBe('individual')
    expect(draft!.receiptNo).toMatch(/-000001-/)
  })
})
