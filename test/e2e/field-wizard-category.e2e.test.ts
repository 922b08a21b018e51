import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import type { DeviceRecord } from './support/field-app'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { useE2eSuite } from './support/e2e-suite'
import { choose, deviceRecords, goToStep, pickedValue, signInOnField, startEnrolment, waitForFirstSync, wizardApplicationId } from './support/field-app'

/**
 * The wizard's first step, 会员类别, changed after later steps were filled: a level belongs
 * to its category (VIP会员's 金卡 goes when the category changes), the fee and the payment
 * follow the category (a free one records none), and the materials step asks for what the category requires
 * (VIP会员: a portrait too) — on screen and in the draft the device stores.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('changing the category of an individual enrolment', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff
  let id: string

  const stored = async (): Promise<DeviceRecord> => (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === id)!.data

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '门头沟网点', regionCode: '110109' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    await startEnrolment(page, '个人')
    id = wizardApplicationId(page)
  })

  it('choosing VIP会员 with 金卡: the fee, the payment and a portrait follow', async () => {
    expect(await pickedValue(page, 'category')).toBe('普通会员')
    expect(await page.locator('[data-field=level]').count()).toBe(0)
    await choose(page, 'category', 'VIP会员')
    await choose(page, 'level', '金卡')
    await expect.poll(async () => (await stored()).level).toBe('gold')
    await goToStep(page, '缴费')
    expect(await page.textContent('[data-test=fee]')).toContain('200.00')
    await choose(page, 'payment.method', '微信')
    await expect.poll(async () => (await stored()).payment).toEqual({ method: 'wechat', amountFen: 20000 })
    // The fee asked and the amount recorded are two rows with two names.
    expect(await page.textContent('[data-test=amount-received]')).toMatch(/实收金额\s*¥200\.00/)
    expect(await page.locator('[data-step=payment] .van-cell__title', { hasText: '应缴费用' }).count()).toBe(1)
    await choose(page, 'payment.method', '免费')
    expect(await page.textContent('[data-test=amount-received]')).toMatch(/实收金额\s*¥0\.00/)
    expect(await page.locator('[data-step=payment] .van-cell__title', { hasText: '应缴费用' }).count()).toBe(1)
    await choose(page, 'payment.method', '微信')
    await expect.poll(async () => (await stored()).payment).toEqual({ method: 'wechat', amountFen: 20000 })
    await goToStep(page, '申请材料')
    expect(await page.textContent('[data-test=material-portrait]')).toContain('必需')
  })

  it('back to 普通会员: the level goes, nothing is owed, the portrait is optional', async () => {
    await goToStep(page, '会员类别')
    await choose(page, 'category', '普通会员')
    expect(await page.locator('[data-field=level]').count()).toBe(0)
    await expect.poll(async () => (await stored()).level).toBeUndefined()
    await goToStep(page, '缴费')
    expect(await page.textContent('[data-test=fee]')).toContain('免费')
    // Nothing owed, nothing recorded: no "¥0.00 · 微信" on the receipt.
    await expect.poll(async () => (await stored()).payment).toBeUndefined()
    expect(await page.locator('[data-field="payment.method"]').count()).toBe(0)
    await goToStep(page, '申请材料')
    expect(await page.textContent('[data-test=material-portrait]')).toContain('可选')
  })

  it('choosing VIP会员 again: the level and the payment are asked for anew', async () => {
    await goToStep(page, '会员类别')
    await choose(page, 'category', 'VIP会员')
    expect(await pickedValue(page, 'level')).toBe('请选择')
    await goToStep(page, '核对信息')
    const open = await page.textContent('[data-test=open-issues]')
    expect(open).toContain('会员等级')
    expect(open).toContain('缴费')
    await goToStep(page, '缴费')
    await choose(page, 'payment.method', '现金')
    await expect.poll(async () => (await stored()).payment).toEqual({ method: 'cash', amountFen: 20000 })
  })
})
