import type { ServerCopy } from '#shared/sync/protocol'
import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import type { ReviewDesk } from './support/review-api'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { pushBody, resubmit } from '../support/sync-fixtures'
import { signIn } from './support/api-client'
import { goOffline, goOnline, waitForServiceWorkerControl } from './support/browser'
import { useE2eSuite } from './support/e2e-suite'
import { confirmSignAndSubmit, deviceRecords, enrolIndividual, fill, goToStep, listItem, openList, signInOnField, syncNow, waitForFirstSync } from './support/field-app'
import { reviewDesk } from './support/review-api'

/**
 * A conflict on the tablet whose edit is redone, end to end (field-conflict.e2e covers the
 * agent taking the server's side). A returned application is fixed and resubmitted offline;
 * meanwhile the agent fixes it from another of their devices, and the reviewer returns it
 * again. Back online, the sync meets the moved server: the tablet keeps its edit beside the
 * server's copy. The agent taps 修改后重新提交, redoes the change on what the server holds
 * now, and submits: the server has the redone change at the version after its copy's, and
 * the device holds an ordinary synced application — no conflict, nothing left in its outbox.
 */

const chromiumPath = inject('chromiumPath')

interface ReviewDetail { status: string, version: number, application: { person: { mobile: string, address: { detail: string } } } }

describe.skipIf(!chromiumPath)('redoing an edit after a conflict', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff
  let reviewer: E2eStaff
  let desk: ReviewDesk
  let receiptNo: string
  let applicationId: string
  /** The server's version when the tablet met the conflict. */
  let conflictVersion: number

  async function review(action: string, body?: unknown): Promise<{ version: number }> {
    return desk.act(receiptNo, action, body)
  }

  async function onServer(): Promise<ReviewDetail> {
    return desk.detail<ReviewDetail>(receiptNo)
  }

  async function storedRecord(): Promise<Record<string, any>> {
    return (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === applicationId)!
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '东城网点', regionCode: '110101' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
    desk = reviewDesk(suite.server.url, reviewer)
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    await waitForServiceWorkerControl(page)
    receiptNo = await enrolIndividual(page, context, { name: '袁梅', idNumber: makeResidentId('1984-12-01', 'female', { region: '110101' }), mobile: '13812345670', street: '东四北大街1号', photoSeed: 101 })
    await syncNow(page)
    applicationId = (await desk.item(receiptNo)).id
    await review('start_review')
    await review('return', { items: [{ kind: 'field', ref: 'person.address.detail', note: '请写明门牌号' }], comment: '地址不完整' })
    await syncNow(page)
    await openList(page, 'returned')
    await page.waitForSelector(`[data-test="application-${receiptNo}"][data-status=returned]`)
  })

  it('1. fixed offline on the tablet, while fixed from another device and returned again', async () => {
    await goOffline(context)
    await listItem(page, receiptNo).click()
    await goToStep(page, '申请人')
    await fill(page, 'person.address.detail', '东四北大街1号院2号楼')
    expect(await confirmSignAndSubmit(page, context)).toBe(receiptNo)

    // The agent's other device resubmits its own fix; the reviewer returns it again.
    const other = await signIn(suite.server.url, agent.username, agent.password)
    const copy = await other.json<ServerCopy>(`/api/sync/applications/${applicationId}`)
    const application = structuredClone(copy.application) as { person: { address: { detail: string } } }
    application.person.address.detail = '东四北大街1号院'
    const { results } = await other.json<{ results: Array<{ outcome: string }> }>('/api/sync/push', { method: 'POST', json: pushBody([resubmit(application as never, copy.version)]) })
    expect(results.map(r => r.outcome)).toEqual(['applied'])
    await review('start_review')
    conflictVersion = (await review('return', { items: [{ kind: 'field', ref: 'person.mobile', note: '号码停机' }], comment: '请核实手机号' })).version
    expect(conflictVersion).toBe(copy.version + 3)
  })

  it('2. back online, the sync meets the moved server: the edit is kept beside the server copy', async () => {
    await goOnline(context)
    await syncNow(page)
    await openList(page, 'attention')
    await expect.poll(() => listItem(page, receiptNo).getAttribute('data-sync-state')).toBe('conflict')
    await listItem(page, receiptNo).click()
    await page.locator('[data-test=conflict]').waitFor()
    expect(await page.textContent('[data-test=conflict-server-status]')).toContain(`退回补充（版本 ${conflictVersion}）`)
    expect(await page.textContent('[data-test=conflict]')).toContain('请核实手机号')
    // The tablet's edit is what the page shows, untouched.
    expect(await page.textContent('section')).toContain('东四北大街1号院2号楼')
    expect(await page.textContent('[data-test=edit]')).toContain('修改后重新提交')
  })

  it('3. the agent taps edit: the wizard opens on the tablet\'s own edit, to redo it', async () => {
    await page.click('[data-test=edit]')
    await page.waitForURL(/\/field\/enrol\//)
    await goToStep(page, '申请人')
    expect(await page.inputValue('textarea[name="person.address.detail"]')).toBe('东四北大街1号院2号楼')
  })

  // The wizard names the return the redone edit answers: the server copy's, the latest.
  it('3b. the wizard names what the latest return asks, not what the earlier one did', async () => {
    const items = page.locator('[data-test=return-items]')
    await expect.poll(() => items.textContent()).toContain('号码停机')
    expect(await items.textContent()).toContain('请核实手机号')
    expect(await items.textContent()).not.toContain('请写明门牌号')
  })

  it('4. the agent redoes the change on the server copy and submits', async () => {
    await fill(page, 'person.address.detail', '东四北大街1号院2号楼301室')
    await fill(page, 'person.mobile', '13812345679')
    expect(await confirmSignAndSubmit(page, context)).toBe(receiptNo)
  })

  it('5. the next sync applies it at the version after the server copy\'s, and the conflict is gone on the device', async () => {
    await syncNow(page)
    const after = await onServer()
    expect(after.status).toBe('submitted')
    expect(after.version).toBe(conflictVersion + 1)
    expect(after.application.person.address.detail).toBe('东四北大街1号院2号楼301室')
    expect(after.application.person.mobile).toBe('13812345679')

    await openList(page, 'synced')
    await expect.poll(() => listItem(page, receiptNo).getAttribute('data-sync-state')).toBe('synced')
    expect(await page.locator('[data-test=list-attention] [data-test^="application-"]').count()).toBe(0)
    await listItem(page, receiptNo).click()
    await expect.poll(() => page.textContent('[data-test=detail-sync-state]')).toContain('已同步')
    expect(await page.textContent('[data-test=detail-status]')).toContain('已提交')
    expect(await page.locator('[data-test=conflict]').count()).toBe(0)
    const stored = await storedRecord()
    expect(stored).toMatchObject({ syncState: 'synced', status: 'submitted', serverVersion: conflictVersion + 1, serverCopy: null })
    expect((await deviceRecords(page, agent.id, 'outbox')).filter(e => e.applicationId === applicationId)).toEqual([])
  })
})
