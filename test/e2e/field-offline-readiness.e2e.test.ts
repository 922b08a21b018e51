import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { goOffline, goOnline, waitForServiceWorkerControl } from './support/browser'
import { useE2eSuite } from './support/e2e-suite'
import { signInOnField, toastSaying, waitForFirstSync } from './support/field-app'

/**
 * A tablet whose offline shell is not (yet) on the device: the agent went offline before the
 * service worker had stored the app. A page that was never downloaded is said in the agent's
 * words, not the browser's English, and opens once it can be fetched. The tablet says whether
 * it is ready for offline work (the device page; offline, the chip and a notice), and a first
 * install cut short by the network is tried again when the network comes back.
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

describe.skipIf(!chromiumPath)('readiness for offline work', () => {
  const suite = useE2eSuite()

  it('says it is not ready while the first install failed, and is ready once it is installed again on `online`', async () => {
    const site = await suite.server.admin.createSite({ name: '丰台网点', regionCode: '110106' })
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    const context = await suite.tablet()
    // The network drops while the worker stores the app: one precached chunk never arrives,
    // so the first install fails and the browser discards the worker.
    await context.route('**/assets/EnrolNewPage-*.js', route => route.abort('internetdisconnected'))
    const page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    const chip = page.locator('[data-test=sync-chip]')
    const readiness = page.locator('[data-test=offline-readiness]')
    const notice = page.locator('[data-test=offline-not-ready-notice]')

    await page.click('[data-test=tab-device]')
    await expect.poll(() => readiness.getAttribute('data-state'), { timeout: 20_000 }).toBe('failed')
    expect(await readiness.textContent()).toContain('尚未可离线使用')
    expect(await readiness.textContent()).toContain('稍后会自动重试')
    expect(await page.evaluate(() => (globalThis as any).navigator.serviceWorker.controller)).toBeNull()
    expect(await notice.count()).toBe(0)

    await goOffline(context)
    await expect.poll(() => chip.textContent()).toContain('离线 · 尚未可离线使用')
    await notice.waitFor()
    expect(await notice.textContent()).toContain('本设备尚未可离线使用')
    expect(await readiness.textContent()).toContain('联网后会自动继续')

    // The network is back, and with it the chunk: the worker is registered again and takes control.
    await context.unroute('**/assets/EnrolNewPage-*.js')
    await goOnline(context)
    await waitForServiceWorkerControl(page)
    await expect.poll(() => readiness.getAttribute('data-state')).toBe('ready')
    expect(await readiness.textContent()).toContain('可离线使用')
    expect(await readiness.textContent()).not.toContain('尚未')

    await goOffline(context)
    await expect.poll(() => chip.textContent()).toMatch(/^\s*离线 · (?!尚未)/)
    expect(await notice.count()).toBe(0)
    // Ready means it: the wizard, never opened before, comes from the device.
    await page.click('[data-test=tab-applications]')
    await tapNewIndividual(page)
    await page.waitForURL(/\/field\/enrol\/[0-9a-f-]{36}/)
  })
})
