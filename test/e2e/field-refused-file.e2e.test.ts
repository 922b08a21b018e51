import type { BrowserContext, Page } from 'playwright-core'
import type { ApiClient, E2eStaff } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { signIn } from './support/api-client'
import { decideThroughApi } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'
import { confirmSignAndSubmit, deviceRecords, enrolIndividual, goToStep, listItem, openList, signInOnField, syncNow, takePhoto, waitForFirstSync, wizardApplicationId } from './support/field-app'

/**
 * A photo the server will not take. The tablet enrols an applicant; at sync the server
 * refuses the ID card's back (as it refuses bytes that no longer match their hash: the
 * refusal is made in the browser's network, the app is unchanged). The application arrives
 * without it, and the tablet names the file and the server's reason on the application's
 * page rather than only "a file is still missing". The reviewer returns it asking for the
 * photo; the tablet lists it under 退回补充 and opens it for the fix, which counts as unsynced
 * work until resubmitted; the retaken photo arrives, and the refusal is gone.
 */

const chromiumPath = inject('chromiumPath')
const REFUSAL = '上传内容与其SHA-256校验值不符'

interface ReviewDetail { id: string, version: number, status: string, attachmentsComplete: boolean, application: { attachments: Array<{ kind: string, sha256: string }> } }

describe.skipIf(!chromiumPath)('a file the server refuses', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff
  let desk: ApiClient
  let receiptNo: string
  let refusedSha: string

  async function onServer(): Promise<ReviewDetail> {
    const list = await desk.json<{ items: Array<{ id: string, receiptNo: string }> }>('/api/review/applications?pageSize=100')
    const item = list.items.find(i => i.receiptNo === receiptNo)!
    return desk.json<ReviewDetail>(`/api/review/applications/${item.id}`)
  }

  async function deviceRecord(): Promise<Record<string, any>> {
    return (await deviceRecords(page, agent.id, 'applications')).find(a => a.receiptNo === receiptNo)!
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '门头沟网点', regionCode: '110109' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    const reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
    desk = await signIn(suite.server.url, reviewer.username, reviewer.password)
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
  })

  it('1. the server refuses one photo: the application arrives without it, and its page names the file and why', async () => {
    receiptNo = await enrolIndividual(page, context, { name: '乔木', idNumber: makeResidentId('1982-04-18', 'male', { region: '110109' }), mobile: '13622223333', street: '新桥大街8号', photoSeed: 131 })
    const back = (await deviceRecords(page, agent.id, 'attachments')).find(file => file.kind === 'id_back')!
    refusedSha = String(back.sha256)
    await context.route(`**/api/attachments/${refusedSha}`, route => route.request().method() === 'PUT'
      ? route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'attachment.hash_mismatch', message: 'hash mismatch' } }) })
      : route.fallback())

    await syncNow(page)
    const stored = await onServer()
    expect(stored.status).toBe('submitted')
    expect(stored.attachmentsComplete).toBe(false)

    // Still waiting (the server waits for the file too), and the page says which and why.
    await openList(page, 'waiting')
    await listItem(page, receiptNo).click()
    await page.waitForURL(/\/field\/applications\//)
    const refused = page.locator('[data-test=detail-file-refused]')
    await expect.poll(() => refused.count()).toBe(1)
    expect(await refused.textContent()).toContain('证件背面照片')
    expect(await refused.textContent()).toContain(REFUSAL)
  })

  it('2. returned for that photo: listed under 退回补充 and opened for the fix, which counts as unsynced until resubmitted', async () => {
    const stored = await onServer()
    const started = await decideThroughApi(desk, stored.id, 'start_review', stored.version)
    await decideThroughApi(desk, stored.id, 'return', started.version, { items: [{ kind: 'material', ref: 'id_back', note: '照片未收到' }], comment: '请重新拍摄证件反面' })

    await syncNow(page)
    await openList(page, 'returned')
    await expect.poll(() => listItem(page, receiptNo).getAttribute('data-sync-state')).toBe('synced')
    await listItem(page, receiptNo).click()
    await page.waitForURL(/\/field\/enrol\//)
    expect(wizardApplicationId(page)).toBe((await deviceRecord()).id)

    await context.unroute(`**/api/attachments/${refusedSha}`)
    await goToStep(page, '申请材料')
    // Editable: the photo can be taken again (the wizard opened this record read-only before).
    await page.click('[data-test=remove-id_back]')
    await takePhoto(page, 'id_back', 140)
    await expect.poll(async () => (await deviceRecord()).unsentFix).toBe(true)
    expect((await deviceRecord()).syncState).toBe('synced')
  })

  it('3. resubmitted: the new photo arrives, the application is complete, and nothing is left refused', async () => {
    expect(await confirmSignAndSubmit(page, context)).toBe(receiptNo)
    expect((await deviceRecord()).unsentFix).toBeUndefined()
    await syncNow(page)
    const stored = await onServer()
    expect(stored.status).toBe('submitted')
    expect(stored.attachmentsComplete).toBe(true)
    expect(stored.application.attachments.find(a => a.kind === 'id_back')!.sha256).not.toBe(refusedSha)

    await openList(page, 'synced')
    await expect.poll(() => listItem(page, receiptNo).getAttribute('data-sync-state')).toBe('synced')
    await listItem(page, receiptNo).click()
    await page.waitForURL(/\/field\/applications\//)
    await page.locator('[data-test=detail-status]').waitFor()
    expect(await page.locator('[data-test=detail-file-refused]').count()).toBe(0)
    expect((await deviceRecord()).fileRefusals).toBeUndefined()
  })
})
