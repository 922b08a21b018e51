import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { signIn } from './support/api-client'
import { goOffline, goOnline, waitForServiceWorkerControl } from './support/browser'
import { useE2eSuite } from './support/e2e-suite'
import { confirmSignAndSubmit, deviceRecords, enrolIndividual, fill, fillAddress, goToStep, listItem, next, openList, signInOnField, startEnrolment, syncNow, takePhoto, waitForFirstSync } from './support/field-app'

/**
 * An application the server refused on sync, fixed on the tablet. The agent queues two
 * applications offline, both valid under the programme settings the device holds; meanwhile
 * an administrator publishes settings that require a portrait (本人照片) for 普通会员. On
 * sync the server refuses the one without a portrait — the device could not have known —
 * and takes the other in the same sync: one refused record never blocks the queue. The
 * refused one waits in 需处理 with the server's reason; the agent adds the portrait and
 * submits it again, and the next sync applies it.
 */

const chromiumPath = inject('chromiumPath')

interface ReviewDetail { id: string, status: string, application: { person: { name: string }, attachments: Array<{ kind: string }> } }

describe.skipIf(!chromiumPath)('fixing an application the server refused', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff
  let reviewer: E2eStaff
  let refused: string
  let accepted: string

  /** The review queue's copy of an application, or undefined when the server does not have it. */
  async function onServer(receiptNo: string): Promise<ReviewDetail | undefined> {
    const api = await signIn(suite.server.url, reviewer.username, reviewer.password)
    const list = await api.json<{ items: Array<{ id: string, receiptNo: string }> }>('/api/review/applications?pageSize=100')
    const item = list.items.find(i => i.receiptNo === receiptNo)
    return item && api.json<ReviewDetail>(`/api/review/applications/${item.id}?reveal=true`)
  }

  /** The device's outbox entries of an application, by receipt number. */
  async function outboxOf(receiptNo: string): Promise<Array<Record<string, any>>> {
    const application = (await deviceRecords(page, agent.id, 'applications')).find(a => a.receiptNo === receiptNo)!
    return (await deviceRecords(page, agent.id, 'outbox')).filter(e => e.applicationId === application.id)
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '石景山网点', regionCode: '110107' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    await waitForServiceWorkerControl(page)
  })

  it('1. offline, queues two applications valid under the settings it holds, one with a portrait', async () => {
    await goOffline(context)
    refused = await enrolIndividual(page, context, { name: '何立', idNumber: makeResidentId('1987-03-14', 'male', { region: '110107' }), mobile: '13911118888', street: '石景山路22号', photoSeed: 91 })
    await page.click('[data-test=tab-applications]')
    await startEnrolment(page, '个人')
    await next(page)
    await fill(page, 'person.name', '唐悦')
    await fill(page, 'person.idNumber', makeResidentId('1993-08-09', 'female', { region: '110107' }))
    await fill(page, 'person.mobile', '13911119999')
    await fillAddress(page, 'person.address', '鲁谷路5号')
    await page.click('[data-test="declined-person.email"]')
    await next(page)
    await takePhoto(page, 'id_front', 93)
    await takePhoto(page, 'id_back', 94)
    await takePhoto(page, 'portrait', 95)
    accepted = await confirmSignAndSubmit(page, context)

    await openList(page, 'waiting')
    for (const receipt of [refused, accepted])
      await expect.poll(() => listItem(page, receipt).getAttribute('data-sync-state')).toBe('queued')
  })

  it('2. the programme now requires a portrait: one sync, the server refuses the one without and takes the other', async () => {
    const current = await suite.server.admin.json<{ version: number, settings: ProgrammeSettings }>('/api/admin/programme')
    const settings = structuredClone(current.settings)
    settings.categories.find(c => c.code === 'standard')!.requiredMaterials.individual.push('portrait')
    await suite.server.admin.json('/api/admin/programme', { method: 'PUT', headers: { 'If-Match': `"${current.version}"` }, json: settings })

    await goOnline(context)
    await syncNow(page)
    // The refused one was queued first, so it went first: the other still got through.
    await openList(page, 'attention')
    await expect.poll(() => listItem(page, refused).getAttribute('data-sync-state')).toBe('rejected')
    expect(await page.locator('[data-test=list-attention] [data-test^="application-"]').count()).toBe(1)
    // Its count on the tab is the red one (the theme's danger red): this list waits on the agent.
    const count = page.locator('.van-tab:has-text("需处理") .van-badge')
    expect(await count.textContent()).toBe('1')
    expect(await count.evaluate(element => element.ownerDocument.defaultView!.getComputedStyle(element).backgroundColor)).toBe('rgb(217, 0, 27)')
    await openList(page, 'synced')
    await expect.poll(() => listItem(page, accepted).getAttribute('data-sync-state')).toBe('synced')
    expect((await onServer(accepted))?.status).toBe('submitted')
    expect(await onServer(refused)).toBeUndefined()
    // Set aside with its reason, not retried, not dropped; the accepted one's entry is done.
    expect(await outboxOf(refused)).toEqual([expect.objectContaining({ lastError: 'rejected', setAsideAt: expect.any(String) })])
    expect(await outboxOf(accepted)).toEqual([])
  })

  it('3. the agent opens it from 需处理, sees the server\'s reason, adds the portrait and submits again', async () => {
    await openList(page, 'attention')
    await listItem(page, refused).click()
    await page.waitForURL(/\/field\/enrol\//)
    const reasons = page.locator('[data-test=server-issues]')
    await expect.poll(() => reasons.textContent()).toBe('申请材料：缺少本人照片')
    expect(await page.getByText('服务器未接受此申请').isVisible()).toBe(true)

    // The device has the new settings now: the portrait is asked for like the ID photos.
    await goToStep(page, '申请材料')
    await expect.poll(() => page.locator('[data-test=material-portrait] .enrol-photo__tag').textContent()).toContain('必需')
    await takePhoto(page, 'portrait', 96)
    // The content changed after the applicant confirmed it: confirmation and signature again.
    expect(await confirmSignAndSubmit(page, context)).toBe(refused)
  })

  it('4. the next sync applies it: the server has it with the portrait, and nothing is left to fix', async () => {
    await syncNow(page)
    await openList(page, 'synced')
    await expect.poll(() => listItem(page, refused).getAttribute('data-sync-state')).toBe('synced')
    await openList(page, 'attention')
    expect(await page.locator('[data-test=list-attention] [data-test^="application-"]').count()).toBe(0)
    expect(await outboxOf(refused)).toEqual([])

    const copy = await onServer(refused)
    expect(copy?.status).toBe('submitted')
    expect(copy?.application.person.name).toBe('何立')
    expect(copy?.application.attachments.map(a => a.kind).sort()).toEqual(['id_back', 'id_front', 'portrait', 'signature'])
  })
})
