import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff, SiteRecord } from './support/api-client'
import type { InPageDocument } from './support/field-app'
import type { ReviewDesk } from './support/review-api'
import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { demoPng } from '../../server/cli/demo/demo-images'
import { makeResidentId } from '../fixtures/applications'
import { goOffline, goOnline, waitForServiceWorkerControl } from './support/browser'
import { useE2eSuite } from './support/e2e-suite'
import { confirmAndSign, confirmSignAndSubmit, deviceRecords, fill, fillAddress, listItem, next, openList, pickedValue, signInOnField, startEnrolment, syncNow, takePhoto, unlock, waitForFirstSync } from './support/field-app'
import { reviewDesk } from './support/review-api'

/**
 * Issue 4's journey in a real Chromium against the real server: sign in online; go offline
 * and reload; enrol an individual with two document photos, consent and signature, and get
 * the receipt number; close and reopen while offline, still queued; go online and sync, and
 * the server holds the record and both photos with matching hashes; a reviewer returns it
 * through the API, the device shows the items, the agent fixes and resubmits; returned again, it
 * is fixed on a new tablet that never held it.
 */

const chromiumPath = inject('chromiumPath')

interface ReviewDetail { id: string, version: number, status: string, application: { person: { name: string, address: { detail: string } }, attachments: Array<{ kind: string, sha256: string, size: number }> } }

