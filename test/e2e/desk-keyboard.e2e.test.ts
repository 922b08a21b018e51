import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * The desk worked from the keyboard alone, as some desk staff do all day: every page of the
 * side menu is reached by Tab and opened by Enter, for a reviewer and for the administrator,
 * and the menu says which page is shown. (Element Plus's vertical menu once left every item
 * out of the tab order: the keyboard reached the brand link, then the header.)
 */

const chromiumPath = inject('chromiumPath')

/** Tabs on from where the focus is until the element `testId` has it; false when it never does. */
async function tabTo(page: Page, testId: string): Promise<boolean> {
  const target = page.locator(`[data-test=${testId}]`)
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab')
    if (await target.evaluate(element => element === element.ownerDocument.activeElement))
      return true
  }
  return false
}

describe.skipIf(!chromiumPath)('the desk from the keyboard', () => {
  const suite = useE2eSuite()
  let desk: BrowserContext
  let reviewer: E2eStaff

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '朝阳网点' })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id], displayName: '李审核' })
    desk = await suite.desk()
  })

  it('a reviewer reaches each page of the menu by Tab and opens it with Enter', async () => {
    const page = await desk.newPage()
    await signInOnDesk(page, reviewer.username, reviewer.password)
    // From the desk's first link (its name, to the home page), in the menu's order; after each
    // Enter the focus stays on the entry followed, as the menu stays while the page changes.
    await page.locator('nav a').first().focus()
    for (const [testId, path] of [['menu-queue', /\/desk\/queue$/], ['menu-members', /\/desk\/members$/], ['menu-stats', /\/desk\/stats$/], ['menu-stats-daily', /\/desk\/stats\/daily$/]] as const) {
      expect(await tabTo(page, testId), `${testId} never had the focus`).toBe(true)
      await page.keyboard.press('Enter')
      await page.waitForURL(url => path.test(url.pathname))
      // The page shown is the menu's current entry, and only it.
      await expect.poll(() => page.locator('nav [aria-current=page]').getAttribute('data-test')).toBe(testId)
      expect(await page.locator('nav [aria-current=page]').count()).toBe(1)
    }
    await page.close()
  })

  it('the administrator reaches each administration page by Tab and opens it with Enter', async () => {
    const page = await desk.newPage()
    await signInOnDesk(page, 'admin', suite.server.adminPassword)
    await page.locator('nav a').first().focus()
    for (const item of ['staff', 'sites', 'devices', 'programme', 'audit']) {
      const testId = `menu-admin-${item}`
      expect(await tabTo(page, testId), `${testId} never had the focus`).toBe(true)
      await page.keyboard.press('Enter')
      await page.waitForURL(url => url.pathname === `/desk/admin/${item}`)
      await expect.poll(() => page.locator('nav [aria-current=page]').getAttribute('data-test')).toBe(testId)
    }
    await page.close()
  })
})
