import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import type { ReviewDesk } from './support/review-api'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { goOffline, goOnline, waitForServiceWorkerControl } from './support/browser'
import { useE2eSuite } from './support/e2e-suite'
import { deviceRecords, enrolIndividual, fill, listItem, next, openList, signInOnField, startEnrolment, syncNow, waitForFirstSync, wizardApplicationId } from './support/field-app'
import { reviewDesk } from './support/review-api'

/**
 * Signing out of the tablet with unsynced work (设备 → 退出登录). A confirmation names how
 * many applications are not synced and says they stay on the device; cancelling keeps the
 * session as it was. Confirming signs out, and the work is still in the user's database on
 * the device: signing back in shows it, and it syncs from there. Offline first (an
 * application waiting to sync and a draft), then online with the draft left.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('signing out with unsynced work', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff
  let reviewer: E2eStaff
  let desk: ReviewDesk
  let queued: string
  let draftId: string

  const dialog = () => page.locator('.van-dialog:visible')

  async function askToSignOut(): Promise<void> {
    await page.click('[data-test=tab-device]')
    await page.waitForURL(/\/field\/device$/)
    await page.click('[data-test=sign-out]')
    await dialog().waitFor()
  }

  async function submittedOnServer(receiptNo: string): Promise<string | undefined> {
    return (await desk.find(receiptNo))?.status
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '通州网点', regionCode: '110112' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id], displayName: '孙外勤' })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
    desk = reviewDesk(suite.server.url, reviewer)
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    await waitForServiceWorkerControl(page)
  })

  it('1. offline, one application waits to sync and a draft is begun: two not synced', async () => {
    await goOffline(context)
    queued = await enrolIndividual(page, context, { name: '韩冰', idNumber: makeResidentId('1990-10-10', 'female', { region: '110112' }), mobile: '13712340001', street: '新华大街3号', photoSeed: 111 })
    await page.click('[data-test=tab-applications]')
    await startEnrolment(page, '个人')
    draftId = wizardApplicationId(page)
    await next(page)
    await fill(page, 'person.name', '邵阳')
    await page.waitForSelector('[data-test=save-state]:has-text("已保存")')
    await page.click('.van-nav-bar__left')
    await expect.poll(() => page.locator('[data-test=sync-chip]').textContent()).toContain('离线 · 2 条未同步')
  })

  it('2. signing out names the two and says they stay; cancelling keeps the session', async () => {
    await askToSignOut()
    expect(await dialog().textContent()).toContain('还有 2 条申请尚未同步。退出后它们仍保存在本设备上')
    await dialog().locator('.van-dialog__cancel').click()
    await dialog().waitFor({ state: 'hidden' })
    await page.waitForTimeout(300)
    expect(new URL(page.url()).pathname).toBe('/field/device')
    expect(await page.textContent('[data-test=device-user]')).toContain('孙外勤')
    await openList(page, 'waiting')
    expect(await listItem(page, queued).getAttribute('data-sync-state')).toBe('queued')
  })

  it('3. confirming signs out; the work stays in the user\'s database on the device', async () => {
    await askToSignOut()
    await dialog().locator('.van-dialog__confirm').click()
    await page.waitForURL(/\/field\/sign-in/)
    // No way back in without signing in.
    await page.goBack()
    await page.waitForTimeout(300)
    expect(new URL(page.url()).pathname).toBe('/field/sign-in')

    const records = await deviceRecords(page, agent.id, 'applications')
    expect(records.map(r => [r.receiptNo === queued ? 'queued' : r.id === draftId ? 'draft' : r.id, r.syncState]).sort()).toEqual([['draft', 'draft'], ['queued', 'queued']])
    const outbox = await deviceRecords(page, agent.id, 'outbox')
    expect(outbox.map(e => [e.kind, e.setAsideAt])).toEqual([['submit', null]])
  })

  it('4. signing back in (offline) shows the work still there; online again, it syncs', async () => {
    await signInOnField(page, agent.username, agent.password)
    await openList(page, 'waiting')
    await expect.poll(() => listItem(page, queued).getAttribute('data-sync-state')).toBe('queued')
    await openList(page, 'drafts')
    expect(await page.locator('[data-test=list-drafts] [data-test^="application-"]').textContent()).toContain('邵阳')
    await expect.poll(() => page.locator('[data-test=sync-chip]').textContent()).toContain('离线 · 2 条未同步')

    await goOnline(context)
    await syncNow(page)
    await openList(page, 'synced')
    await expect.poll(() => listItem(page, queued).getAttribute('data-sync-state')).toBe('synced')
    expect(await submittedOnServer(queued)).toBe('submitted')
    await expect.poll(() => page.locator('[data-test=sync-chip]').textContent()).toContain('1 条未同步')
  })

  it('5. online, with a draft left: signing out says so, and the next sign-in finds the draft', async () => {
    await askToSignOut()
    expect(await dialog().textContent()).toContain('还有 1 条申请尚未同步')
    await dialog().locator('.van-dialog__confirm').click()
    await page.waitForURL(/\/field\/sign-in/)
    expect((await deviceRecords(page, agent.id, 'applications')).find(r => r.id === draftId)?.data.person.name).toBe('邵阳')

    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    await openList(page, 'drafts')
    const draft = page.locator('[data-test=list-drafts] [data-test^="application-"]')
    expect(await draft.count()).toBe(1)
    await draft.click()
    await page.waitForURL(new RegExp(`/field/enrol/${draftId}`))
    await page.click('.van-tab:has-text("申请人")')
    expect(await page.inputValue('input[name="person.name"]')).toBe('邵阳')
  })
})
