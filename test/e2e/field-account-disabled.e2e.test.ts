import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { goOffline, goOnline, waitForServiceWorkerControl } from './support/browser'
import { useE2eSuite } from './support/e2e-suite'
import { enrolIndividual, listItem, openList, signInOnField, waitForFirstSync } from './support/field-app'

/**
 * An account disabled while its tablet holds work not yet synced. Disabling ends the token,
 * so the tablet asks for an online sign-in; that sign-in is refused as 账号已停用. The tablet
 * then ends the session and says so on the sign-in page, with the unsynced work it keeps —
 * never "all synced" over a blank device page. Enabled again, the same sign-in syncs it.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('a field account disabled with unsynced work on the tablet', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff
  let receiptNo: string
  const setDisabled = (disabled: boolean) => suite.server.admin.updateStaff(agent.id, { disabled })

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '丰台网点', regionCode: '110106' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    context = await suite.tablet()
    page = await context.newPage()
  })

  it('1. enrols offline, and is disabled meanwhile: back online, the tablet asks for a sign-in', async () => {
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    await waitForServiceWorkerControl(page)
    await goOffline(context)
    receiptNo = await enrolIndividual(page, context, { name: '冯涛', idNumber: makeResidentId('1983-04-12', 'male', { region: '110106' }), mobile: '13912340077', street: '丰台路8号', photoSeed: 77 })
    await setDisabled(true)
    await page.click('[data-test=tab-applications]')
    await goOnline(context)
    await page.locator('[data-test=sign-in-notice]').waitFor()
  })

  it('2. the sign-in is refused: the session ends on the sign-in page, which says why and what the device keeps', async () => {
    await page.click('[data-test=sign-in-notice]')
    await page.waitForURL(/\/field\/device/)
    await page.fill('input[name=renew-password]', agent.password)
    await page.click('[data-test=renew]')
    await page.waitForURL(/\/field\/sign-in/)
    expect(await page.textContent('[data-test=sign-in-error]')).toContain('账号已停用')
    expect(await page.textContent('[data-test=kept-unsynced]')).toContain('1条未同步的申请，不会删除')
    expect(await page.inputValue('input[name=username]')).toBe(agent.username)
    // Offline sign-in went with the account: the app no longer opens for it.
    await page.fill('input[name=password]', agent.password)
    await page.click('[data-test=sign-in]')
    await expect.poll(() => page.textContent('[data-test=sign-in-error]')).toContain('账号已停用')
    expect(await page.textContent('[data-test=kept-unsynced]')).toContain('1条未同步')
    expect(page.url()).toMatch(/\/field\/sign-in/)
  })

  it('3. enabled again, the next sign-in syncs the application that waited', async () => {
    await setDisabled(false)
    await page.fill('input[name=password]', agent.password)
    await page.click('[data-test=sign-in]')
    await page.waitForURL(/\/field$/)
    await openList(page, 'synced')
    await expect.poll(() => listItem(page, receiptNo).getAttribute('data-sync-state'), { timeout: 30_000 }).toBe('synced')
  })
})
