import type { Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { applicationStatus, pushDemoApplications, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * Deciding from the keyboard alone: each decision takes away the button that made it, and
 * the focus once went with it, to the top of the page (a reviewer had to Tab from the menu
 * back to the decisions). After 开始审核 it is on the first decision now possible; after an
 * approval, with nothing left to decide, on the decisions' panel, which says so.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('the focus after a decision', () => {
  const suite = useE2eSuite()
  let page: Page
  let demo: DemoApplication

  /** The focused element's data-test, or its tag when it has none (BODY: the focus was lost). */
  const focused = () => page.locator(':focus').evaluateAll(elements => elements.map(element => element.getAttribute('data-test') ?? element.tagName))

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '西城网点' })
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    const reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
    ;[demo] = await pushDemoApplications(suite.server, agent, site, [1]) as [DemoApplication]
    page = await (await suite.desk()).newPage()
    await signInOnDesk(page, reviewer.username, reviewer.password)
  })

  it('stays among the decisions after 开始审核 and after 通过', async () => {
    await page.goto(`/desk/applications/${demo.application.id}`)
    await page.waitForSelector(`[data-test=receipt-no]:has-text("${demo.application.receiptNo}")`)
    await page.locator('[data-test=action-start_review]').focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => applicationStatus(page)).toBe('in_review')
    await expect.poll(focused).toEqual(['action-approve'])

    // Enter opens the confirmation; its confirm button, reached with Tab, approves.
    await page.keyboard.press('Enter')
    const confirm = page.locator('[data-test=approve-confirm]')
    await confirm.waitFor()
    let onConfirm = false
    for (let i = 0; i < 10 && !onConfirm; i++) {
      await page.keyboard.press('Tab')
      onConfirm = await confirm.evaluate(element => element === element.ownerDocument.activeElement)
    }
    expect(onConfirm).toBe(true)
    await page.keyboard.press('Enter')
    await expect.poll(() => applicationStatus(page)).toBe('approved')
    await page.locator('[data-test=approve-dialog]').waitFor({ state: 'hidden' })
    await expect.poll(focused).toEqual(['actions'])
    expect(await page.locator('[data-test=actions]').textContent()).toContain('当前状态下您没有可执行的操作')
  })
})
