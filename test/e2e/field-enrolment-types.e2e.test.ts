import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { ERROR_MESSAGES } from '#shared/errors/error-codes'
import { beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { makeResidentId, makeUscc } from '../fixtures/applications'
import { signIn } from './support/api-client'
import { useE2eSuite } from './support/e2e-suite'
import { choose, confirmSignAndSubmit, enrolIndividual, fill, fillAddress, goToStep, next, openList, pickedValue, signInOnField, startEnrolment, syncNow, takePhoto, unlock, waitForFirstSync } from './support/field-app'

/**
 * The other applicant types and the refusal of bad input, in a real Chromium against the
 * real server: a family with a dependant and a paid fee, an organisation with its USCC and
 * business licence — both reach the server as submitted — and an invalid ID number shows
 * the shared zh-CN message under the field and blocks submission.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('enrolling families and organisations; invalid input', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff
  let reviewer: E2eStaff

  async function serverCopy(receiptNo: string): Promise<{ status: string, application: Record<string, any> }> {
    const api = await signIn(suite.server.url, reviewer.username, reviewer.password)
    const list = await api.json<{ items: Array<{ id: string, receiptNo: string }> }>('/api/review/applications?pageSize=100')
    const item = list.items.find(i => i.receiptNo === receiptNo)
    expect(item, `the review queue has ${receiptNo}`).toBeDefined()
    return api.json(`/api/review/applications/${item!.id}?reveal=true`)
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '徐汇网点', regionCode: '310104' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
  })
  beforeEach(async () => {
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
  })

  it('enrols a family with a dependant and the family fee paid in cash', async () => {
    await startEnrolment(page, '家庭')
    await next(page)
    await fill(page, 'person.name', '刘洋')
    await fill(page, 'person.idNumber', makeResidentId('1985-09-30', 'male', { region: '310104' }))
    await fill(page, 'person.mobile', '13611112222')
    await fillAddress(page, 'person.address', '漕溪北路88号')
    await next(page)
    await page.click('[data-test=add-dependant]')
    await fill(page, 'dependants.0.name', '刘小雨')
    await choose(page, 'dependants.0.relation', '子女')
    await choose(page, 'dependants.0.gender', '女')
    await page.click('[data-field="dependants.0.birthDate"]')
    // A child's picker opens a generation after the applicant (born 1985), not at 1990 as the applicant's.
    await page.locator('.van-popup--bottom:visible .van-picker__confirm').click()
    await expect.poll(() => page.locator('[data-field="dependants.0.birthDate"]').textContent()).toContain('2013-01-01')
    // A parent born after the applicant is most likely a year typed wrong: said at the field (the shared rule's warning), nothing blocked.
    const birthDateMessage = page.locator('[data-field="dependants.0.birthDate"] .van-field__error-message')
    await choose(page, 'dependants.0.relation', '父母')
    await expect.poll(() => birthDateMessage.textContent()).toBe(ERROR_MESSAGES['dependant.not_older']['zh-CN'])
    await choose(page, 'dependants.0.relation', '子女')
    await expect.poll(() => birthDateMessage.count()).toBe(0)
    await next(page)
    await takePhoto(page, 'id_front', 11)
    await takePhoto(page, 'id_back', 12)
    await next(page)
    // The fee in the form the summary and the receipt print it.
    expect(await page.textContent('[data-test=fee]')).toContain('¥100.00')
    await choose(page, 'payment.method', '现金')
    expect(await page.textContent('[data-test=amount-received]')).toContain('¥100.00')
    await goToStep(page, '核对信息')
    expect(await page.locator('[data-step=summary] .van-cell', { hasText: '金额' }).textContent()).toContain('¥100.00')
    const receiptNo = await confirmSignAndSubmit(page, context)
    // The receipt names the category and the fee paid.
    expect(await page.locator('[data-test=receipt-category]').textContent()).toContain('家庭会员')
    expect(await page.locator('[data-test=receipt-payment]').textContent()).toContain('¥100.00 · 现金')
    await syncNow(page)
    // The receipt follows the sync: the applicant sees the server has it.
    await expect.poll(() => page.locator('[data-test=receipt-status]').textContent()).toContain('已提交 · 已同步')

    const copy = await serverCopy(receiptNo)
    expect(copy.status).toBe('submitted')
    expect(copy.application).toMatchObject({
      applicantType: 'family',
      category: 'family',
      person: { name: '刘洋' },
      dependants: [{ name: '刘小雨', relation: 'child', gender: 'female', birthDate: '2013-01-01' }],
      payment: { method: 'cash', amountFen: 10000 },
    })
  })

  it('signs on a tablet held in landscape: the pad opens wholly in view, Confirm included; the wizard has no tab bar', async () => {
    const landscape = await suite.tablet({ orientation: 'landscape' })
    const wide = await landscape.newPage()
    await signInOnField(wide, agent.username, agent.password)
    await waitForFirstSync(wide)
    // sign() refuses a pad that opens out of sight (padInView), before it draws and confirms.
    await enrolIndividual(wide, landscape, { name: '蒋文', idNumber: makeResidentId('1979-05-06', 'male', { region: '310104' }), mobile: '13611113333', street: '衡山路5号', photoSeed: 51 })
    await wide.getByRole('button', { name: '继续录入下一份' }).click()
    await wide.waitForURL(/\/field\/enrol\//)
    await wide.locator('[data-test=next]').waitFor()
    expect(await wide.locator('[data-test=tab-applications]').count()).toBe(0)
    // Nothing picked yet: 请选择 in the colour of a text field's 请输入, not of an entry.
    await next(wide)
    const pickerEmpty = await wide.locator('[data-field="person.gender"] [data-test=picker-value]').evaluate(el => (globalThis as any).getComputedStyle(el).color as string)
    const textEmpty = await wide.locator('input[name="person.name"]').evaluate(el => (globalThis as any).getComputedStyle(el, '::placeholder').color as string)
    const entry = await wide.locator('input[name="person.name"]').evaluate(el => (globalThis as any).getComputedStyle(el).color as string)
    expect(pickerEmpty).toBe(textEmpty)
    expect(pickerEmpty).not.toBe(entry)
    // The consents and the signature read from the left, as sentences do.
    await goToStep(wide, '同意与签名')
    for (const cell of ['[data-test=consent-sensitiveInfo]', '[data-test=sign-applicant]'])
      expect(await wide.locator(cell).evaluate(el => (globalThis as any).getComputedStyle(el.closest('.van-cell__value')).textAlign as string)).toBe('left')
    // The wizard's own bar sits at the foot of the screen, nothing under it.
    const bar = await wide.locator('.enrol-wizard__bar').boundingBox()
    expect(bar!.y + bar!.height).toBeCloseTo(800, 0)
  })

  it('enrols a minor: the guardian step, then the applicant and the guardian both sign after the summary', async () => {
    const birthDate = `${new Date().getFullYear() - 12}-06-01`
    await startEnrolment(page, '个人')
    await next(page)
    await fill(page, 'person.name', '黄小明')
    await fill(page, 'person.idNumber', makeResidentId(birthDate, 'male', { region: '310104' }))
    await fill(page, 'person.mobile', '13511113333')
    await fillAddress(page, 'person.address', '天钥桥路20号')
    await page.click('[data-test="declined-person.email"]')
    await next(page)
    expect(await page.locator('[data-step]').getAttribute('data-step')).toBe('guardian')
    await fill(page, 'guardian.name', '黄建国')
    await choose(page, 'guardian.relation', '父亲')
    await fill(page, 'guardian.idNumber', makeResidentId('1980-03-15', 'male', { region: '310104' }))
    await fill(page, 'guardian.mobile', '13511114444')
    await next(page)
    await takePhoto(page, 'id_front', 31)
    await takePhoto(page, 'id_back', 32)
    // Only the signatures are left: the applicant can confirm the summary, which unlocks both pads.
    await goToStep(page, '核对信息')
    expect(await page.locator('[data-test=open-issues]').count()).toBe(0)
    const receiptNo = await confirmSignAndSubmit(page, context, { guardian: true })
    await syncNow(page)

    const copy = await serverCopy(receiptNo)
    expect(copy.status).toBe('submitted')
    expect(copy.application).toMatchObject({ person: { name: '黄小明', birthDate }, guardian: { name: '黄建国', relation: 'father', mobile: '13511114444' } })
    const { signatureAttachmentId, guardianSignatureAttachmentId } = copy.application.consent
    expect(guardianSignatureAttachmentId).toBeTruthy()
    expect(guardianSignatureAttachmentId).not.toBe(signatureAttachmentId)
  })

  it('enrols a passport holder with the data page alone: a passport has no back to photograph', async () => {
    await startEnrolment(page, '个人')
    await next(page)
    await fill(page, 'person.name', 'Anna Schmidt')
    await choose(page, 'person.idType', '护照')
    await fill(page, 'person.idNumber', 'c 1234 5678')
    await choose(page, 'person.gender', '女')
    await page.click('[data-field="person.birthDate"]')
    await page.locator('.van-popup--bottom:visible .van-picker__confirm').click()
    await fill(page, 'person.mobile', '13611115555')
    await fillAddress(page, 'person.address', '衡山路10号')
    await next(page)
    await takePhoto(page, 'id_front', 41)
    // Neither required nor offered: the rule asks no back of a passport, and the tablet says the same.
    expect(await page.locator('input[name=file-id_back]').count()).toBe(0)
    await goToStep(page, '核对信息')
    expect(await page.locator('[data-test=open-issues]').count()).toBe(0)
    const receiptNo = await confirmSignAndSubmit(page, context)
    await syncNow(page)

    const copy = await serverCopy(receiptNo)
    expect(copy.status).toBe('submitted')
    expect(copy.application).toMatchObject({ person: { name: 'Anna Schmidt', idType: 'passport', idNumber: 'C12345678' } })
    expect(copy.application.attachments.map((a: { kind: string }) => a.kind).sort()).toEqual(['id_front', 'signature'])
  })

  it('enrols an organisation with its USCC, legal representative, contact and business licence', async () => {
    const uscc = makeUscc({ region: '310104' })
    await startEnrolment(page, '单位/企业')
    await next(page)
    await fill(page, 'organisation.name', '上海徐汇星光贸易有限公司')
    await fill(page, 'organisation.uscc', uscc.toLowerCase())
    // The longest label, with its required mark, on one line (it left a lone 码 at 8em).
    const usccLabel = page.locator('.van-field', { has: page.locator('input[name="organisation.uscc"]') }).locator('.van-field__label')
    expect(await usccLabel.evaluate(el => Math.round(el.getBoundingClientRect().height / Number.parseFloat((globalThis as any).getComputedStyle(el).lineHeight)))).toBe(1)
    await choose(page, 'organisation.orgType', '企业')
    await fill(page, 'organisation.legalRepresentative', '赵明')
    await fillAddress(page, 'organisation.registeredAddress', '虹桥路1号')
    await fill(page, 'organisation.contact.name', '钱芳')
    await fill(page, 'organisation.contact.mobile', '13822223333')
    // 职工人数 as the Chinese IME types it: nothing typed vanishes. Not a number: kept, and said.
    const staffCount = page.locator('input[name="organisation.staffCount"]')
    await staffCount.pressSequentially('12人')
    await staffCount.blur()
    expect(await staffCount.inputValue()).toBe('12人')
    const staffCountError = staffCount.locator('xpath=ancestor::div[contains(@class, "van-cell")][1]').locator('.van-field__error-message')
    await expect.poll(() => staffCountError.textContent()).toBe(ERROR_MESSAGES['field.digits']['zh-CN'])
    // Full-width digits are digits: １２ is 12.
    await staffCount.fill('')
    await staffCount.pressSequentially('１２')
    await staffCount.blur()
    await expect.poll(() => staffCount.inputValue()).toBe('12')
    expect(await staffCountError.count()).toBe(0)
    await next(page)
    await takePhoto(page, 'business_licence', 21)
    await next(page)
    await choose(page, 'payment.method', '微信')
    // The contact's mobile is named as the contact's under 单位信息, not as a bare 手机号码.
    await goToStep(page, '核对信息')
    expect(await page.locator('[data-step=summary] .van-cell__title', { hasText: '联系人手机号码' }).count()).toBe(1)
    const receiptNo = await confirmSignAndSubmit(page, context)
    await syncNow(page)

    const copy = await serverCopy(receiptNo)
    expect(copy.status).toBe('submitted')
    expect(copy.application).toMatchObject({
      applicantType: 'organisation',
      category: 'corporate',
      organisation: { name: '上海徐汇星光贸易有限公司', uscc, orgType: 'enterprise', legalRepresentative: '赵明', contact: { name: '钱芳', mobile: '13822223333' }, staffCount: 12 },
      payment: { method: 'wechat', amountFen: 100000 },
    })
    expect(copy.application.attachments.map((a: { kind: string }) => a.kind).sort()).toEqual(['business_licence', 'signature'])
  })

  it('shows the shared zh-CN message for an invalid ID number and blocks submission', async () => {
    const valid = makeResidentId('1990-01-01', 'male')
    const wrongCheck = valid.slice(0, 17) + (valid.endsWith('1') ? '2' : '1')
    await startEnrolment(page, '个人')
    await next(page)
    await fill(page, 'person.name', '孙磊')
    await fill(page, 'person.idNumber', wrongCheck)
    const idCell = page.locator('input[name="person.idNumber"]').locator('xpath=ancestor::div[contains(@class, "van-cell")][1]')
    await expect.poll(() => idCell.locator('.van-field__error-message').textContent()).toBe(ERROR_MESSAGES['id.checksum']['zh-CN'])
    await fill(page, 'person.mobile', '1381234')
    const mobileCell = page.locator('input[name="person.mobile"]').locator('xpath=ancestor::div[contains(@class, "van-cell")][1]')
    expect(await mobileCell.locator('.van-field__error-message').textContent()).toBe(ERROR_MESSAGES['mobile.format']['zh-CN'])
    // A Hong Kong number is a mobile with its calling code, and the message says so without it.
    await fill(page, 'person.mobile', '9123 4567')
    expect(await mobileCell.locator('.van-field__error-message').textContent()).toContain('+852')
    await fill(page, 'person.mobile', '+852 9123 4567')
    await expect.poll(() => mobileCell.locator('.van-field__error-message').count()).toBe(0)

    // The summary lists what is wrong and the applicant cannot confirm; submitting stays on the form.
    await goToStep(page, '核对信息')
    expect(await page.textContent('[data-test=open-issues]')).toContain(ERROR_MESSAGES['id.checksum']['zh-CN'])
    expect(await page.locator('[data-test=summary-confirm]').getAttribute('class')).toContain('van-checkbox--disabled')
    await goToStep(page, '同意与签名')
    await page.click('[data-test=submit]')
    await page.waitForTimeout(500)
    expect(new URL(page.url()).pathname).toMatch(/^\/field\/enrol\//)
    expect(await page.locator('[data-step]').getAttribute('data-step')).toBe('person')
  })

  it('moves the birth date and gender filled from an ID number along when the number is corrected, key by key', async () => {
    await startEnrolment(page, '个人')
    await next(page)
    await fill(page, 'person.idNumber', makeResidentId('1990-02-03', 'female'))
    expect(await pickedValue(page, 'person.birthDate')).toBe('1990-02-03')
    const corrected = makeResidentId('1992-07-08', 'male')
    const input = page.locator('input[name="person.idNumber"]')
    await input.fill('')
    await input.pressSequentially(corrected)
    await input.blur()
    expect(await pickedValue(page, 'person.birthDate')).toBe('1992-07-08')
    await goToStep(page, '核对信息')
    const open = await page.locator('[data-test=open-issues]').textContent()
    expect(open).not.toContain('性别与身份证号码不一致')
    expect(open).not.toContain('出生日期与身份证号码不一致')
  })

  it('hints at once at an earlier application on this device with the same mobile, with a link to it', async () => {
    await startEnrolment(page, '个人')
    await next(page)
    await fill(page, 'person.name', '周敏')
    await fill(page, 'person.mobile', '13755556666')
    await page.waitForTimeout(400)
    await page.click('.van-nav-bar__left')
    await startEnrolment(page, '个人')
    await next(page)
    await fill(page, 'person.name', '周小敏')
    await fill(page, 'person.mobile', '+86 137 5555 6666')
    const hint = page.locator('[data-test=duplicate-hint]')
    await expect.poll(() => hint.textContent()).toContain('周敏')
    expect(await hint.textContent()).toContain('手机号码')
    await hint.click()
    await page.waitForURL(/\/field\/applications\//)
    expect(await page.textContent('[data-test=detail-status]')).toContain('草稿')
  })

  it('deletes an abandoned draft from the wizard, after a confirmation; it no longer counts as unsynced', async () => {
    await startEnrolment(page, '个人')
    await next(page)
    await fill(page, 'person.name', '冯雪')
    await next(page)
    await takePhoto(page, 'id_front', 61)
    await page.waitForSelector('[data-test=save-state]:has-text("已保存")')
    await page.click('.van-nav-bar__left')
    await openList(page, 'drafts')
    const drafts = page.locator('[data-test^="application-"]')
    await expect.poll(() => drafts.count()).toBe(1)
    await expect.poll(() => page.locator('[data-test=sync-chip]').textContent()).toContain('1 条未同步')
    await drafts.first().click()
    // Typing just before deleting: the save it starts must not write the draft back.
    await goToStep(page, '申请人')
    await fill(page, 'person.name', '冯雪梅')
    await page.click('[data-test=delete-draft]')
    await page.click('.van-dialog__confirm')
    await page.waitForURL(/\/field$/)
    await openList(page, 'drafts')
    await expect.poll(() => drafts.count()).toBe(0)
    await expect.poll(() => page.locator('[data-test=sync-chip]').textContent()).toContain('全部已同步')
    await page.waitForTimeout(500)
    expect(await drafts.count()).toBe(0)
  })

  it('keeps a draft through a reload: every change is on the device at once', async () => {
    await startEnrolment(page, '个人')
    await next(page)
    await fill(page, 'person.name', '吴桐')
    await fill(page, 'person.occupation', '教师')
    // Saved a quarter of a second after the last keystroke; the indicator says when.
    await page.waitForTimeout(400)
    await page.waitForSelector('[data-test=save-state]:has-text("已保存")')
    const url = page.url()
    await page.reload()
    await unlock(page, agent.password)
    expect(page.url()).toBe(url)
    await expect.poll(() => page.inputValue('input[name="person.name"]')).toBe('吴桐')
    expect(await page.inputValue('input[name="person.occupation"]')).toBe('教师')
  })
})
