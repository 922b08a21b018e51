import type { Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { useE2eSuite } from './support/e2e-suite'
import { next, pickedValue, signInOnField, startEnrolment, waitForFirstSync } from './support/field-app'

/**
 * The tablet's pop-ups with a keyboard (a tablet with a keyboard cover, a switch device):
 * opened, a pop-up has the focus — it used to stay on the control behind the overlay, and
 * the pop-up, at the end of the page, came only after every field under it; Escape closes
 * it (nothing but a tap did); closed, the focus is back on the control that opened it (it
 * used to be lost to the page's start). The applicant-type sheet and a picker of the wizard.
 */

const chromiumPath = inject('chromiumPath')

/** The focused element, described by what the tests look for. */
async function focused(page: Page): Promise<{ role: string | null, test: string | null, field: string | null, inDialog: boolean }> {
  return page.evaluate(() => {
    const active = (globalThis as any).document.activeElement
    return { role: active.getAttribute('role'), test: active.getAttribute('data-test'), field: active.getAttribute('data-field'), inDialog: !!active.closest('[role=dialog]') }
  })
}

describe.skipIf(!chromiumPath)('pop-ups from the keyboard', () => {
  const suite = useE2eSuite()
  let agent: E2eStaff
  let page: Page

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '西城网点', regionCode: '110102' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    page = await (await suite.tablet()).newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
  })

  it('the applicant-type sheet takes the focus, closes on Escape and gives the focus back to 新建申请', async () => {
    await page.focus('[data-test=new-application]')
    await page.keyboard.press('Enter')
    const sheet = page.locator('.van-action-sheet')
    await sheet.waitFor()
    await expect.poll(async () => (await focused(page)).inDialog).toBe(true)
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => (globalThis as any).document.activeElement.textContent.trim())).toBe('个人')

    await page.keyboard.press('Escape')
    await sheet.waitFor({ state: 'hidden' })
    await expect.poll(async () => (await focused(page)).test).toBe('new-application')
  })

  it('a picker: focused when opened, Escape closes it unchanged, and the field has the focus again', async () => {
    await startEnrolment(page, '个人')
    await next(page)
    await page.focus('[data-field="person.gender"]')
    await page.keyboard.press('Enter')
    const popup = page.locator('.van-popup--bottom:visible')
    await popup.locator('.van-picker').waitFor()
    await expect.poll(async () => (await focused(page)).inDialog).toBe(true)

    await page.keyboard.press('Escape')
    await popup.waitFor({ state: 'hidden' })
    await expect.poll(async () => (await focused(page)).field).toBe('person.gender')
    expect(await pickedValue(page, 'person.gender')).toBe('请选择')

    // Chosen and confirmed, the focus is back on the field too, to go on from there.
    await page.keyboard.press('Enter')
    await popup.locator('.van-picker').waitFor()
    await popup.locator('.van-picker__confirm').click()
    await popup.waitFor({ state: 'hidden' })
    await expect.poll(async () => (await focused(page)).field).toBe('person.gender')
    expect(await pickedValue(page, 'person.gender')).toBe('男')
  })
})
