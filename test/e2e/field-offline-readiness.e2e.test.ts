import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { goOffline, goOnline } from './support/browser'
import { useE2eSuite } from './support/e2e-suite'
import { signInOnField, toastSaying, waitForFirstSync } from './support/field-app'

/**
 * A tablet whose offline shell is not (yet) on the device: the agent went offline before the
 * service worker had stored the app. A page that was never downloaded is said in the agent's
 * words, not the browser's English, and opens once it can be fetched.
 */

const chromiumPath = inject('chromiumPath')

async function tapNewIndividual(page: Page): Promise<void> {
  await page.click('[data-test=new-application]')
  await page.locator('.van-action-sheet').getByText('个人', { exact: true }).click()
}

describe.skipIf(!chromiumPath)('a page not on the device', () => {
  const suite = useE2eSuite()
  let agent: E2eStaff
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '朝阳网点', regionCode: '110105' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    context = await suite.tablet()
    // No worker gets installed: nothing but what the pages loaded is on the device.
    await context.route('**/sw.js', route => route.abort('internetdisconnected'))
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
  })

  it('offline: the wizard that was never downloaded is said in zh-CN, not as the browser\'s error', async () => {
    await goOffline(context)
    await tapNewIndividual(page)
    await toastSaying(page, '此页面尚未下载到本设备，请联网后重试')
    expect(await page.locator('.van-toast:visible').textContent()).not.toMatch(/Failed to fetch|操作未完成/)
    expect(new URL(page.url()).pathname).toBe('/field')
  })

  it('online but the page cannot be fetched: says to try again shortly; the next tap opens it', async () => {
    await goOnline(context)
    await context.route('**/assets/EnrolNewPage-*', route => route.abort('connectionrefused'))
    await page.locator('.van-toast:visible').first().waitFor({ state: 'hidden' })
    await tapNewIndividual(page)
    await toastSaying(page, '此页面未能加载，请稍后重试')
    expect(new URL(page.url()).pathname).toBe('/field')

    await context.unroute('**/assets/EnrolNewPage-*')
    await tapNewIndividual(page)
    await page.waitForURL(/\/field\/enrol\/[0-9a-f-]{36}/)
  })
})
