import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff, SiteRecord } from './support/api-client'
import { ERROR_MESSAGES } from '#shared/errors/error-codes'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeUscc } from '../fixtures/applications'
import { signIn } from './support/api-client'
import { useE2eSuite } from './support/e2e-suite'
import { check, choose, confirmSignAndSubmit, deviceRecords, fill, fillAddress, goToStep, next, signInOnField, syncNow, takePhoto, waitForFirstSync, wizardApplicationId } from './support/field-app'

/**
 * Starting an enrolment as an agent of two sites — the site is chosen first and names the
 * receipt number — and an organisation whose unified social credit code fails its check
 * character: the agent is asked to compare it with the licence and tick 已核对; a code
 * changed after that needs comparing again (the tick was for the code then typed), and the
 * server receives the confirmed code with the confirmation.
 */

const chromiumPath = inject('chromiumPath')

/** A USCC of the right form whose check character is wrong. */
function failingUscc(orgCode: string): string {
  const valid = makeUscc({ region: '110106', orgCode })
  return valid.slice(0, 17) + (valid.endsWith('1') ? '2' : '1')
}

describe.skipIf(!chromiumPath)('an agent of two sites enrols an organisation with an early USCC', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff
  let reviewer: E2eStaff
  let first: SiteRecord
  let second: SiteRecord
  let applicationId: string

  const usccError = () => page.locator('input[name="organisation.uscc"]').locator('xpath=ancestor::div[contains(@class, "van-cell")][1]').locator('.van-field__error-message')
  const confirmBox = () => page.locator('[data-test=uscc-confirm]')

  beforeAll(async () => {
    first = await suite.server.admin.createSite({ name: '丰台东网点', regionCode: '110106' })
    second = await suite.server.admin.createSite({ name: '丰台西网点', regionCode: '110106' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [first.id, second.id] })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [first.id, second.id] })
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
  })

  it('the site is chosen first; the draft and its receipt number are that site\'s', async () => {
    await page.click('[data-test=new-application]')
    await page.locator('.van-action-sheet').getByText('单位/企业', { exact: true }).click()
    await page.locator(`[data-test="site-${second.code}"]`).waitFor()
    expect(await page.locator(`[data-test="site-${first.code}"]`).textContent()).toContain('丰台东网点')
    await page.click(`[data-test="site-${second.code}"]`)
    await page.waitForURL(/\/field\/enrol\/[0-9a-f-]{36}/)
    applicationId = wizardApplicationId(page)
    const draft = (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === applicationId)!
    expect(draft.data.siteId).toBe(second.id)
    expect(draft.receiptNo.startsWith(`${second.code}-`)).toBe(true)
    expect(await page.textContent('.enrol-wizard__body')).toContain('丰台西网点')
  })

  it('a USCC failing its check character asks for 已核对; ticked, it is a warning, not a stop', async () => {
    await next(page)
    await fill(page, 'organisation.name', '北京丰台老字号食品厂')
    await fill(page, 'organisation.uscc', failingUscc('MA01BXQ7T'))
    await expect.poll(() => usccError().textContent()).toBe(ERROR_MESSAGES['uscc.checksum_unconfirmed']['zh-CN'])
    await check(page, '[data-test=uscc-confirm]')
    await expect.poll(() => usccError().textContent()).toBe(ERROR_MESSAGES['uscc.checksum']['zh-CN'])
    await expect.poll(async () => (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === applicationId)?.data.organisation.usccCheckConfirmed).toBe(true)
  })

  it('a code changed after the tick needs comparing again', async () => {
    await fill(page, 'organisation.uscc', failingUscc('MA02CXQ8T'))
    await expect.poll(() => confirmBox().getAttribute('aria-checked')).toBe('false')
    await expect.poll(() => usccError().textContent()).toBe(ERROR_MESSAGES['uscc.checksum_unconfirmed']['zh-CN'])
    await expect.poll(async () => (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === applicationId)?.data.organisation.usccCheckConfirmed).toBe(false)
    await goToStep(page, '核对信息')
    expect(await page.textContent('[data-test=open-issues]')).toContain(ERROR_MESSAGES['uscc.checksum_unconfirmed']['zh-CN'])
  })

  it('compared and ticked again, it is submitted; the server has the code and the confirmation', async () => {
    await goToStep(page, '单位信息')
    await check(page, '[data-test=uscc-confirm]')
    await choose(page, 'organisation.orgType', '企业')
    await fill(page, 'organisation.legalRepresentative', '冯德')
    await fillAddress(page, 'organisation.registeredAddress', '丰台南路5号')
    await fill(page, 'organisation.contact.name', '冯小平')
    await fill(page, 'organisation.contact.mobile', '13622227777')
    await next(page)
    await takePhoto(page, 'business_licence', 111)
    await next(page)
    await choose(page, 'payment.method', '现金')
    const receiptNo = await confirmSignAndSubmit(page, context)
    await syncNow(page)

    const api = await signIn(suite.server.url, reviewer.username, reviewer.password)
    const list = await api.json<{ items: Array<{ id: string, receiptNo: string }> }>('/api/review/applications?pageSize=100')
    const item = list.items.find(i => i.receiptNo === receiptNo)
    expect(item, `the review queue has ${receiptNo}`).toBeDefined()
    const copy = await api.json<{ application: Record<string, any> }>(`/api/review/applications/${item!.id}?reveal=true`)
    expect(copy.application.siteId).toBe(second.id)
    expect(copy.application.organisation).toMatchObject({ uscc: failingUscc('MA02CXQ8T'), usccCheckConfirmed: true })
  })
})