describe.skipIf(!chromiumPath)('field enrolment, offline first', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let site: SiteRecord
  let agent: E2eStaff
  let reviewer: E2eStaff
  let desk: ReviewDesk
  let receiptNo: string

  async function reviewerFinds(receipt: string): Promise<ReviewDetail> {
    return desk.detail<ReviewDetail>(receipt)
  }

  /** The reviewer starts the review of the application and returns it with `body`, through the API. */
  async function returnThroughApi(body: { items: unknown[], comment?: string }): Promise<{ detail: ReviewDetail, started: { version: number } }> {
    const detail = await reviewerFinds(receiptNo)
    const started = await desk.act(receiptNo, 'start_review')
    await desk.act(receiptNo, 'return', body)
    return { detail, started }
  }

  beforeAll(async () => {
    site = await suite.server.admin.createSite({ name: '朝阳网点' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id], displayName: '王外勤' })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
    desk = reviewDesk(suite.server.url, reviewer)
    context = await suite.tablet()
    page = await context.newPage()
  })

  it('1. signs in online and fetches the programme settings', async () => {
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    await waitForServiceWorkerControl(page)
    expect(await page.locator('[data-test=new-application]').isVisible()).toBe(true)
  })

  it('2. goes offline and reloads: the app still opens, locked for the same user', async () => {
    await goOffline(context)
    const reloaded = await page.reload()
    expect(reloaded?.fromServiceWorker()).toBe(true)
    await unlock(page, agent.password)
    expect(await page.locator('[data-test=new-application]').isVisible()).toBe(true)
  })

  it('3. enrols an individual offline with two document photos, consent and signature, and shows the receipt', async () => {
    await startEnrolment(page, '个人')
    await next(page)
    await fill(page, 'person.name', '陈静')
    await fill(page, 'person.idNumber', makeResidentId('1991-04-12', 'female'))
    // Birth date and gender come from the resident ID.
    expect(await pickedValue(page, 'person.birthDate')).toBe('1991-04-12')
    await fill(page, 'person.mobile', '139 1234 5678')
    await fillAddress(page, 'person.address', '建国路100号院3号楼')
    await page.click('[data-test="declined-person.email"]')
    await next(page)
    await takePhoto(page, 'id_front', 1)
    await takePhoto(page, 'id_back', 2)
    receiptNo = await confirmSignAndSubmit(page, context)
    expect(receiptNo).toMatch(new RegExp(`^${site.code}-[0-9A-Y]{4}-000001-[0-9A-Y]$`))
    expect(await page.locator('[data-test=receipt-qr] svg').count()).toBe(1)
    // What the applicant signed up for, by name.
    expect(await page.locator('[data-test=receipt-site]').textContent()).toContain(`${site.name}（${site.code}）`)
    expect(await page.locator('[data-test=receipt-category]').textContent()).toContain('普通会员')
  })

  it('4. closes and reopens the page offline: signs in offline, and the application is still queued', async () => {
    await page.close()
    page = await context.newPage()
    // A new tab remembers nobody: the agent signs in again, checked offline against the verifier.
    await signInOnField(page, agent.username, agent.password)
    await openList(page, 'waiting')
    await expect.poll(() => listItem(page, receiptNo).getAttribute('data-sync-state')).toBe('queued')
    // The header says why it waits: no network, one application not synced.
    await expect.poll(() => page.locator('[data-test=sync-chip]').textContent()).toContain('离线 · 1 条未同步')
  })

  it('5. goes online and syncs: the server has the record and both photos, with matching hashes', async () => {
    await goOnline(context)
    await expect.poll(() => page.locator('[data-test=sync-chip]').getAttribute('data-online')).toBe('true')
    await syncNow(page)
    await openList(page, 'synced')
    await expect.poll(() => listItem(page, receiptNo).getAttribute('data-sync-state')).toBe('synced')
    await expect.poll(() => page.locator('[data-test=sync-chip]').textContent()).not.toContain('离线')

    const detail = await reviewerFinds(receiptNo)
    expect(detail.status).toBe('submitted')
    expect(detail.application.person.name).toBe('陈静')
    const photos = detail.application.attachments.filter(a => a.kind === 'id_front' || a.kind === 'id_back')
    expect(photos.map(p => p.kind).sort()).toEqual(['id_back', 'id_front'])
    const api = await desk.client()
    for (const attachment of detail.application.attachments) {
      const file = await api.request(`/api/attachments/${attachment.sha256}`)
      expect(file.status).toBe(200)
      const bytes = Buffer.from(await file.arrayBuffer())
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(attachment.sha256)
      expect(bytes.length).toBe(attachment.size)
    }
    // Downscaled on the device: a 1600-pixel photo stored as JPEG, well under the original PNG.
    expect(photos.every(p => p.size < 400_000)).toBe(true)
  })

  it('6. a reviewer returns it with items: the device shows them; the agent fixes it and resubmits', async () => {
    const { started } = await returnThroughApi({ items: [{ kind: 'field', ref: 'person.address.detail', note: '请写明门牌号' }, { kind: 'material', ref: 'id_back' }], comment: '地址不完整，背面照片模糊' })

    await syncNow(page)
    await openList(page, 'returned')
    await expect.poll(() => listItem(page, receiptNo).getAttribute('data-status')).toBe('returned')
    await listItem(page, receiptNo).click()
    const items = page.locator('[data-test=return-items]')
    await expect.poll(() => items.textContent()).toContain('详细地址')
    expect(await items.textContent()).toContain('证件背面照片')
    expect(await items.textContent()).toContain('地址不完整，背面照片模糊')

    // The steps holding the items are marked, and each item leads to its step.
    for (const marked of ['person', 'materials'])
      expect(await page.locator(`.step-tab-${marked} .van-badge--dot`).count(), marked).toBe(1)
    expect(await page.locator('.step-tab-payment .van-badge--dot').count()).toBe(0)
    // Each item says whether the fix has changed it yet.
    const touched = (ref: string) => page.locator(`[data-test="return-item-${ref}"]`).getAttribute('data-touched')
    expect([await touched('person.address.detail'), await touched('id_back')]).toEqual(['false', 'false'])
    expect(await page.textContent('[data-test="return-item-person.address.detail"]')).toContain('未修改')
    // Opened, not changed yet: still as the server holds it, no unsent fix (which signing out
    // would warn of). The wizard saves what it opened a moment after (250 ms): give it that.
    await page.waitForTimeout(1_000)
    await expect.poll(() => page.textContent('[data-test=save-state]')).not.toContain('正在保存')
    const stored = async () => (await deviceRecords(page, agent.id, 'applications')).find(record => record.receiptNo === receiptNo)!
    expect(await stored()).toMatchObject({ status: 'returned', syncState: 'synced' })
    expect((await stored()).unsentFix).toBeUndefined()
    await page.click('[data-test="return-item-person.address.detail"]')
    await page.waitForSelector('.enrol-wizard__body[data-step=person]')
    expect(await page.locator('textarea[name="person.address.detail"]').evaluate(el => el.closest('.van-cell')?.classList.contains('enrol-field--returned'))).toBe(true)
    await fill(page, 'person.address.detail', '建国路100号院3号楼2单元501室')
    await expect.poll(() => touched('person.address.detail')).toBe('true')
    await expect.poll(async () => (await stored()).unsentFix).toBe(true)
    expect(await page.textContent('[data-test="return-item-person.address.detail"]')).toContain('已修改')
    expect(await touched('id_back')).toBe('false')
    // Its one item changed, 申请人 is no longer marked; 申请材料 still is.
    await expect.poll(() => page.locator('.step-tab-person .van-badge--dot').count()).toBe(0)
    expect(await page.locator('.step-tab-materials .van-badge--dot').count()).toBe(1)
    await page.click('[data-test=return-item-id_back]')
    await page.waitForSelector('.enrol-wizard__body[data-step=materials]')
    const backFiles = async () => (await deviceRecords(page, agent.id, 'attachments')).filter(f => f.kind === 'id_back').map(f => f.id)
    const [oldBack] = await backFiles()
    await page.locator('[data-test=material-id_back] button', { hasText: '重拍' }).click()
    await page.setInputFiles('input[name=file-id_back]', { name: 'back-2.png', mimeType: 'image/png', buffer: demoPng(7, 1600, 1000) })
    await page.waitForFunction(() => (globalThis as unknown as InPageDocument).document.querySelectorAll('[data-test=material-id_back] img').length === 1)
    // The photo it replaces leaves the tablet (the server keeps it): a fix's retakes do not pile up.
    await expect.poll(backFiles).toEqual([expect.not.stringMatching(oldBack!)])
    await expect.poll(() => touched('id_back')).toBe('true')
    await expect.poll(() => page.locator('.step-tab-materials .van-badge--dot').count()).toBe(0)
    // The content changed after the applicant confirmed: confirmation and signature again.
    const resubmitted = await confirmSignAndSubmit(page, context)
    expect(resubmitted).toBe(receiptNo)

    await syncNow(page)
    const after = await reviewerFinds(receiptNo)
    expect(after.status).toBe('submitted')
    expect(after.version).toBeGreaterThan(started.version)
    expect(after.application.person.address.detail).toBe('建国路100号院3号楼2单元501室')
  })

  it('7. returned again, it is fixed on a new tablet (the first one lost): fetched at sign-in, resubmitted from there', async () => {
    const { detail, started } = await returnThroughApi({ items: [{ kind: 'field', ref: 'person.address.detail', note: '请写明楼层' }] })

    const newTablet = await suite.tablet()
    const other = await newTablet.newPage()
    await signInOnField(other, agent.username, agent.password)
    await waitForFirstSync(other)
    await openList(other, 'returned')
    await expect.poll(() => listItem(other, receiptNo).getAttribute('data-status')).toBe('returned')
    await listItem(other, receiptNo).click()
    await expect.poll(() => other.locator('[data-test=return-items]').textContent()).toContain('请写明楼层')
    // Its photos are on the server, not on this tablet: named as such.
    await other.click('.van-tab:has-text("申请材料")')
    await expect.poll(() => other.locator('[data-test=material-id_front] [data-test=material-elsewhere]').textContent()).toContain('本机无副本')
    // Resubmitted with the returned item as it was returned: asked first; going back to fix it
    // leads to its step, and nothing is queued.
    await confirmAndSign(other, newTablet)
    await other.click('[data-test=submit]')
    const asked = other.locator('.van-dialog:visible')
    await asked.waitFor()
    expect(await asked.textContent()).toContain('以下退回项目与退回时相同：详细地址')
    await asked.locator('.van-dialog__cancel').click()
    await other.waitForSelector('.enrol-wizard__body[data-step=person]')
    expect((await deviceRecords(other, agent.id, 'outbox'))).toEqual([])
    await fill(other, 'person.address.detail', '建国路100号院3号楼2单元5层501室')
    expect(await confirmSignAndSubmit(other, newTablet)).toBe(receiptNo)

    await syncNow(other)
    const after = await reviewerFinds(receiptNo)
    expect(after.status).toBe('submitted')
    expect(after.version).toBe(started.version + 2)
    expect(after.application.person.address.detail).toBe('建国路100号院3号楼2单元5层501室')
    // The photos it was captured with stay as they were: the new tablet had only their names.
    expect(after.application.attachments.filter(a => a.kind !== 'signature').map(a => a.sha256).sort())
      .toEqual(detail.application.attachments.filter(a => a.kind !== 'signature').map(a => a.sha256).sort())
  })
})
