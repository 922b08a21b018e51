import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { useE2eSuite } from './support/e2e-suite'
import { check, deviceRecords, fill, fillAddress, goToStep, next, noToastShown, sign, signInOnField, startEnrolment, takePhoto, toastSaying, waitForFirstSync, wizardApplicationId } from './support/field-app'

/**
 * The signature pad as the agent meets it on the tablet: 确认签名 tapped before anything is
 * drawn says so (it used to do nothing at all), and a pad opened by mistake — 签名 before the
 * applicant is ready, or 重新签名 over a signature already given — closes again with 取消签名,
 * leaving the stored signature as it was and showing it again (there used to be no way out
 * of the pad but drawing a new signature).
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('the signature pad', () => {
  const suite = useE2eSuite()
  let agent: E2eStaff
  let context: BrowserContext
  let page: Page
  let applicationId: string

  const pad = (): ReturnType<Page['locator']> => page.locator('[data-test=signature-applicant] .van-signature')

  async function storedSignatureId(): Promise<string | undefined> {
    const application = (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === applicationId)
    return application!.data.consent?.signatureAttachmentId || undefined
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '东城网点', regionCode: '110101' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    await startEnrolment(page, '个人')
    applicationId = wizardApplicationId(page)
    await next(page)
    await fill(page, 'person.name', '冯签')
    await fill(page, 'person.idNumber', makeResidentId('1986-03-04', 'female', { region: '110101' }))
    await fill(page, 'person.mobile', '13712345601')
    await fillAddress(page, 'person.address', '东四北大街1号')
    await page.click('[data-test="declined-person.email"]')
    await next(page)
    await takePhoto(page, 'id_front', 81)
    await takePhoto(page, 'id_back', 82)
    await goToStep(page, '核对信息')
    await check(page, '[data-test=summary-confirm]')
    await goToStep(page, '同意与签名')
  })

  it('确认签名 on an empty pad says nothing is signed yet; 取消签名 closes it with nothing stored', async () => {
    await page.click('[data-test=sign-applicant]')
    await pad().waitFor()
    await pad().locator('.van-signature__footer .van-button--primary').click()
    await toastSaying(page, '框内还没有签名：请先签名，再确认')
    expect(await pad().isVisible()).toBe(true)
    await noToastShown(page)

    await page.click('[data-test=signature-cancel-applicant]')
    await pad().waitFor({ state: 'hidden' })
    expect(await page.locator('[data-test=sign-applicant]').textContent()).toContain('签名')
    expect(await storedSignatureId()).toBeUndefined()
  })

  it('重新签名 opened by mistake: 取消签名 shows the signature given before, still stored', async () => {
    await sign(page, context, 'applicant')
    await expect.poll(storedSignatureId).toBeTruthy()
    const signed = await storedSignatureId()

    await page.click('[data-test=sign-applicant]')
    await pad().waitFor()
    expect(await page.locator('[data-test=signature-applicant] img').count()).toBe(0)
    await page.click('[data-test=signature-cancel-applicant]')
    await pad().waitFor({ state: 'hidden' })
    await page.locator('[data-test=signature-applicant] img').waitFor()
    expect(await page.textContent('[data-test=signature-applicant]')).toContain('已签名')
    expect(await page.textContent('[data-test=sign-applicant]')).toContain('重新签名')
    expect(await storedSignatureId()).toBe(signed)
  })
})
