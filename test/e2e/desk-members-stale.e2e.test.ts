import type { Locator, Page } from 'playwright-core'
import type { ApiClient } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { signIn } from './support/api-client'
import { decideThroughApi, dialogsSettled, pushDemoApplications, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * A member operation refused because the copy on screen is no longer the member as it is:
 * someone else changed it (409 `request.version_conflict`). The answer carries the current
 * copy, which the page shows as it came: one audited view per refusal, and what was typed
 * for an operation still allowed kept for it.
 */

const chromiumPath = inject('chromiumPath')

interface MemberDetail { version: number, status: string, availableOperations: string[] }
interface AuditItem { detail: { cause?: string } }

describe.skipIf(!chromiumPath)('a member operation refused on a copy no longer current', () => {
  const suite = useE2eSuite()
  let page: Page
  let reviewerApi: ApiClient
  let changedId: string
  const dialog = (): Locator => page.locator('[data-test=operation-dialog]')

  function member(id: string): Promise<MemberDetail> {
    return reviewerApi.json<MemberDetail>(`/api/members/${id}`)
  }
  /** The member.view entries of the audit log for this member, oldest first. */
  async function views(id: string): Promise<AuditItem[]> {
    const answer = await suite.server.admin.json<{ items: AuditItem[] }>(`/api/admin/audit?action=member.view&targetId=${id}&pageSize=100`)
    return answer.items
  }
  async function openMember(id: string): Promise<void> {
    await page.goto(`/desk/members/${id}`)
    await page.locator('[data-test=member-status]').waitFor()
  }
  async function openOperation(operation: string): Promise<void> {
    await page.click(`[data-test=operation-${operation}]`)
    await dialog().waitFor()
  }
  async function approvedMember(applicationId: string): Promise<string> {
    const started = await decideThroughApi(reviewerApi, applicationId, 'start_review', 1)
    await decideThroughApi(reviewerApi, applicationId, 'approve', started.version)
    return (await reviewerApi.json<{ memberId: string }>(`/api/review/applications/${applicationId}`)).memberId
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '顺义网点' })
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    const reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id], displayName: '周审核' })
    reviewerApi = await signIn(suite.server.url, reviewer.username, reviewer.password)
    const [first] = await pushDemoApplications(suite.server, agent, site, [1])
    changedId = await approvedMember(first!.application.id)
    page = await (await suite.desk()).newPage()
    await signInOnDesk(page, reviewer.username, reviewer.password)
  })

  it('someone else changed the member first: the copy the 409 carries is shown, one audited view, not a second fetch', async () => {
    await openMember(changedId)
    await openOperation('freeze')
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
    await openOperation('freeze')
    expect(await dialog().locator('textarea[data-test=operation-reason]').inputValue()).toBe('会员资料待核实')
    await dialog().locator('[data-test=operation-dialog-cancel]').click()
    await dialog().waitFor({ state: 'hidden' })
  })
})
