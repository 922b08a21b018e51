import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { Locator, Page } from 'playwright-core'
import type { ApiClient } from './support/api-client'
import { join } from 'node:path'
import { addDays, todayInChina } from '#shared/dates/calendar'
import { renewedTerm } from '#shared/members/membership-term'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { signIn } from './support/api-client'
import { dialogsSettled, pushDemoApplications, signInOnDesk } from './support/desk-app'
import { approvedMember, openMember, openOperation, operationDialog } from './support/desk-members'
import { useE2eSuite } from './support/e2e-suite'

/**
 * A member operation refused because the copy on screen is no longer the member as it is:
 * someone else changed it (409 `request.version_conflict`), or its standing moved on with
 * its version kept — it expired since the page was loaded (409 `member.operation_not_allowed`).
 * Both answers carry the current copy, which the page shows as it came: one audited view per
 * refusal, the buttons of what the member allows now, and what was typed for an operation
 * still allowed kept for it.
 */

const chromiumPath = inject('chromiumPath')

interface MemberDetail { version: number, status: string, validFrom: string, validUntil: string, availableOperations: string[] }
interface AuditItem { detail: { cause?: string } }

describe.skipIf(!chromiumPath)('a member operation refused on a copy no longer current', () => {
  const suite = useE2eSuite()
  let page: Page
  let reviewerApi: ApiClient
  let changedId: string
  let expiringId: string
  let renewedId: string
  let colleagueApi: ApiClient
  const dialog = (): Locator => operationDialog(page)

  function member(id: string): Promise<MemberDetail> {
    return reviewerApi.json<MemberDetail>(`/api/members/${id}`)
  }
  /** The member.view entries of the audit log for this member, oldest first. */
  async function views(id: string): Promise<AuditItem[]> {
    const answer = await suite.server.admin.json<{ items: AuditItem[] }>(`/api/admin/audit?action=member.view&targetId=${id}&pageSize=100`)
    return answer.items
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '顺义网点' })
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    const reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id], displayName: '周审核' })
    reviewerApi = await signIn(suite.server.url, reviewer.username, reviewer.password)
    const colleague = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id], displayName: '吴审核' })
    colleagueApi = await signIn(suite.server.url, colleague.username, colleague.password)
    const [first, second, third] = await pushDemoApplications(suite.server, agent, site, [1, 2, 3])
    changedId = await approvedMember(reviewerApi, first!.application.id)
    expiringId = await approvedMember(reviewerApi, second!.application.id)
    renewedId = await approvedMember(reviewerApi, third!.application.id)
    page = await (await suite.desk()).newPage()
    await signInOnDesk(page, reviewer.username, reviewer.password)
  })

  it('someone else changed the member first: the copy the 409 carries is shown, one audited view, not a second fetch', async () => {
    await openMember(page, changedId)
    await openOperation(page, 'freeze')
    await dialog().locator('textarea[data-test=operation-reason]').fill('会员资料待核实')
    await reviewerApi.json(`/api/members/${changedId}/actions/issue_card`, { method: 'POST', headers: { 'If-Match': `"${(await member(changedId)).version}"` }, json: {} })
    const before = (await views(changedId)).length

    await dialog().locator('[data-test=operation-submit]').click()
    await page.waitForSelector('[data-test=conflict]')
    await dialog().waitFor({ state: 'hidden' })
    await expect.poll(() => page.locator('[data-test=card-status]').getAttribute('data-status')).toBe('issued')
    await dialogsSettled(page)
    // The server's answer was the view: a fetch on top of it would log the member seen twice for one refusal.
    const after = await views(changedId)
    expect(after.length - before).toBe(1)
    expect(after.some(entry => entry.detail.cause === 'version_conflict')).toBe(true)
    // Still allowed, so the reason typed waits for it.
    await openOperation(page, 'freeze')
    expect(await dialog().locator('textarea[data-test=operation-reason]').inputValue()).toBe('会员资料待核实')
    await dialog().locator('[data-test=operation-dialog-cancel]').click()
    await dialog().waitFor({ state: 'hidden' })
  })

  it('the member expired since the page was loaded: the buttons become what it allows now, and a renewal note typed meanwhile is kept', async () => {
    await openMember(page, expiringId)
    expect(await page.locator('[data-test=member-status]').getAttribute('data-status')).toBe('active')
    // A renewal note typed and put aside, then a freeze begun.
    await openOperation(page, 'renew')
    await dialog().locator('textarea[data-test=operation-note]').fill('会员电话预约续期')
    await page.keyboard.press('Escape')
    await dialog().waitFor({ state: 'hidden' })
    await dialogsSettled(page)
    await openOperation(page, 'freeze')
    await dialog().locator('textarea[data-test=operation-reason]').fill('会员资料待核实')

    // Its validity runs out meanwhile: a fact of the calendar, so its version stays as it was.
    const version = (await member(expiringId)).version
    const db = new Database(join(suite.server.dataDir, 'field-enrol.sqlite'))
    try {
      db.pragma('busy_timeout = 5000')
      db.prepare('update members set valid_until = ? where id = ?').run(addDays(todayInChina(), -10), expiringId)
    }
    finally {
      db.close()
    }
    expect(await member(expiringId)).toMatchObject({ version, status: 'expired' })
    const before = (await views(expiringId)).length

    await dialog().locator('[data-test=operation-submit]').click()
    await dialog().waitFor({ state: 'hidden' })
    const banner = page.locator('[data-test=conflict]')
    await expect.poll(() => banner.getAttribute('data-cause')).toBe('standing')
    expect(await banner.textContent()).toContain('会员状态已变化')
    expect(await page.locator('[data-test=conflict-lost]').textContent()).toContain('现为“已过期”')
    expect(await page.locator('[data-test=conflict-lost]').textContent()).toContain('已不能“冻结”')
    // The page shows the member as it stands now, without a reload: expired, no freeze, renewal offered.
    expect(await page.locator('[data-test=member-status]').getAttribute('data-status')).toBe('expired')
    expect(await page.locator('[data-test=operation-freeze]').count()).toBe(0)
    expect(await page.locator('[data-test=operation-issue_card]').count()).toBe(0)
    expect(await page.locator('[data-test=operation-renew]').count()).toBe(1)
    const after = await views(expiringId)
    expect(after.length - before).toBe(1)
    expect(after.some(entry => entry.detail.cause === 'operation_not_allowed')).toBe(true)

    // Renewal is still allowed: the note typed for it waits there. Lapsed, it would run again
    // from today (the server's renewedTerm), not on from the day it ended.
    await dialogsSettled(page)
    await openOperation(page, 'renew')
    expect(await dialog().locator('textarea[data-test=operation-note]').inputValue()).toBe('会员电话预约续期')
    const lapsed = await member(expiringId)
    const { settings } = await suite.server.admin.json<{ settings: ProgrammeSettings }>('/api/admin/programme')
    const fromToday = renewedTerm(lapsed, todayInChina(), settings.membershipTermYears).validUntil
    expect(fromToday).not.toBe(renewedTerm(lapsed, lapsed.validUntil, settings.membershipTermYears).validUntil)
    await expect.poll(() => dialog().locator('[data-test=operation-renews-until]').textContent()).toBe(fromToday)
    await dialog().locator('[data-test=operation-dialog-cancel]').click()
    await dialog().waitFor({ state: 'hidden' })
  })

  it('a colleague renewed the member while this renewal was typed: the banner says who and when, lest it be renewed (and paid) twice', async () => {
    await openMember(page, renewedId)
    await openOperation(page, 'renew')
    await dialog().locator('input[data-test=operation-amount]').fill('30')
    await dialog().locator('input[data-test=operation-receipt]').fill('XJ-2026-0107')
    await colleagueApi.json(`/api/members/${renewedId}/actions/renew`, { method: 'POST', headers: { 'If-Match': `"${(await member(renewedId)).version}"` }, json: { fee: { amountFen: 3000, method: 'cash', receiptNo: 'XJ-2026-0107' } } })

    await dialog().locator('[data-test=operation-submit]').click()
    await dialog().waitFor({ state: 'hidden' })
    const meanwhile = page.locator('[data-test=conflict-done-meanwhile]')
    await expect.poll(() => meanwhile.textContent()).toContain('吴审核 已于')
    expect(await meanwhile.textContent()).toContain('办理了“续期”')
    // Renewed once: the draft is still there to send, should the member really have paid twice.
    expect((await member(renewedId)).validUntil).toBe((await colleagueApi.json<MemberDetail>(`/api/members/${renewedId}`)).validUntil)
    await dialogsSettled(page)
    await openOperation(page, 'renew')
    expect(await dialog().locator('input[data-test=operation-receipt]').inputValue()).toBe('XJ-2026-0107')
    await dialog().locator('[data-test=operation-dialog-cancel]').click()
    await dialog().waitFor({ state: 'hidden' })
  })

  it('someone else changed the member in another way: no word of the operation being done already', async () => {
    await openMember(page, renewedId)
    await openOperation(page, 'freeze')
    await dialog().locator('textarea[data-test=operation-reason]').fill('会员资料待核实')
    await colleagueApi.json(`/api/members/${renewedId}/actions/issue_card`, { method: 'POST', headers: { 'If-Match': `"${(await member(renewedId)).version}"` }, json: {} })
    await dialog().locator('[data-test=operation-submit]').click()
    await page.waitForSelector('[data-test=conflict]')
    expect(await page.locator('[data-test=conflict-done-meanwhile]').count()).toBe(0)
    await dialogsSettled(page)
  })
})
