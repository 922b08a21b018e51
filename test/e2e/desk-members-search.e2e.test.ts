import type { Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import type { ApiClient } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { signIn } from './support/api-client'
import { chooseOption, decideThroughApi, DESKTOP_VIEWPORT, endDeskSession, horizontalScrollThumb, pushDemoApplications, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * The members list (会员) searched and paged as a desk user works it: 23 members, 20 to a
 * page. Paging forward and back shows each member once, the page in the URL; a search typed
 * and sent with Enter (a member-number prefix in lower case, a mobile with +86 and spaces, an
 * ID number) finds what the server finds and starts again at page 1, and one typed before a
 * standing is chosen is searched with it, not dropped; the search and the page
 * are kept in the URL, through a member opened and 返回, and through the menu; clearing
 * the box shows everyone again. On a laptop's window the page of 20 scrolls inside the table,
 * its sideways scroll bar and the pager in view.
 */

const chromiumPath = inject('chromiumPath')

const COUNT = 23

describe.skipIf(!chromiumPath)('members list: search and pages', () => {
  const suite = useE2eSuite()
  let page: Page
  let reviewerApi: ApiClient
  let demos: DemoApplication[]
  let memberNos: string[]
  let reviewer: { username: string, password: string }
  let siteId: string

  const rows = () => page.locator('[data-test=member-row]')
  const searchBox = () => page.locator('input[data-test=members-search]')
  async function shownMemberNos(): Promise<string[]> {
    return rows().evaluateAll(elements => elements.map(element => element.getAttribute('data-member-no') ?? ''))
  }
  async function search(text: string): Promise<void> {
    await searchBox().fill(text)
    await searchBox().press('Enter')
  }
  function query(): URLSearchParams {
    return new URL(page.url()).searchParams
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '昌平网点' })
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    siteId = site.id
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
    reviewerApi = await signIn(suite.server.url, reviewer.username, reviewer.password)
    demos = await pushDemoApplications(suite.server, agent, site, Array.from({ length: COUNT }, (_, i) => i + 1))
    memberNos = []
    for (const demo of demos) {
      const started = await decideThroughApi(reviewerApi, demo.application.id, 'start_review', 1)
      await decideThroughApi(reviewerApi, demo.application.id, 'approve', started.version)
      memberNos.push((await reviewerApi.json<{ memberNo: string }>(`/api/review/applications/${demo.application.id}`)).memberNo)
    }
    page = await (await suite.desk()).newPage()
    await signInOnDesk(page, reviewer.username, reviewer.password)
  })

  it('pages forward and back: 20 then 3, each member once, the page in the URL', async () => {
    await page.click('[data-test=menu-members]')
    await page.waitForURL(/\/desk\/members/)
    await expect.poll(() => rows().count()).toBe(20)
    expect(await page.locator('.desk-members__pages .el-pagination__total').textContent()).toContain(String(COUNT))
    const first = await shownMemberNos()

    await page.locator('.desk-members__pages .btn-next').click()
    await page.waitForURL(/page=2/)
    await expect.poll(() => rows().count()).toBe(COUNT - 20)
    const second = await shownMemberNos()
    expect([...first, ...second].sort()).toEqual([...memberNos].sort())

    await page.locator('.desk-members__pages .btn-prev').click()
    await expect.poll(() => query().has('page')).toBe(false)
    await expect.poll(() => shownMemberNos()).toEqual(first)
    // A reload of page 2 shows page 2.
    await page.goto('/desk/members?page=2')
    await expect.poll(() => shownMemberNos()).toEqual(second)
    expect(await page.locator('.desk-members__pages .number.is-active').textContent()).toBe('2')
  })

  it('searches by member-number prefix, mobile and ID number, starting again at page 1', async () => {
    // From page 2: a search starts at the first page of its answer.
    await page.goto('/desk/members?page=2')
    await expect.poll(() => rows().count()).toBe(COUNT - 20)
    const prefix = memberNos[0]!.slice(0, -1)
    const expected = memberNos.filter(no => no.startsWith(prefix)).sort()
    await search(prefix.toLowerCase())
    await expect.poll(() => query().get('q')).toBe(prefix.toLowerCase())
    expect(query().has('page')).toBe(false)
    await expect.poll(async () => (await shownMemberNos()).sort()).toEqual(expected.slice(0, 20))

    const applicant = demos[6]!.application
    if (applicant.applicantType === 'organisation')
      throw new Error('demo application 7 is expected to be a person\'s')
    const mobile = applicant.person.mobile
    await search(`+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`)
    await expect.poll(() => shownMemberNos()).toEqual([memberNos[6]])

    await search(applicant.person.idNumber.toLowerCase())
    await expect.poll(() => shownMemberNos()).toEqual([memberNos[6]])
    // The box shows what was searched.
    expect(await searchBox().inputValue()).toBe(applicant.person.idNumber.toLowerCase())

    await search('13800000000')
    await expect.poll(() => page.locator('[data-test=members-table] .el-table__empty-text').textContent()).toContain('没有会员')
  })

  it('keeps a search by ID number or mobile out of the address (and so out of the browser\'s history), held in the tab through a reload, a member opened and 返回, and the menu', async () => {
    const applicant = demos[6]!.application
    if (applicant.applicantType === 'organisation')
      throw new Error('demo application 7 is expected to be a person\'s')
    const { idNumber, mobile } = applicant.person
    const inAddress = () => decodeURIComponent(page.url())
    // Nor in the URLs of the API requests the page makes (a proxy's access log keeps those).
    const requested: string[] = []
    const noteRequest = (request: { url: () => string }): void => {
      if (request.url().includes('/api/'))
        requested.push(decodeURIComponent(request.url()))
    }
    page.on('request', noteRequest)
    await page.goto('/desk/members')
    await expect.poll(() => rows().count()).toBe(20)

    await search(idNumber)
    await expect.poll(() => shownMemberNos()).toEqual([memberNos[6]])
    expect(query().has('q')).toBe(false)
    expect(inAddress()).not.toContain(idNumber)
    expect(inAddress()).not.toContain(idNumber.slice(-8))

    await page.reload()
    await expect.poll(() => shownMemberNos()).toEqual([memberNos[6]])
    expect(await searchBox().inputValue()).toBe(idNumber)

    await rows().first().click()
    await page.waitForURL(/\/desk\/members\/[^?]+$/)
    await page.click('[data-test=back-to-members]')
    await page.waitForURL(/\/desk\/members\?/)
    await expect.poll(() => shownMemberNos()).toEqual([memberNos[6]])
    expect(inAddress()).not.toContain(idNumber)

    await search(mobile)
    await expect.poll(() => shownMemberNos()).toEqual([memberNos[6]])
    expect(inAddress()).not.toContain(mobile)
    await page.goto('/desk')
    await page.click('[data-test=menu-members]')
    await page.waitForURL(/\/desk\/members\?/)
    await expect.poll(() => shownMemberNos()).toEqual([memberNos[6]])
    expect(await searchBox().inputValue()).toBe(mobile)
    expect(inAddress()).not.toContain(mobile)
    page.off('request', noteRequest)
    expect(requested.filter(url => url.includes('/api/members')).length).toBeGreaterThan(2)
    expect(requested.filter(url => url.includes(idNumber) || url.includes(mobile))).toEqual([])

    // A member number goes into the address as before; the held search is gone.
    await search(memberNos[3]!)
    await expect.poll(() => query().get('q')).toBe(memberNos[3])
    await expect.poll(() => shownMemberNos()).toEqual([memberNos[3]])
  })

  it('a search typed and then a standing chosen, without Enter, searches with both: the typed text is not dropped', async () => {
    await page.goto('/desk/members')
    await expect.poll(() => rows().count()).toBe(20)
    await searchBox().fill(memberNos[4]!)
    await chooseOption(page, 'members-status', '正常')
    await expect.poll(() => query().get('status')).toBe('active')
    expect(query().get('q')).toBe(memberNos[4])
    expect(await searchBox().inputValue()).toBe(memberNos[4])
    await expect.poll(() => shownMemberNos()).toEqual([memberNos[4]])
  })

  it('keeps the search and the page through a member opened and 返回, and through the menu; clearing shows everyone', async () => {
    const prefix = memberNos[0]!.slice(0, 2)
    await search(prefix)
    await expect.poll(() => rows().count()).toBe(20)
    await page.locator('.desk-members__pages .btn-next').click()
    await page.waitForURL(/page=2/)
    await expect.poll(() => rows().count()).toBe(COUNT - 20)
    const second = await shownMemberNos()

    await rows().first().click()
    await page.waitForURL(/\/desk\/members\/[^?]+$/)
    await page.click('[data-test=back-to-members]')
    await page.waitForURL(/page=2/)
    expect(query().get('q')).toBe(prefix)
    await expect.poll(() => shownMemberNos()).toEqual(second)
    expect(await searchBox().inputValue()).toBe(prefix)

    await page.goto('/desk')
    await page.click('[data-test=menu-members]')
    await page.waitForURL(/\/desk\/members\?/)
    expect(query().get('q')).toBe(prefix)
    expect(query().get('page')).toBe('2')
    await expect.poll(() => shownMemberNos()).toEqual(second)

    // The box's clear button: everyone, from page 1.
    await searchBox().hover()
    await page.locator('.desk-members__search .el-input__clear').click()
    await expect.poll(() => query().has('q')).toBe(false)
    expect(query().has('page')).toBe(false)
    await expect.poll(() => rows().count()).toBe(20)
  })

  it('on a laptop\'s window a page of 20 scrolls in the table, not the page: its sideways scroll bar and the pager in view', async () => {
    const table = page.locator('[data-test=members-table]')
    await page.setViewportSize({ width: 1280, height: 800 })
    try {
      await page.goto('/desk/members')
      for (const language of ['zh-CN', 'en'] as const) {
        await page.click(`[data-test=locale-${language}]`)
        await expect.poll(() => rows().count()).toBe(20)
        // Wider than the card at 1280: it scrolls sideways, and its bar is on screen without
        // scrolling the page down (once it was at the foot of the 20 rows, below the fold).
        await expect.poll(async () => {
          const thumb = await horizontalScrollThumb(table)
          return thumb ? thumb.y + thumb.height : Number.POSITIVE_INFINITY
        }, { timeout: 3_000, message: `${language}: the scroll bar's foot` }).toBeLessThanOrEqual(800)
        const pager = (await page.locator('.desk-members__pages').boundingBox())!
        expect(pager.y + pager.height, `${language}: the pager's foot`).toBeLessThanOrEqual(800)
        const overflow = await page.evaluate(() => {
          const w = globalThis as unknown as { innerWidth: number, innerHeight: number, document: { documentElement: { scrollWidth: number, scrollHeight: number } } }
          return { wider: w.document.documentElement.scrollWidth - w.innerWidth, taller: w.document.documentElement.scrollHeight - w.innerHeight }
        })
        expect(overflow, language).toEqual({ wider: 0, taller: 0 })
      }
    }
    finally {
      await page.setViewportSize({ ...DESKTOP_VIEWPORT })
    }
  })

  it('a search held in the tab (a mobile) is not handed to someone else signing in there after the session ended; the same person finds it', async () => {
    const applicant = demos[6]!.application
    if (applicant.applicantType === 'organisation')
      throw new Error('demo application 7 is expected to be a person\'s')
    const { mobile } = applicant.person
    await page.goto('/desk/members')
    await search(mobile)
    await expect.poll(() => shownMemberNos()).toEqual([memberNos[6]])
    async function signInHere(username: string, password: string): Promise<void> {
      await page.waitForURL(url => url.pathname === '/desk/sign-in')
      await page.fill('input[name=username]', username)
      await page.fill('input[name=password]', password)
      await page.click('[data-test=sign-in]')
      await page.waitForURL(url => url.pathname === '/desk/members')
    }

    // Ended by the server (expired, say): the same reviewer signs in again and goes on.
    await endDeskSession(page, suite.server.url, { notice: true })
    await signInHere(reviewer.username, reviewer.password)
    await expect.poll(() => shownMemberNos()).toEqual([memberNos[6]])
    expect(await searchBox().inputValue()).toBe(mobile)

    // Ended again, and another reviewer of the site signs in at this tab: a fresh list.
    const other = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [siteId] })
    await endDeskSession(page, suite.server.url, { notice: true })
    await signInHere(other.username, other.password)
    await expect.poll(() => rows().count()).toBe(20)
    expect(await searchBox().inputValue()).toBe('')
    const stored = await page.evaluate(() => JSON.stringify({ ...(globalThis as unknown as { sessionStorage: Record<string, string> }).sessionStorage }))
    expect(stored).not.toContain(mobile)
  })
})
