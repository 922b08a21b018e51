import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import type { ReviewDesk } from './support/review-api'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { demoPng } from '../../server/cli/demo/demo-images'
import { makeResidentId } from '../fixtures/applications'
import { goOffline, goOnline, waitForServiceWorkerControl } from './support/browser'
import { useE2eSuite } from './support/e2e-suite'
import { confirmSignAndSubmit, deviceRecords, enrolIndividual, fill, goToStep, listItem, openList, signInOnField, syncNow, waitForFirstSync, wizardApplicationId } from './support/field-app'
import { reviewDesk } from './support/review-api'

/**
 * Typing in the wizard at the moment its application starts syncing. A returned application
 * is fixed and resubmitted offline, then opened again to change one more thing; back online,
 * its push leaves while the agent types. The record must not change under the push, so the
 * save is refused — but the change is not lost: the bar says it waits for the sync, leaving
 * asks first, and once the push is over (here the server refused the record, so it is still
 * the agent's to change) the change is on the device without another keystroke. When the
 * server applies the push instead, the change cannot be saved: it is kept on the record and
 * shown on the application's page. The push is held in the browser's network until the
 * change has been typed.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('a change typed while its application syncs', () => {
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

  /** Opens the waiting application again in the wizard, on the 申请人 step; returns its id. */
  async function editFromWaiting(): Promise<string> {
    await openList(page, 'waiting')
    await listItem(page, receiptNo).click()
    await page.waitForURL(/\/field\/applications\//)
    await page.click('[data-test=edit]')
    await page.waitForURL(/\/field\/enrol\//)
    await goToStep(page, '申请人')
    return wizardApplicationId(page)
  }

  /** A gate: the push is held in the browser's network until `release()`. */
  function gate(): { held: Promise<void>, release: () => void } {
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    return { held, release }
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
    await waitForServiceWorkerControl(page)
    receiptNo = await enrolIndividual(page, context, { name: '邓雨', idNumber: makeResidentId('1987-04-21', 'female', { region: '110106' }), mobile: '13712340077', street: '丰台路9号', photoSeed: 171 })
    await syncNow(page)
    await review('start_review')
    await review('return', { items: [{ kind: 'field', ref: 'person.address.detail', note: '请写明门牌号' }], comment: '地址不完整' })
    await syncNow(page)
    await openList(page, 'returned')
    await page.waitForSelector(`[data-test="application-${receiptNo}"][data-status=returned]`)
  })

  it('is held while the push is under way, said so, and saved by itself once the push is over', async () => {
    // Fixed and resubmitted offline; then opened again from 待同步 to change one more thing.
    await goOffline(context)
    await listItem(page, receiptNo).click()
    await goToStep(page, '申请人')
    await fill(page, 'person.address.detail', '丰台路9号院3号楼')
    expect(await confirmSignAndSubmit(page, context)).toBe(receiptNo)
    const id = await editFromWaiting()
    // The push reaches the network and waits there; the server's answer will be a refusal.
    const { held, release: releasePush } = gate()
    await context.route('**/api/sync/push', async (route) => {
      await held
      const { mutations } = route.request().postDataJSON() as { mutations: Array<{ mutationId: string, applicationId: string }> }
      const results = mutations.map(m => ({ outcome: 'rejected', mutationId: m.mutationId, applicationId: m.applicationId, issues: [{ path: 'person.mobile', code: 'mobile.format' }] }))
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ results, serverTime: new Date().toISOString() }) })
    })
    const pushing = page.waitForRequest('**/api/sync/push', { timeout: 30_000 })
    await goOnline(context)
    await pushing
    await expect.poll(async () => (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === id)?.syncState).toBe('syncing')

    const occupation = page.locator('input[name="person.occupation"]')
    await occupation.fill('园艺师')
    await page.waitForSelector('[data-test=save-state]:has-text("这份申请正在同步，修改会在同步结束后自动保存")')
    expect((await deviceRecords(page, agent.id, 'applications')).find(a => a.id === id)!.data.person.occupation).not.toBe('园艺师')

    // Leaving now is asked about; staying keeps the change on screen.
    await page.click('.van-nav-bar__left')
    const dialog = page.locator('.van-dialog:visible')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('同步结束后会自动保存')
    await dialog.locator('.van-dialog__cancel').click()
    await dialog.waitFor({ state: 'hidden' })
    expect(new URL(page.url()).pathname).toMatch(/\/field\/enrol\//)

    // A photo retaken meanwhile is held with the change: stored on the tablet at once and shown.
    const record = async () => (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === id)!
    const backOf = (app: Record<string, any>): string => app.data.attachments.find((a: { kind: string }) => a.kind === 'id_back').id
    const oldBack = backOf(await record())
    const filesBefore = new Set((await deviceRecords(page, agent.id, 'attachments')).map(f => f.id))
    await goToStep(page, '申请材料')
    await page.waitForSelector('.enrol-wizard__body[data-step=materials]')
    await page.locator('[data-test=material-id_back] button', { hasText: '重拍' }).click()
    await page.setInputFiles('input[name=file-id_back]', { name: 'back-2.png', mimeType: 'image/png', buffer: demoPng(172, 1600, 1000) })
    await expect.poll(async () => (await deviceRecords(page, agent.id, 'attachments')).filter(f => !filesBefore.has(f.id)).map(f => f.kind)).toEqual(['id_back'])
    const newBack = (await deviceRecords(page, agent.id, 'attachments')).find(f => !filesBefore.has(f.id))!.id
    // Its preview, not 本机无副本 (the draft named it a moment before it was stored).
    await expect.poll(() => page.locator('[data-test=material-id_back] img').count()).toBe(1)
    await expect.poll(() => page.locator('[data-test=material-id_back] [data-test=material-elsewhere]').count()).toBe(0)
    expect(await page.locator('.van-toast:visible').count()).toBe(0)
    expect(backOf(await record())).toBe(oldBack)

    releasePush()
    await expect.poll(async () => (await record()).data.person.occupation, { timeout: 15_000 }).toBe('园艺师')
    expect(await record()).toMatchObject({ status: 'returned', syncState: 'rejected' })
    expect(backOf(await record())).toBe(newBack)
    await page.waitForSelector('[data-test=save-state]:has-text("已保存")')
    await context.unroute('**/api/sync/push')
  })

  it('typed during a push the server applies, is not saved but kept on the record, and shown on its page', async () => {
    // Resubmitted offline as it now stands (园艺师), then opened again to change the occupation once more.
    await goOffline(context)
    expect(await confirmSignAndSubmit(page, context)).toBe(receiptNo)
    const id = await editFromWaiting()
    // This time the push goes through to the server, once the change has been typed.
    const { held, release: releasePush } = gate()
    await context.route('**/api/sync/push', async (route) => {
      await held
      await route.continue()
    })
    const pushing = page.waitForRequest('**/api/sync/push', { timeout: 30_000 })
    await goOnline(context)
    await pushing
    await expect.poll(async () => (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === id)?.syncState).toBe('syncing')
    await page.locator('input[name="person.occupation"]').fill('花艺师')
    await page.waitForSelector('[data-test=save-state]:has-text("这份申请正在同步")')
    // And the back of the ID card taken again.
    const filesBefore = new Set((await deviceRecords(page, agent.id, 'attachments')).map(f => f.id))
    await goToStep(page, '申请材料')
    await page.waitForSelector('.enrol-wizard__body[data-step=materials]')
    await page.locator('[data-test=material-id_back] button', { hasText: '重拍' }).click()
    await page.setInputFiles('input[name=file-id_back]', { name: 'back-3.png', mimeType: 'image/png', buffer: demoPng(173, 1600, 1000) })
    await expect.poll(async () => (await deviceRecords(page, agent.id, 'attachments')).filter(f => !filesBefore.has(f.id)).length).toBe(1)

    releasePush()
    await page.waitForSelector('[data-test=save-state]:has-text("同步期间的修改未能保存")', { timeout: 15_000 })
    await expect.poll(async () => (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === id), { timeout: 15_000 }).toMatchObject({
      status: 'submitted',
      syncState: 'synced',
      data: { person: { occupation: '园艺师' } },
      supersededEdit: { kind: 'edit', data: { person: { occupation: '花艺师' } } },
    })
    await context.unroute('**/api/sync/push')

    // Leaving says the change was not saved; the application's page shows what it was.
    await page.click('.van-nav-bar__left')
    const dialog = page.locator('.van-dialog:visible')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('刚才的修改未能保存')
    await dialog.locator('.van-dialog__confirm').click()
    await page.waitForURL(/\/field$/)
    await openList(page, 'synced')
    await listItem(page, receiptNo).click()
    await page.waitForURL(/\/field\/applications\//)
    const unsent = page.locator('[data-test=detail-unsent-edit]')
    await unsent.waitFor()
    // The occupation as typed, and as the server holds it; the photo taken again, from the tablet.
    const rows = unsent.locator('.van-cell')
    expect(await rows.count()).toBe(3)
    expect(await rows.nth(1).textContent()).toBe('申请人 · 职业现为：园艺师花艺师')
    const photo = unsent.locator('[data-test=detail-unsent-file]')
    expect(await photo.textContent()).toContain('证件背面照片')
    expect(await photo.textContent()).toContain('新拍摄，未发送')
    await expect.poll(() => photo.locator('img').evaluate(img => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0)
  })
})
