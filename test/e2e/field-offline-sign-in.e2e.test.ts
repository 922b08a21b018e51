import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { goOffline, goOnline, waitForServiceWorkerControl } from './support/browser'
import { useE2eSuite } from './support/e2e-suite'
import { enrolIndividual, listItem, openList, signInOnField, toastSaying, waitForFirstSync } from './support/field-app'

/**
 * A sign-out ends the device's token, so an agent who then signs in offline works on with no
 * way to sync by themselves. The app says so at the offline sign-in, on the nav bar and — once
 * the network is back — in a notice that leads to the online sign-in; after it, the work
 * queued offline syncs. Offline, the device page says it waits for a network instead of
 * reporting the browser's "Failed to fetch" as a failure.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('offline sign-in after a sign-out', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff
  let receiptNo: string

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '海淀网点', regionCode: '110108' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    context = await suite.tablet()
    page = await context.newPage()
  })

  it('1. offline, a sync that cannot reach the server is shown as waiting for a network, not as a failure', async () => {
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    await waitForServiceWorkerControl(page)
    await goOffline(context)
    await page.click('[data-test=tab-device]')
    await page.click('[data-test=sync-now]')
    await expect.poll(() => page.locator('[data-test=sync-chip]').getAttribute('data-error')).toBe('sync.offline')
    await page.waitForSelector('[data-test=sync-offline]')
    expect(await page.locator('[data-test=sync-error]').count()).toBe(0)
    expect(await page.textContent('[data-test=sync-card]')).not.toContain('Failed to fetch')
  })

  it('2. signs out, and signs in again offline: told that syncing will need an online sign-in', async () => {
    await goOnline(context)
    await page.click('[data-test=sign-out]')
    await page.waitForURL(/\/field\/sign-in/)

    await goOffline(context)
    await signInOnField(page, agent.username, agent.password)
    await toastSaying(page, '联网后需重新登录才能同步')
    const chip = page.locator('[data-test=sync-chip]')
    expect(await chip.getAttribute('data-needs-sign-in')).toBe('true')
    expect(await chip.textContent()).toContain('离线 · 需重新登录才能同步')
    // Offline, no notice yet: it would lead to a sign-in that cannot work.
    expect(await page.locator('[data-test=sign-in-notice]').count()).toBe(0)
  })

  it('3. enrols offline; the device page says an online sign-in comes first', async () => {
    receiptNo = await enrolIndividual(page, context, { name: '郑凯', idNumber: makeResidentId('1988-08-08', 'male', { region: '110108' }), mobile: '13912340001', street: '中关村大街1号', photoSeed: 41 })
    await page.click('[data-test=tab-device]')
    expect(await page.textContent('[data-test=sync-card]')).toContain('需要联网重新登录才能同步')
  })

  it('4. back online: the notice leads to the online sign-in, after which the queued application syncs', async () => {
    await page.click('[data-test=tab-applications]')
    await goOnline(context)
    const notice = page.locator('[data-test=sign-in-notice]')
    await notice.waitFor()
    expect(await notice.textContent()).toContain('请重新登录以恢复同步')
    await notice.click()
    await page.waitForURL(/\/field\/device/)
    // Without a password the button says what is missing, rather than nothing.
    await page.click('[data-test=renew]')
    await expect.poll(() => page.locator('[data-test=sync-card] .van-field__error-message').textContent()).toContain('密码')
    await page.fill('input[name=renew-password]', 'not the password')
    await page.click('[data-test=renew]')
    await expect.poll(() => page.locator('[data-test=sync-card] .van-field__error-message').textContent()).toContain('密码错误')
    await page.fill('input[name=renew-password]', agent.password)
    await page.click('[data-test=renew]')

    await page.click('[data-test=tab-applications]')
    await openList(page, 'synced')
    await expect.poll(() => listItem(page, receiptNo).getAttribute('data-sync-state'), { timeout: 30_000 }).toBe('synced')
    expect(await page.locator('[data-test=sync-chip]').getAttribute('data-needs-sign-in')).toBe('false')
    expect(await page.locator('[data-test=sign-in-notice]').count()).toBe(0)
  })
})
