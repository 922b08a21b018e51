import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import type { DeviceRecord, InPageDocument } from './support/field-app'
import { ERROR_MESSAGES } from '#shared/errors/error-codes'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { signIn } from './support/api-client'
import { useE2eSuite } from './support/e2e-suite'
import { check, choose, deviceRecords, fill, fillAddress, goToStep, next, pickedValue, sign, signInOnField, startEnrolment, syncNow, takePhoto, unlock, waitForFirstSync, wizardApplicationId } from './support/field-app'

/**
 * Moving about the enrolment wizard on the tablet: 上一步 on every step of a family
 * enrolment, from the signature back to the category, keeps everything entered — on screen
 * and on the device, the applicant's confirmation and signature included — also across a
 * reload; going forward again neither loses nor duplicates a photo, a dependant or the
 * signature, and the server receives the application as it was entered; the guardian step
 * of a minor and the organisation step keep theirs too. Then the
 * summary's 去处理 links: each lands on the step and the field with the problem, shows
 * what is wrong there, and once fixed the summary no longer lists it.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('moving back and forth in the enrolment wizard', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff
  let reviewer: E2eStaff

  async function storedDraft(id: string): Promise<DeviceRecord> {
    return (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === id)!
  }

  /** The files stored on the device for the attachments an application names, by kind. */
  async function storedFiles(id: string): Promise<string[]> {
    const named = new Set((await storedDraft(id)).data.attachments.map((a: { id: string }) => a.id))
    return (await deviceRecords(page, agent.id, 'attachments')).filter(f => named.has(f.id)).map(f => f.kind as string).sort()
  }

  async function currentStep(): Promise<string | null> {
    return page.locator('[data-step]').getAttribute('data-step')
  }

  async function previous(): Promise<void> {
    const before = await currentStep()
    await page.click('[data-test=previous]')
    await page.waitForFunction(b => (globalThis as unknown as InPageDocument).document.querySelector('[data-step]')?.getAttribute('data-step') !== b, before)
  }

  /** The error message Vant shows under a field (text or picker), by its path. */
  function errorUnder(path: string) {
    return page.locator(`input[name="${path}"], [data-field="${path}"]`).locator('xpath=ancestor-or-self::div[contains(@class, "van-cell")][1]').locator('.van-field__error-message')
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '海淀网点', regionCode: '110108' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
  })

  it('上一步 from the signature back to the category, a reload on the way, and forward again: nothing lost, nothing doubled', async () => {
    await startEnrolment(page, '家庭')
    const id = wizardApplicationId(page)
    // The first step has nowhere to go back to.
    expect(await page.locator('[data-test=previous]').count()).toBe(0)
    await next(page)
    await fill(page, 'person.name', '吴建华')
    await fill(page, 'person.idNumber', makeResidentId('1979-11-02', 'male', { region: '110108' }))
    await fill(page, 'person.mobile', '13911118888')
    await fillAddress(page, 'person.address', '中关村大街27号')
    await fill(page, 'person.occupation', '工程师')
    await next(page)
    for (const [i, name] of ['吴小桐', '陈丽'].entries()) {
      await page.click('[data-test=add-dependant]')
      await fill(page, `dependants.${i}.name`, name)
      await choose(page, `dependants.${i}.relation`, i === 0 ? '子女' : '配偶')
      await choose(page, `dependants.${i}.gender`, '女')
      await page.click(`[data-field="dependants.${i}.birthDate"]`)
      await page.locator('.van-popup--bottom:visible .van-picker__confirm').click()
      await page.locator('.van-popup--bottom:visible').waitFor({ state: 'hidden' })
    }
    await next(page)
    await takePhoto(page, 'id_front', 61)
    await takePhoto(page, 'id_back', 62)
    await next(page)
    await choose(page, 'payment.method', '支付宝')
    await fill(page, 'payment.receiptNo', 'ZFB-0001')
    await next(page)
    await check(page, '[data-test=summary-confirm]')
    await next(page)
    for (const flag of ['personalInfo', 'sensitiveInfo', 'memberTerms'])
      await check(page, `[data-test=consent-${flag}]`)
    await sign(page, context)
    await expect.poll(async () => (await storedDraft(id)).data.consent.signatureAttachmentId).not.toBe('')
    await page.waitForTimeout(400)
    const entered = (await storedDraft(id)).data
    expect(entered.attachments.map((a: { kind: string }) => a.kind).sort()).toEqual(['id_back', 'id_front', 'signature'])

    // Back one step at a time: each shows what was entered there.
    await previous()
    expect(await currentStep()).toBe('summary')
    expect(await page.locator('[data-test=summary-confirm]').getAttribute('aria-checked')).toBe('true')
    expect(await page.locator('[data-test=open-issues]').count()).toBe(0)
    await previous()
    expect(await currentStep()).toBe('payment')
    expect(await pickedValue(page, 'payment.method')).toBe('支付宝')
    expect(await page.inputValue('input[name="payment.receiptNo"]')).toBe('ZFB-0001')
    await previous()
    expect(await currentStep()).toBe('materials')
    expect(await page.locator('[data-test=material-id_front] img').count()).toBe(1)
    expect(await page.locator('[data-test=material-id_back] img').count()).toBe(1)
    await previous()
    expect(await currentStep()).toBe('dependants')
    expect(await page.locator('[data-test^=remove-dependant-]').count()).toBe(2)
    expect(await page.inputValue('input[name="dependants.0.name"]')).toBe('吴小桐')
    expect(await page.inputValue('input[name="dependants.1.name"]')).toBe('陈丽')
    expect(await pickedValue(page, 'dependants.1.relation')).toBe('配偶')
    await previous()
    expect(await currentStep()).toBe('person')
    expect(await page.inputValue('input[name="person.name"]')).toBe('吴建华')
    expect(await page.inputValue('input[name="person.occupation"]')).toBe('工程师')
    expect(await pickedValue(page, 'person.birthDate')).toBe('1979-11-02')
    await previous()
    expect(await currentStep()).toBe('basic')
    expect(await page.locator('[data-test=previous]').count()).toBe(0)
    // Looking is not changing: the confirmation and the signature still stand, on the device too.
    await page.waitForTimeout(400)
    expect((await storedDraft(id)).data).toEqual(entered)

    // Forward to the photos, reload there (the app locks; the step is in the address).
    await next(page)
    await next(page)
    await next(page)
    expect(await currentStep()).toBe('materials')
    await page.reload()
    await unlock(page, agent.password)
    await page.locator('[data-step=materials]').waitFor()
    expect(await page.locator('[data-test=material-id_front] img').count()).toBe(1)
    expect(await page.locator('[data-test=material-id_back] img').count()).toBe(1)
    await previous()
    expect(await currentStep()).toBe('dependants')
    expect(await page.locator('[data-test^=remove-dependant-]').count()).toBe(2)
    await next(page)
    await next(page)
    await next(page)
    expect(await currentStep()).toBe('summary')
    expect(await page.locator('[data-test=summary-confirm]').getAttribute('aria-checked')).toBe('true')
    await next(page)
    expect(await currentStep()).toBe('consent')
    expect(await page.locator('[data-test=signature-applicant] img').count()).toBe(1)
    expect(await page.locator('[data-test=consent-memberTerms]').getAttribute('aria-checked')).toBe('true')
    expect((await storedDraft(id)).data).toEqual(entered)
    // One file per photo and the one signature, no leftovers.
    expect(await storedFiles(id)).toEqual(['id_back', 'id_front', 'signature'])
    expect((await deviceRecords(page, agent.id, 'attachments')).length).toBe(3)

    await page.click('[data-test=submit]')
    await page.waitForURL(/\/field\/receipt\//)
    const receiptNo = (await page.textContent('[data-test=receipt-number]'))!.trim()
    await syncNow(page)
    const api = await signIn(suite.server.url, reviewer.username, reviewer.password)
    const list = await api.json<{ items: Array<{ id: string, receiptNo: string }> }>('/api/review/applications?pageSize=100')
    const item = list.items.find(i => i.receiptNo === receiptNo)
    expect(item, `the review queue has ${receiptNo}`).toBeDefined()
    const copy = await api.json<{ application: Record<string, any> }>(`/api/review/applications/${item!.id}?reveal=true`)
    expect(copy.application.dependants.map((d: { name: string }) => d.name)).toEqual(['吴小桐', '陈丽'])
    expect(copy.application.attachments.map((a: { kind: string }) => a.kind).sort()).toEqual(['id_back', 'id_front', 'signature'])
    expect(copy.application.payment).toMatchObject({ method: 'alipay', amountFen: 10000, receiptNo: 'ZFB-0001' })
    expect(copy.application.person).toMatchObject({ name: '吴建华', occupation: '工程师' })
  })

  it('上一步 over the guardian step of a minor and the organisation step keeps what was entered there', async () => {
    await page.click('[data-test=back-to-list]')
    await startEnrolment(page, '个人')
    await next(page)
    await fill(page, 'person.name', '邓小宝')
    await fill(page, 'person.idNumber', makeResidentId(`${new Date().getFullYear() - 10}-03-03`, 'male', { region: '110108' }))
    await next(page)
    expect(await currentStep()).toBe('guardian')
    await fill(page, 'guardian.name', '邓强')
    await choose(page, 'guardian.relation', '父亲')
    await fill(page, 'guardian.mobile', '13911117777')
    await next(page)
    expect(await currentStep()).toBe('materials')
    await previous()
    expect(await currentStep()).toBe('guardian')
    expect(await page.inputValue('input[name="guardian.name"]')).toBe('邓强')
    expect(await pickedValue(page, 'guardian.relation')).toBe('父亲')
    await previous()
    expect(await currentStep()).toBe('person')
    await next(page)
    expect(await page.inputValue('input[name="guardian.mobile"]')).toBe('13911117777')
    await page.waitForTimeout(400)
    const guardianId = wizardApplicationId(page)
    expect((await storedDraft(guardianId)).data.guardian).toMatchObject({ name: '邓强', relation: 'father', mobile: '13911117777' })

    await page.click('.van-nav-bar__left')
    await startEnrolment(page, '单位/企业')
    const orgId = wizardApplicationId(page)
    await next(page)
    await fill(page, 'organisation.name', '海淀科创服务有限公司')
    await choose(page, 'organisation.orgType', '企业')
    await fill(page, 'organisation.contact.name', '潘悦')
    await next(page)
    await takePhoto(page, 'business_licence', 66)
    await previous()
    expect(await currentStep()).toBe('organisation')
    expect(await page.inputValue('input[name="organisation.name"]')).toBe('海淀科创服务有限公司')
    expect(await pickedValue(page, 'organisation.orgType')).toBe('企业')
    expect(await page.inputValue('input[name="organisation.contact.name"]')).toBe('潘悦')
    await next(page)
    expect(await page.locator('[data-test=material-business_licence] img').count()).toBe(1)
    expect(await storedFiles(orgId)).toEqual(['business_licence'])
    await page.click('.van-nav-bar__left')
  })

  it('去处理 leads to the step and the field with the problem; fixed, the summary no longer lists it', async () => {
    await page.waitForURL(/\/field$/)
    await startEnrolment(page, '个人')
    await next(page)
    await fill(page, 'person.name', '马丽娟')
    await fill(page, 'person.idNumber', makeResidentId('1991-04-12', 'female', { region: '110108' }))
    await fillAddress(page, 'person.address', '学院路30号')
    await page.click('[data-test="declined-person.email"]')
    // Straight to the summary by its tab: the mobile and both ID photos are missing.
    await goToStep(page, '核对信息')
    const issues = page.locator('[data-test=open-issues] .van-cell')
    await expect.poll(() => issues.count()).toBe(3)
    const mobileRequired = issues.filter({ hasText: '手机号码' })
    expect(await mobileRequired.textContent()).toContain('去处理')

    await mobileRequired.click()
    await page.locator('[data-step=person]').waitFor()
    // The field says what is wrong, and has the focus, ready to type into.
    await expect.poll(() => errorUnder('person.mobile').textContent()).toBe(ERROR_MESSAGES['field.required']['zh-CN'])
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('name'))).toBe('person.mobile')
    await fill(page, 'person.mobile', '13911119999')
    expect(await errorUnder('person.mobile').count()).toBe(0)

    await goToStep(page, '核对信息')
    await expect.poll(() => issues.count()).toBe(2)
    expect(await page.textContent('[data-test=open-issues]')).not.toContain('手机号码')
    await issues.first().click()
    await page.locator('[data-step=materials]').waitFor()
    expect(await page.locator('.van-notice-bar').first().textContent()).toBe('缺少证件正面照片；缺少证件背面照片')
    await takePhoto(page, 'id_front', 71)
    await takePhoto(page, 'id_back', 72)

    await goToStep(page, '核对信息')
    await expect.poll(() => page.locator('[data-test=open-issues]').count()).toBe(0)
    expect(await page.locator('[data-test=summary-confirm]').getAttribute('class')).not.toContain('van-checkbox--disabled')
  })

  it('after a reload, 去处理 still shows the problem at the field', async () => {
    await goToStep(page, '申请人')
    await fill(page, 'person.mobile', '')
    await page.waitForTimeout(400)
    await page.reload()
    await unlock(page, agent.password)
    await goToStep(page, '核对信息')
    const issue = page.locator('[data-test=open-issues] .van-cell').filter({ hasText: '手机号码' })
    await issue.click()
    await page.locator('[data-step=person]').waitFor()
    await expect.poll(() => errorUnder('person.mobile').textContent()).toBe(ERROR_MESSAGES['field.required']['zh-CN'])
  })

  it('an over-long 兴趣爱好 entry: the field says which entry, and 去处理 lands on it', async () => {
    await goToStep(page, '申请人')
    await fill(page, 'person.interests', `阅读、${'书'.repeat(21)}`)
    // At the field, as soon as it is left: which entry, and what is wrong with it.
    await expect.poll(() => errorUnder('person.interests').textContent()).toBe('第2项：最多20个字符')
    await page.waitForSelector('[data-test=save-state]:has-text("已保存")')
    await page.reload()
    await unlock(page, agent.password)
    await goToStep(page, '核对信息')
    const issue = page.locator('[data-test=open-issues] .van-cell').filter({ hasText: '兴趣爱好' })
    expect(await issue.textContent()).toContain('兴趣爱好 · 第2项：最多20个字符')
    await issue.click()
    await page.locator('[data-step=person]').waitFor()
    await expect.poll(() => errorUnder('person.interests').textContent()).toBe('第2项：最多20个字符')
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('name'))).toBe('person.interests')
    await fill(page, 'person.interests', '阅读、书法')
    expect(await errorUnder('person.interests').count()).toBe(0)
  })

  it('an applicant whose ID turns out an adult\'s after the guardian step opened: no empty guardian left behind; one entered is removed on request', async () => {
    if (page.url().includes('/field/enrol/'))
      await page.click('.van-nav-bar__left')
    await startEnrolment(page, '个人')
    const id = wizardApplicationId(page)
    const guardianTab = page.locator('.van-tab:has-text("监护人")')
    // A child's number (born 2015), then the adult's the agent meant (born 1985).
    const child = makeResidentId('2015-03-04', 'male', { region: '110105' })
    const adult = '110105198503040717'
    await next(page)
    await fill(page, 'person.name', '周立新')
    await fill(page, 'person.idNumber', child)
    await next(page)
    expect(await currentStep()).toBe('guardian')
    await previous()
    await fill(page, 'person.idNumber', adult)
    // Nothing was typed for the guardian: no step, nothing asked for, nothing stored.
    await expect.poll(() => guardianTab.count()).toBe(0)
    await expect.poll(async () => (await storedDraft(id)).data.guardian).toBeUndefined()
    await goToStep(page, '核对信息')
    await page.locator('[data-step=summary]').waitFor()
    expect(await page.textContent('[data-step=summary]')).not.toContain('监护人')

    // A guardian typed for the minor stays once the applicant is an adult, until the agent removes it.
    await goToStep(page, '申请人')
    await fill(page, 'person.idNumber', child)
    await next(page)
    expect(await currentStep()).toBe('guardian')
    expect(await page.locator('[data-test=remove-guardian]').count()).toBe(0)
    await fill(page, 'guardian.name', '周建国')
    await previous()
    await fill(page, 'person.idNumber', adult)
    await next(page)
    expect(await currentStep()).toBe('guardian')
    expect(await page.inputValue('input[name="guardian.name"]')).toBe('周建国')
    await page.locator('[data-test=guardian-not-asked]').waitFor()
    await page.click('[data-test=remove-guardian]')
    await page.click('.van-dialog__confirm')
    await page.locator('[data-step=materials]').waitFor()
    await expect.poll(() => guardianTab.count()).toBe(0)
    await expect.poll(async () => (await storedDraft(id)).data.guardian).toBeUndefined()
  })
})
