import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import type { ReviewDesk } from './support/review-api'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { accessibilityViolations } from './support/accessibility'
import { goOffline, goOnline } from './support/browser'
import { useE2eSuite } from './support/e2e-suite'
import { enrolIndividual, listItem, openList, signInOnField, syncNow, waitForFirstSync } from './support/field-app'
import { reviewDesk } from './support/review-api'

/**
 * A conflict on the tablet, end to end: the agent withdraws an application offline while a
 * reviewer takes it into review. The device keeps the withdrawal beside the server's copy;
 * the copy then follows the server (a return shows, with its comment); the agent takes the
 * server's side, and the application is an ordinary returned one to fix.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('a conflict on the tablet', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff
  let reviewer: E2eStaff
  let desk: ReviewDesk
  let receiptNo: string

  async function review(action: string, body?: unknown): Promise<void> {
    await desk.act(receiptNo, action, body)
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '西城网点', regionCode: '110102' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
    desk = reviewDesk(suite.server.url, reviewer)
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    receiptNo = await enrolIndividual(page, context, { name: '钱宇', idNumber: makeResidentId('1979-11-02', 'male', { region: '110102' }), mobile: '13812340099', street: '金融街9号', photoSeed: 51 })
    await syncNow(page)
  })

  it('1. a withdrawal made offline meets a review started meanwhile: the device shows both sides', async () => {
    await goOffline(context)
    await openList(page, 'synced')
    await listItem(page, receiptNo).click()
    await page.click('[data-test=withdraw]')
    await page.click('.van-dialog__confirm')
    await review('start_review')
    await goOnline(context)
    await syncNow(page)

    const conflict = page.locator('[data-test=conflict]')
    await conflict.waitFor()
    expect(await page.textContent('[data-test=conflict-server-status]')).toContain('审核中')
    expect(await page.textContent('[data-test=detail-sync-state]')).toContain('冲突')
    // The status is the server's: the withdrawal made offline was not applied.
    expect(await page.textContent('[data-test=detail-status]')).toContain('审核中')
    // In review, the withdrawal cannot be redone.
    expect(await page.locator('[data-test=withdraw]').count()).toBe(0)
    expect(await accessibilityViolations(page, 'conflict, in review')).toEqual([])
  })

  it('2. the reviewer then returns it: the server copy follows, with the comment of this return', async () => {
    await review('return', { items: [{ kind: 'field', ref: 'person.mobile', note: '号码停机' }], comment: '请核实手机号' })
    await syncNow(page)
    await expect.poll(() => page.textContent('[data-test=conflict-server-status]')).toContain('退回补充')
    expect(await page.textContent('[data-test=conflict]')).toContain('请核实手机号')
    expect(await page.textContent('[data-test=detail-status]')).toContain('退回补充')
    // Returned, the withdrawal could be redone on it.
    expect(await page.locator('[data-test=withdraw]').count()).toBe(1)
    expect(await accessibilityViolations(page, 'conflict, returned')).toEqual([])
  })

  it('3. the agent takes the server\'s side: an ordinary returned application, ready to fix', async () => {
    await page.click('[data-test=accept-server]')
    await page.click('.van-dialog__confirm')
    await expect.poll(() => page.textContent('[data-test=detail-sync-state]')).toContain('已同步')
    expect(await page.textContent('[data-test=detail-status]')).toContain('退回补充')
    expect(await page.locator('[data-test=conflict]').count()).toBe(0)
    expect(await page.textContent('[data-test=edit]')).toContain('修改后重新提交')
    await openList(page, 'returned')
    await expect.poll(() => listItem(page, receiptNo).getAttribute('data-status')).toBe('returned')
  })
})
