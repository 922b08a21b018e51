import type { BrowserContext, Page } from 'playwright-core'
import type { AdminApi, E2eStaff, SiteRecord } from './support/api-client'
import type { ReviewDesk } from './support/review-api'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { useE2eSuite } from './support/e2e-suite'
import { deviceRecords, enrolIndividual, listItem, openList, signInOnField, startEnrolment, syncNow, waitForFirstSync, wizardApplicationId } from './support/field-app'
import { reviewDesk } from './support/review-api'

/**
 * An agent's sites change while they stay signed in on the tablet. Moved off a site, the
 * tablet learns it at its next sync and answers as the server would, offline too: an
 * application taken there can no longer be withdrawn or fixed, and its page says why; moved
 * to a new site, the tablet offers it at once, without signing in again. A site closed by
 * the administrator is no longer offered for new applications, but what was taken there
 * still syncs: it may still be withdrawn.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('an agent whose sites change while signed in', () => {
  const suite = useE2eSuite()
  let admin: AdminApi
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff
  let desk: ReviewDesk
  let first: SiteRecord
  let second: SiteRecord
  let submitted: string
  let returned: string

  const assign = (siteIds: string[]) => admin.updateStaff(agent.id, { siteIds })
  const openDetail = async (list: 'synced' | 'returned', receiptNo: string) => {
    await openList(page, list)
    await listItem(page, receiptNo).click()
    if (list === 'returned') {
      await page.waitForURL(/\/field\/enrol\//)
      await page.click('[data-test=returned-detail]')
    }
    await page.waitForURL(/\/field\/applications\//)
    await page.locator('[data-test=detail-status]').waitFor()
  }

  beforeAll(async () => {
    admin = suite.server.admin
    first = await admin.createSite({ name: '大兴网点', regionCode: '110115' })
    second = await admin.createSite({ name: '房山网点', regionCode: '110111' })
    agent = await admin.createStaff({ role: 'field_agent', siteIds: [first.id] })
    const reviewer = await admin.createStaff({ role: 'reviewer', siteIds: [first.id, second.id] })
    desk = reviewDesk(suite.server.url, reviewer)
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    submitted = await enrolIndividual(page, context, { name: '龙飞', idNumber: makeResidentId('1985-02-03', 'male', { region: '110115' }), mobile: '13730001111', street: '兴华大街1号', photoSeed: 71 })
    await page.click('[data-test=back-to-list]')
    returned = await enrolIndividual(page, context, { name: '马丽', idNumber: makeResidentId('1991-09-10', 'female', { region: '110115' }), mobile: '13730002222', street: '兴华大街2号', photoSeed: 72 })
    await page.click('[data-test=back-to-list]')
    await syncNow(page)
    await desk.act(returned, 'start_review')
    await desk.act(returned, 'return', { items: [{ kind: 'field', ref: 'person.mobile' }] })
    await syncNow(page)
  })

  it('moved to another site: after a sync the new site is offered at once, without signing in again', async () => {
    await assign([second.id])
    await syncNow(page)
    await startEnrolment(page, '个人')
    const draft = (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === wizardApplicationId(page))!
    expect(draft.data.siteId).toBe(second.id)
    expect(draft.receiptNo.startsWith(`${second.code}-`)).toBe(true)
    await page.click('.van-nav-bar__left')
    await page.waitForURL(/\/field$/)
  })

  it('moved off the first site: its applications say so, and offer no withdrawal or fix', async () => {
    await openDetail('synced', submitted)
    await expect.poll(() => page.textContent('[data-test=detail-out-of-reach]')).toContain('您已不负责此申请所在的网点')
    expect(await page.locator('[data-test=withdraw]').count()).toBe(0)

    await openDetail('returned', returned)
    expect(await page.textContent('[data-test=detail-status]')).toContain('退回补充')
    expect(await page.locator('[data-test=detail-out-of-reach]').count()).toBe(1)
    expect(await page.locator('[data-test=withdraw]').count()).toBe(0)
    expect(await page.locator('[data-test=edit]').count()).toBe(0)
  })

  it('the first site closed but assigned again: new applications go to the open site only, and the old ones may be withdrawn', async () => {
    await admin.updateSite(first.id, { active: false })
    await assign([first.id, second.id])
    await syncNow(page)
    await openDetail('synced', submitted)
    expect(await page.locator('[data-test=detail-out-of-reach]').count()).toBe(0)
    await page.click('[data-test=withdraw]')
    await page.click('.van-dialog__confirm')
    await expect.poll(() => page.textContent('[data-test=detail-status]'), { timeout: 30_000 }).toContain('已撤回')
    expect((await desk.item(submitted)).status).toBe('withdrawn')

    // Only the open site: the agent is not asked to choose, and the draft is that site's.
    await page.click('.van-nav-bar__left')
    await page.waitForURL(/\/field$/)
    await startEnrolment(page, '个人')
    const draft = (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === wizardApplicationId(page))!
    expect(draft.data.siteId).toBe(second.id)
  })
})
