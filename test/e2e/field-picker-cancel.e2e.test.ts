import type { Locator, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { useE2eSuite } from './support/e2e-suite'
import { deviceRecords, next, pickedValue, signInOnField, startEnrolment, waitForFirstSync, wizardApplicationId } from './support/field-app'

/**
 * A choice made in a bottom picker and then cancelled, on the tablet: the agent picks a
 * value and confirms, opens the picker again, turns it to another value and cancels. The
 * field still shows the first value; the picker, opened once more, stands on the first
 * value, and confirming it without a change keeps it — on screen and in the draft the
 * device stores. For each kind of picker the wizard has: a choice (性别), a date (出生日期),
 * a region (通讯地址).
 */

const chromiumPath = inject('chromiumPath')

/** Opens the picker of a field by its path; the bottom popup it shows. */
async function openPicker(page: Page, path: string): Promise<Locator> {
  await page.click(`[data-field="${path}"]`)
  const popup = page.locator('.van-popup--bottom:visible')
  await popup.waitFor()
  // The popup slides in: let it settle before a wheel is touched.
  await page.waitForTimeout(300)
  return popup
}

/** Turns wheel `column` of the picker to the option labelled `label` (one in view), by tapping it. */
async function turn(page: Page, popup: Locator, column: number, label: string): Promise<void> {
  await popup.locator('.van-picker-column').nth(column).locator('.van-picker-column__item', { hasText: label }).first().click()
  await page.waitForTimeout(300)
}

/** The option each wheel of the open picker stands on. */
async function standingOn(popup: Locator): Promise<string[]> {
  return (await popup.locator('.van-picker-column__item--selected').allTextContents()).map(text => text.trim())
}

async function close(popup: Locator, button: 'confirm' | 'cancel'): Promise<void> {
  await popup.locator(`.van-picker__${button}`).click()
  await popup.waitFor({ state: 'hidden' })
}

describe.skipIf(!chromiumPath)('a picker whose change was cancelled', () => {
  const suite = useE2eSuite()
  let agent: E2eStaff
  let page: Page
  let applicationId: string

  /** The applicant as the device stores the draft (saved a quarter of a second after a change). */
  async function storedPerson(): Promise<Record<string, any>> {
    const application = (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === applicationId)
    return application!.data.person
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '海淀网点', regionCode: '110108' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
  })
  // A tablet and a new draft each: a picker left open by a failed case stops no other.
  beforeEach(async () => {
    const context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    await startEnrolment(page, '个人')
    applicationId = wizardApplicationId(page)
    await next(page)
    await page.waitForSelector('.enrol-wizard__body[data-step=person]')
  })

  it('a choice: the cancelled option is neither shown nor saved by the next confirmation', async () => {
    let popup = await openPicker(page, 'person.gender')
    await turn(page, popup, 0, '男')
    await close(popup, 'confirm')
    expect(await pickedValue(page, 'person.gender')).toBe('男')
    await expect.poll(async () => (await storedPerson()).gender).toBe('male')

    popup = await openPicker(page, 'person.gender')
    await turn(page, popup, 0, '女')
    await close(popup, 'cancel')
    expect(await pickedValue(page, 'person.gender')).toBe('男')

    // Opened once more, and confirmed as it stands.
    popup = await openPicker(page, 'person.gender')
    const standing = await standingOn(popup)
    await close(popup, 'confirm')
    expect(await pickedValue(page, 'person.gender')).toBe('男')
    await page.waitForTimeout(500)
    expect((await storedPerson()).gender).toBe('male')
    expect(standing).toEqual(['男'])
  })

  // Vant's pickers keep a cancelled choice as their own while they stay mounted; each opening
  // now makes the picker anew (destroy-on-close), so it starts from the stored value.
  it('a date: the cancelled date is neither shown nor saved by the next confirmation', async () => {
    // A date picker opens on 1990-01-01 when the field is empty; 1988 and 1991 are in view.
    let popup = await openPicker(page, 'person.birthDate')
    await turn(page, popup, 0, '1988')
    await close(popup, 'confirm')
    expect(await pickedValue(page, 'person.birthDate')).toBe('1988-01-01')
    await expect.poll(async () => (await storedPerson()).birthDate).toBe('1988-01-01')

    popup = await openPicker(page, 'person.birthDate')
    await turn(page, popup, 0, '1990')
    await close(popup, 'cancel')
    expect(await pickedValue(page, 'person.birthDate')).toBe('1988-01-01')

    // Opened once more, and confirmed as it stands.
    popup = await openPicker(page, 'person.birthDate')
    const standing = await standingOn(popup)
    await close(popup, 'confirm')
    expect(await pickedValue(page, 'person.birthDate')).toBe('1988-01-01')
    await page.waitForTimeout(500)
    expect((await storedPerson()).birthDate).toBe('1988-01-01')
    expect(standing).toEqual(['1988', '01', '01'])
  })

  it('a region: the cancelled region is neither shown nor saved by the next confirmation', async () => {
    // The region picker opens on its first entry, 北京市 / 北京市 / 东城区.
    let popup = await openPicker(page, 'person.address.regionCode')
    await close(popup, 'confirm')
    expect(await pickedValue(page, 'person.address.regionCode')).toBe('北京市 东城区')
    await expect.poll(async () => (await storedPerson()).address?.regionCode).toBe('110101')

    popup = await openPicker(page, 'person.address.regionCode')
    await turn(page, popup, 0, '天津市')
    await close(popup, 'cancel')
    expect(await pickedValue(page, 'person.address.regionCode')).toBe('北京市 东城区')

    // Opened once more, and confirmed as it stands.
    popup = await openPicker(page, 'person.address.regionCode')
    const standing = await standingOn(popup)
    await close(popup, 'confirm')
    expect(await pickedValue(page, 'person.address.regionCode')).toBe('北京市 东城区')
    await page.waitForTimeout(500)
    expect((await storedPerson()).address.regionCode).toBe('110101')
    expect(standing).toEqual(['北京市', '北京市', '东城区'])
  })
})
