import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import type { DeviceRecord } from './support/field-app'
import type { ReviewDesk } from './support/review-api'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { useE2eSuite } from './support/e2e-suite'
import { check, choose, deviceRecords, fill, fillAddress, goToStep, next, sign, signInOnField, startEnrolment, syncNow, takePhoto, waitForFirstSync, wizardApplicationId } from './support/field-app'
import { reviewDesk } from './support/review-api'

/**
 * Changing a family enrolment after the applicant signed, on the tablet: signing again over
 * a signature replaces it, and removing a dependant voids the confirmation and the signature
 * (the applicant signs what they saw). What counts is what the device stores: the draft
 * names exactly the dependants left and one signature, and the device keeps no signature
 * image the draft no longer names — a signature is personal data, and a replaced one is of
 * no use to anybody. The application then reaches the server as it was left.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('editing a family enrolment after signing', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff
  let reviewer: E2eStaff
  let desk: ReviewDesk
  let applicationId: string

  async function stored(): Promise<{ draft: DeviceRecord, files: DeviceRecord[] }> {
    const draft = (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === applicationId)!
    return { draft, files: await deviceRecords(page, agent.id, 'attachments') }
  }

  /** The signature images on the device, by id. */
  async function signatureFiles(): Promise<string[]> {
    return (await stored()).files.filter(f => f.kind === 'signature').map(f => f.id as string).sort()
  }

  /** The signatures the stored draft names, as attachments, and the consent's reference. */
  async function namedSignature(): Promise<{ attachments: string[], consent: string }> {
    const { draft } = await stored()
    return {
      attachments: draft.data.attachments.filter((a: { kind: string }) => a.kind === 'signature').map((a: { id: string }) => a.id),
      consent: draft.data.consent.signatureAttachmentId,
    }
  }

  async function addDependant(i: number, dependant: { name: string, relation: string, gender: string }): Promise<void> {
    await page.click('[data-test=add-dependant]')
    await fill(page, `dependants.${i}.name`, dependant.name)
    await choose(page, `dependants.${i}.relation`, dependant.relation)
    await choose(page, `dependants.${i}.gender`, dependant.gender)
    // The birth date as the picker opens (by relation from the applicant's 1982: birth-date-picker-start.ts).
    await page.click(`[data-field="dependants.${i}.birthDate"]`)
    const popup = page.locator('.van-popup--bottom:visible')
    await popup.locator('.van-picker__confirm').click()
    await popup.waitFor({ state: 'hidden' })
  }

  /** The applicant confirms the summary, gives the three consents and signs. */
  async function confirmAndSign(): Promise<void> {
    await goToStep(page, '核对信息')
    await check(page, '[data-test=summary-confirm]')
    await goToStep(page, '同意与签名')
    for (const flag of ['personalInfo', 'sensitiveInfo', 'memberTerms'])
      await check(page, `[data-test=consent-${flag}]`)
    await sign(page, context)
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '丰台网点', regionCode: '110106' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
    desk = reviewDesk(suite.server.url, reviewer)
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)

    await startEnrolment(page, '家庭')
    applicationId = wizardApplicationId(page)
    await next(page)
    await fill(page, 'person.name', '郑海')
    await fill(page, 'person.idNumber', makeResidentId('1982-05-20', 'male', { region: '110106' }))
    await fill(page, 'person.mobile', '13622225555')
    await fillAddress(page, 'person.address', '丰台路18号')
    await next(page)
    await addDependant(0, { name: '郑小溪', relation: '子女', gender: '女' })
    await addDependant(1, { name: '林芳', relation: '配偶', gender: '女' })
    await next(page)
    await takePhoto(page, 'id_front', 81)
    await takePhoto(page, 'id_back', 82)
    await next(page)
    await choose(page, 'payment.method', '现金')
    await confirmAndSign()
  })

  it('signing again over a signature replaces it: one signature named, the replaced one gone from the device', async () => {
    await expect.poll(async () => (await namedSignature()).attachments.length).toBe(1)
    const first = await namedSignature()
    expect(first.consent).toBe(first.attachments[0])
    expect(await signatureFiles()).toEqual(first.attachments)

    expect(await page.textContent('[data-test=sign-applicant]')).toContain('重新签名')
    await sign(page, context)
    await expect.poll(async () => (await namedSignature()).consent).not.toBe(first.consent)
    const second = await namedSignature()
    expect(second.attachments).toEqual([second.consent])
    expect(await signatureFiles()).toEqual(second.attachments)
  })

  it('removing a dependant leaves one fewer, and voids the confirmation and the signature', async () => {
    await goToStep(page, '家庭成员')
    await page.click('[data-test=remove-dependant-0]')
    // The one left is the one not removed, on screen and on the device.
    await expect.poll(() => page.locator('[data-test^=remove-dependant-]').count()).toBe(1)
    expect(await page.inputValue('input[name="dependants.0.name"]')).toBe('林芳')
    await expect.poll(async () => (await stored()).draft.data.dependants.map((d: { name: string }) => d.name)).toEqual(['林芳'])
    expect((await stored()).draft.data.dependants[0]).toMatchObject({ relation: 'spouse', gender: 'female', birthDate: '1982-01-01' })

    // What the applicant confirmed changed: the confirmation and the signature are void.
    await expect.poll(async () => (await namedSignature()).attachments).toEqual([])
    expect((await namedSignature()).consent).toBe('')
    expect((await stored()).draft.data.consent.summaryConfirmed).toBe(false)
    await goToStep(page, '同意与签名')
    expect(await page.locator('[data-test=signature-applicant] img').count()).toBe(0)
  })

  // A voided signature's image is discarded once the draft without it is stored.
  it('the voided signature\'s image leaves the device with it', async () => {
    await expect.poll(() => signatureFiles(), { timeout: 3000 }).toEqual([])
  })

  it('the applicant signs anew: the draft names that one signature', async () => {
    const before = await signatureFiles()
    await confirmAndSign()
    await expect.poll(async () => (await namedSignature()).attachments.length).toBe(1)
    const now = await namedSignature()
    expect(now.attachments).toEqual([now.consent])
    expect(before).not.toContain(now.consent)
    expect(await signatureFiles()).toContain(now.consent)
  })

  it('submitted and synced, the server has the one dependant and the one signature', async () => {
    await page.click('[data-test=submit]')
    await page.waitForURL(/\/field\/receipt\//)
    const receiptNo = (await page.textContent('[data-test=receipt-number]'))!.trim()
    await syncNow(page)

    const copy = await desk.detail<{ status: string, application: Record<string, any> }>(receiptNo)
    expect(copy.status).toBe('submitted')
    expect(copy.application.dependants).toEqual([expect.objectContaining({ name: '林芳', relation: 'spouse' })])
    const signatures = copy.application.attachments.filter((a: { kind: string }) => a.kind === 'signature')
    expect(signatures.map((a: { id: string }) => a.id)).toEqual([copy.application.consent.signatureAttachmentId])
  })
})
