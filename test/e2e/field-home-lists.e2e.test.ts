import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { useE2eSuite } from './support/e2e-suite'
import { enrolIndividual, fill, listItem, next, openList, signInOnField, startEnrolment, syncNow, waitForFirstSync } from './support/field-app'

/**
 * The tablet's home page: the five lists with their counts (a draft, one waiting for a
 * server that does not answer, one synced), each application opening where it can be
 * worked on, and the search — by name, mobile as the applicant says it, receipt number,
 * ID number — showing what it finds even when that is in another list than the one open;
 * and coming back from an application to the list and the search the agent left (which a
 * sign-out clears).
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('the home page\'s lists and search', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff
  let synced: string
  let waiting: string
  let draft: string
  const syncedId = makeResidentId('1975-03-09', 'male', { region: '110115' })

  const badge = (list: string) => page.locator(`.van-tab:has-text("${list}") .van-badge`)
  const search = (text: string) => page.fill('input[name=search]', text)
  /** The list the tab bar shows as open. */
  const activeList = () => page.locator('.van-tab--active').textContent()

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '大兴网点', regionCode: '110115' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)

    synced = await enrolIndividual(page, context, { name: '郭振东', idNumber: syncedId, mobile: '13733334444', street: '兴华大街1号', photoSeed: 101 })
    await syncNow(page)
    await page.click('[data-test=back-to-list]')
    // The server does not answer the push: this one waits.
    await context.route('**/api/sync/push', route => route.abort())
    waiting = await enrolIndividual(page, context, { name: '韩梅', idNumber: makeResidentId('1988-12-01', 'female', { region: '110115' }), mobile: '13733335555', street: '兴华大街2号', photoSeed: 103 })
    await page.click('[data-test=back-to-list]')
    await startEnrolment(page, '个人')
    draft = (await page.textContent('.enrol-wizard__body'))!.match(/[A-Z0-9]+-[A-Z0-9-]+/)![0]
    await next(page)
    await fill(page, 'person.name', '董小雪')
    await page.waitForTimeout(400)
    await page.click('.van-nav-bar__left')
    await page.waitForURL(/\/field$/)
  })

  it('each list holds its applications, with the count on its tab', async () => {
    await openList(page, 'drafts')
    await listItem(page, draft).waitFor()
    // Polled: each tab counts its own list, and the lists are read one after another.
    await expect.poll(() => badge('草稿').textContent()).toBe('1')
    await expect.poll(() => badge('待同步').textContent()).toBe('1')
    await expect.poll(() => badge('已同步').textContent()).toBe('1')
    expect(await page.locator(`.van-tab:has-text("需处理") .van-badge`).count()).toBe(0)
    // Beside the title, never over its last character; grey on lists that need nothing of the agent.
    for (const list of ['草稿', '待同步', '已同步']) {
      const placed = await badge(list).evaluate((element) => {
        const title = element.parentElement!
        const range = title.ownerDocument.createRange()
        range.selectNodeContents(title.firstChild!)
        const view = title.ownerDocument.defaultView!
        return { gap: element.getBoundingClientRect().left - range.getBoundingClientRect().right, background: view.getComputedStyle(element).backgroundColor }
      })
      expect(placed.gap, list).toBeGreaterThanOrEqual(0)
      expect(placed.background, list).toBe('rgb(100, 101, 102)')
    }
    await openList(page, 'waiting')
    expect(await listItem(page, waiting).getAttribute('data-sync-state')).toBe('queued')
    await openList(page, 'synced')
    expect(await listItem(page, synced).getAttribute('data-status')).toBe('submitted')
  })

  it('a draft opens in the wizard, a synced application in its detail', async () => {
    await openList(page, 'drafts')
    await listItem(page, draft).click()
    await page.waitForURL(/\/field\/enrol\//)
    await page.locator('[data-step=basic]').waitFor()
    expect(await page.textContent('.enrol-wizard__body')).toContain(draft)
    await page.click('.van-nav-bar__left')
    await openList(page, 'synced')
    await listItem(page, synced).click()
    await page.waitForURL(/\/field\/applications\//)
    await page.click('.van-nav-bar__left')
    await page.waitForURL(/\/field/)
  })

  it('the search finds by name, mobile as said, receipt number and ID number, and shows the list it is in', async () => {
    await openList(page, 'drafts')
    for (const typed of ['郭振', '+86 137 3333 4444', synced.toLowerCase(), syncedId.slice(-6).toLowerCase()]) {
      await openList(page, 'drafts')
      // The tabs swipe to the list for 300 ms: the agent reads it before typing.
      await page.waitForTimeout(400)
      await search(typed)
      await expect.poll(() => badge('已同步').textContent(), { message: typed }).toBe('1')
      expect(await badge('草稿').count(), typed).toBe(0)
      // What it found is on screen, not behind a tab left showing an empty list.
      await expect.poll(activeList, { message: typed }).toContain('已同步')
      await expect.poll(() => listItem(page, synced).isVisible(), { message: typed }).toBe(true)
    }
    await search('')
    await expect.poll(() => badge('草稿').textContent()).toBe('1')
  })

  it('back from an application, the list and the search are as the agent left them', async () => {
    await search('韩梅')
    await expect.poll(activeList).toContain('待同步')
    await listItem(page, waiting).click()
    await page.waitForURL(/\/field\/applications\//)
    await page.click('.van-nav-bar__left')
    await page.waitForURL(/\/field(\?.*)?$/)
    expect(await page.inputValue('input[name=search]')).toBe('韩梅')
    expect(await activeList()).toContain('待同步')
    await expect.poll(() => listItem(page, waiting).isVisible()).toBe(true)
  })

  it('after a sign-out, the next sign-in starts on 草稿 with no search', async () => {
    expect(await page.inputValue('input[name=search]')).toBe('韩梅')
    await page.click('[data-test=tab-device]')
    await page.click('[data-test=sign-out]')
    // Unsynced work waits: the app asks first.
    await page.click('.van-dialog__confirm')
    await page.waitForURL(/\/field\/sign-in/)
    await signInOnField(page, agent.username, agent.password)
    expect(await page.inputValue('input[name=search]')).toBe('')
    expect(await activeList()).toContain('草稿')
  })
})
