import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import type { ReviewDesk } from './support/review-api'
import { encode } from 'uqr'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { goOffline, goOnline } from './support/browser'
import { useE2eSuite } from './support/e2e-suite'
import { deviceRecords, enrolIndividual, listItem, openList, signInOnField, syncNow, toastSaying, unlock, waitForFirstSync, wizardApplicationId } from './support/field-app'
import { reviewDesk } from './support/review-api'

/**
 * The receipt and the application's detail on the tablet, as the agent and the applicant
 * use them after submitting: the receipt's number and QR code (the QR read back module by
 * module: it says the receipt number), the applicant, site, category and status, the
 * receipt again after a reload, 继续录入下一份 and 返回列表, a receipt for an application
 * the tablet does not hold; then the detail of a synced application: 查看回执, a withdrawal
 * cancelled and then made (it reaches the server), and an approval's member number.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('the receipt and the application detail', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff
  let reviewer: E2eStaff
  let desk: ReviewDesk
  let receiptNo: string
  let second: string

  /** The dark modules of the QR code on screen, read from its SVG path (`M x,y h10 v10 h-10 z`, 10 units a module). */
  async function qrModules(): Promise<boolean[][]> {
    const d = await page.locator('[data-test=receipt-qr] svg path').getAttribute('d')
    const size = Number((await page.locator('[data-test=receipt-qr] svg').getAttribute('viewBox'))!.split(' ')[2]) / 10
    const grid = Array.from({ length: size }, () => Array.from({ length: size }, () => false))
    for (const [, x, y] of d!.matchAll(/M(\d+),(\d+)/g))
      grid[Number(y) / 10]![Number(x) / 10] = true
    return grid
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '通州网点', regionCode: '110112' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
    desk = reviewDesk(suite.server.url, reviewer)
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
  })

  it('the receipt: its number, a QR code of that number, the applicant, site, category and status', async () => {
    receiptNo = await enrolIndividual(page, context, { name: '于海燕', idNumber: makeResidentId('1986-08-18', 'female', { region: '110112' }), mobile: '13720001111', street: '新华大街1号', photoSeed: 91 })
    const stored = (await deviceRecords(page, agent.id, 'applications')).find(a => a.receiptNo === receiptNo)
    expect(stored, 'the device holds the application under the receipt number shown').toBeDefined()
    const expected = encode(receiptNo, { border: 2, ecc: 'M' }).data
    expect(await qrModules()).toEqual(expected)
    expect(await page.textContent('.receipt__card')).toContain('于海燕')
    expect(await page.textContent('[data-test=receipt-site]')).toContain('通州网点')
    expect(await page.textContent('[data-test=receipt-category]')).toContain('普通会员')
    await expect.poll(() => page.textContent('[data-test=receipt-status]')).toContain('已提交 · 已同步')
    // Only the number, its QR code and the hint are centred: the rows read label left, value right.
    const align = (selector: string) => page.locator(selector).first().evaluate(el => (globalThis as any).getComputedStyle(el).textAlign as string)
    expect(await align('[data-test=receipt-number]')).toBe('center')
    expect(await align('.receipt__hint')).toBe('center')
    expect(await align('[data-test=receipt-site] .van-cell__title')).not.toBe('center')
    expect(await align('[data-test=receipt-site] .van-cell__value')).toBe('right')
  })

  it('a reload on the receipt shows the same receipt again', async () => {
    await page.reload()
    await unlock(page, agent.password)
    await expect.poll(() => page.textContent('[data-test=receipt-number]')).toContain(receiptNo)
    expect(await qrModules()).toEqual(encode(receiptNo, { border: 2, ecc: 'M' }).data)
  })

  it('继续录入下一份 opens a new enrolment of the same type under the next receipt number', async () => {
    await page.getByRole('button', { name: '继续录入下一份' }).click()
    await page.waitForURL(/\/field\/enrol\/[0-9a-f-]{36}/)
    const id = wizardApplicationId(page)
    const draft = (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === id)!
    expect(draft.data.applicantType).toBe('individual')
    expect(draft.receiptNo).not.toBe(receiptNo)
    expect(await page.textContent('.enrol-wizard__body')).toContain(draft.receiptNo)
    second = draft.receiptNo
  })

  it('a receipt for an application this tablet does not hold says so', async () => {
    await page.goto('/field/receipt/01890000-0000-7000-8000-000000000000')
    await unlock(page, agent.password)
    await expect.poll(() => page.locator('[data-test=receipt-not-found]').textContent()).toContain('找不到')
    expect(await page.locator('[data-test=receipt-number]').count()).toBe(0)
  })

  it('返回列表 leads home, where the new draft and the synced application are listed', async () => {
    await page.goto(`/field/receipt/${(await deviceRecords(page, agent.id, 'applications')).find(a => a.receiptNo === receiptNo)!.id}`)
    await unlock(page, agent.password)
    await page.click('[data-test=back-to-list]')
    await page.waitForURL(/\/field$/)
    await openList(page, 'drafts')
    await listItem(page, second).waitFor()
    await openList(page, 'synced')
    await listItem(page, receiptNo).waitFor()
  })

  it('the detail of a synced application, and 查看回执 from it', async () => {
    await listItem(page, receiptNo).click()
    await page.waitForURL(/\/field\/applications\//)
    expect(await page.textContent('[data-test=detail-status]')).toContain('已提交')
    expect(await page.textContent('[data-test=detail-sync-state]')).toContain('已同步')
    // Submitted and synced: nothing to edit on the device.
    expect(await page.locator('[data-test=edit]').count()).toBe(0)
    // The receipt number once (the summary's first row), not again in the status group above it.
    expect(await page.locator('.van-cell__title', { hasText: '回执编号' }).count()).toBe(1)
    await page.getByText(receiptNo, { exact: true }).first().waitFor()
    await page.getByRole('button', { name: '查看回执' }).click()
    await page.waitForURL(/\/field\/receipt\//)
    expect((await page.textContent('[data-test=receipt-number]'))!.trim()).toBe(receiptNo)
    await page.goBack()
    await page.waitForURL(/\/field\/applications\//)
  })

  it('a withdrawal cancelled changes nothing; confirmed, it reaches the server', async () => {
    await page.click('[data-test=withdraw]')
    await page.locator('.van-dialog').waitFor()
    await page.click('.van-dialog__cancel')
    await page.locator('.van-dialog').waitFor({ state: 'hidden' })
    expect(await page.textContent('[data-test=detail-sync-state]')).toContain('已同步')

    await page.click('[data-test=withdraw]')
    await page.click('.van-dialog__confirm')
    await toastSaying(page, '已加入同步队列')
    await expect.poll(() => page.textContent('[data-test=detail-status]'), { timeout: 30_000 }).toContain('已撤回')
    await expect.poll(() => page.textContent('[data-test=detail-sync-state]')).toContain('已同步')
    expect(await page.locator('[data-test=withdraw]').count()).toBe(0)
    expect((await desk.item(receiptNo)).status).toBe('withdrawn')
  })

  it('a returned application opens for its fix, and from there its page withdraws it: offline, the withdrawal waits and the fix is no longer offered', async () => {
    await page.click('.van-nav-bar__left')
    const returned = await enrolIndividual(page, context, { name: '韩冬', idNumber: makeResidentId('1990-05-06', 'male', { region: '110112' }), mobile: '13720003333', street: '新华大街3号', photoSeed: 95 })
    await syncNow(page)
    await desk.act(returned, 'start_review')
    await desk.act(returned, 'return', { items: [{ kind: 'field', ref: 'person.mobile' }] })
    await syncNow(page)
    await page.click('[data-test=back-to-list]')
    await openList(page, 'returned')
    await listItem(page, returned).click()
    await page.waitForURL(/\/field\/enrol\//)
    await page.click('[data-test=returned-detail]')
    await page.waitForURL(/\/field\/applications\//)
    expect(await page.textContent('[data-test=detail-status]')).toContain('退回补充')
    expect(await page.locator('[data-test=edit]').count()).toBe(1)
    await goOffline(context)
    await page.click('[data-test=withdraw]')
    await page.click('.van-dialog__confirm')
    await toastSaying(page, '已加入同步队列')
    // Waiting to leave: said, and neither 修改后重新提交 nor 撤回 offered (once the fix was,
    // and its edits could never be sent).
    await page.locator('[data-test=detail-withdrawal-waiting]').waitFor()
    expect(await page.textContent('[data-test=detail-withdrawal-waiting]')).toContain('撤回待发送')
    expect(await page.textContent('[data-test=detail-status]')).toContain('退回补充')
    expect(await page.locator('[data-test=edit]').count()).toBe(0)
    expect(await page.locator('[data-test=withdraw]').count()).toBe(0)
    // Listed under 待同步, it opens on this page; the wizard, reached by its address, shows it
    // read-only and says why.
    const detailUrl = page.url()
    await page.click('[data-test=tab-applications]')
    await openList(page, 'waiting')
    await listItem(page, returned).click()
    await page.waitForURL(detailUrl)
    await page.locator('[data-test=detail-withdrawal-waiting]').waitFor()
    await page.goto(detailUrl.replace('/field/applications/', '/field/enrol/'))
    await unlock(page, agent.password)
    await expect.poll(() => page.locator('[data-test=enrol-read-only]').textContent()).toContain('撤回待发送')
    await page.click('[data-test=returned-detail]')
    await page.waitForURL(detailUrl)
    await goOnline(context)
    await syncNow(page)
    await expect.poll(() => page.textContent('[data-test=detail-status]'), { timeout: 30_000 }).toContain('已撤回')
    expect(await page.locator('[data-test=detail-withdrawal-waiting]').count()).toBe(0)
    expect((await desk.item(returned)).status).toBe('withdrawn')
  })

  it('an approval reaches the detail with the member number', async () => {
    await page.click('.van-nav-bar__left')
    const third = await enrolIndividual(page, context, { name: '常乐', idNumber: makeResidentId('1992-02-20', 'male', { region: '110112' }), mobile: '13720002222', street: '新华大街2号', photoSeed: 93 })
    await syncNow(page)
    await desk.act(third, 'start_review')
    await desk.act(third, 'approve')
    await syncNow(page)
    await page.click('[data-test=back-to-list]')
    await openList(page, 'synced')
    await listItem(page, third).click()
    await page.waitForURL(/\/field\/applications\//)
    expect(await page.textContent('[data-test=detail-status]')).toContain('已通过')
    expect(await page.textContent('[data-test=detail-member-no]')).toMatch(/会员编号\s*\S+/)
  })

  it('a reload on the detail never says 找不到 while the device reads its list; an application it does not hold, it does', async () => {
    // Every 找不到这份申请 the page ever shows, however briefly, from the first paint on.
    await page.addInitScript(`
      window.__notFoundSeen = 0
      new MutationObserver(() => {
        if (document.querySelector('[data-test=detail-not-found]')) window.__notFoundSeen++
      }).observe(document, { subtree: true, childList: true })
    `)
    await page.reload()
    await unlock(page, agent.password)
    await page.waitForSelector('[data-test=detail-status]')
    expect(await page.evaluate('window.__notFoundSeen')).toBe(0)
    await page.goto('/field/applications/01890000-0000-7000-8000-000000000000')
    await unlock(page, agent.password)
    await expect.poll(() => page.locator('[data-test=detail-not-found]').textContent()).toContain('找不到')
  })
})
