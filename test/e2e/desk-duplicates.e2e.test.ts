import type { ApplicationInput } from '#shared/application/application.schema'
import type { BrowserContext, Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import type { ApiClient, E2eStaff, SiteRecord } from './support/api-client'
import { chinaDateOf } from '#shared/dates/china-time'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { signIn } from './support/api-client'
import { applicationStatus, cellsNotWhole, chooseOption, decideThroughApi, DESKTOP_VIEWPORT, openApplication, pushDemoApplications, queueRows, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * Duplicates resolved at the desk (DESIGN.md §6) in a real Chromium against the real
 * server. One agent works two tablets: on the first, 李敏 enrols and is approved as a
 * member; on the second she enrols again with a new mobile (the same ID number: certain).
 * Two other applications from the two tablets share only a mobile (likely). A reviewer
 * filters the queue to 疑似重复, compares the first pair side by side, closes the newer
 * application as the same person carrying the new mobile over to the member, then tells
 * the second pair apart as different people, which lets her approve. Last, a re-enrolment whose
 * new mobile another member took meanwhile: the member is not given it, and she is told whose it is.
 */

const chromiumPath = inject('chromiumPath')

type PersonInput = Extract<ApplicationInput, { applicantType: 'individual' }>['person']

function personOf(demo: DemoApplication): PersonInput {
  if (demo.application.applicantType !== 'individual')
    throw new Error('expected an individual application')
  return demo.application.person
}

/** A capture's day on China's clock, as a zh-CN reader writes it: 2026年12月7日. */
function chineseDate(instant: string): string {
  const [y, m, d] = chinaDateOf(instant).split('-').map(Number)
  return `${y}年${m}月${d}日`
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The same day as an English reader writes it: Dec 7, 2026. */
function englishDate(instant: string): string {
  const [y, m, d] = chinaDateOf(instant).split('-').map(Number)
  return `${MONTHS[m! - 1]} ${d}, ${y}`
}

interface DetailAnswer {
  status: string
  rejectReason: string | null
  duplicateCandidates: Array<{ id: string, level: string, otherType: string, resolution: string | null }>
}

describe.skipIf(!chromiumPath)('duplicates at the desk', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let supervisor: ApiClient
  let original: DemoApplication
  let again: DemoApplication
  let householdA: DemoApplication
  let householdB: DemoApplication
  let memberId: string
  const newMobile = '13912340001'
  /** Step 4's application: in review, its candidate still waiting for a verdict. */
  let zhangAgainReceipt = ''
  let site: SiteRecord
  let agent: E2eStaff

  beforeAll(async () => {
    site = await suite.server.admin.createSite({ name: '海淀网点' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id], displayName: '王外勤' })
    const reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id], displayName: '李审核' })
    const boss = await suite.server.admin.createStaff({ role: 'supervisor', siteIds: [site.id], displayName: '周主管' })
    supervisor = await signIn(suite.server.url, boss.username, boss.password)

    // Tablet A: 李敏 enrols and becomes a member; 周 enrols too.
    const tabletA = await pushDemoApplications(suite.server, agent, site, [{ n: 1, sequence: 1 }, { n: 7, sequence: 2 }])
    ;[original, householdA] = [tabletA[0]!, tabletA[1]!]
    await decideThroughApi(supervisor, original.application.id, 'start_review', 1)
    const approved = await supervisor.json<{ memberId: string }>(`/api/review/applications/${original.application.id}/actions/approve`, { method: 'POST', headers: { 'If-Match': '"2"' }, json: {} })
    memberId = approved.memberId
    // Tablet B: 李敏 again (same ID, new mobile), and someone sharing 周's mobile with a passport of his own.
    const first = personOf(original)
    const tabletB = await pushDemoApplications(suite.server, agent, site, [
      { n: 2, sequence: 1, person: { name: first.name, gender: first.gender, birthDate: first.birthDate, idType: first.idType, idNumber: first.idNumber, mobile: newMobile } },
      { n: 8, sequence: 2, person: { idType: 'passport', idNumber: 'E98765432', mobile: personOf(householdA).mobile } },
    ])
    ;[again, householdB] = [tabletB[0]!, tabletB[1]!]

    context = await suite.desk()
    page = await context.newPage()
    await signInOnDesk(page, reviewer.username, reviewer.password)
  })

  it('1. the queue filtered to 疑似重复 lists the two flagged applications', async () => {
    await chooseOption(page, 'filter-hasDuplicates', '是')
    await page.waitForURL(/hasDuplicates=true/)
    await expect.poll(() => queueRows(page).count()).toBe(2)
    const receipts = await queueRows(page).evaluateAll(links => links.map(link => link.getAttribute('data-receipt')))
    expect(receipts.sort()).toEqual([again.application.receiptNo, householdB.application.receiptNo].sort())
  })

  it('2. compares the same person side by side and closes the application as a duplicate, updating the member\'s mobile', async () => {
    await openApplication(page, again.application.receiptNo)
    const row = page.locator('[data-test=duplicate-row]')
    await expect.poll(() => row.getAttribute('data-resolution')).toBe('unresolved')
    expect(await page.locator('[data-test=duplicate-reasons]').textContent()).toContain('证件号码相同')
    expect(await page.locator('[data-test=duplicate-level]').getAttribute('data-level')).toBe('certain')
    // Unresolved, it is named beside the status and its section comes first, above the data.
    expect(await page.locator('[data-test=open-duplicates]').textContent()).toContain('疑似重复 1')
    const above = async () => (await page.locator('[data-test=duplicates-card]').boundingBox())!.y < (await page.locator('[data-test=application-data]').boundingBox())!.y
    expect(await above()).toBe(true)

    // In English on a laptop the level reads whole: "Certain duplicate" was clipped in its column.
    const levelCells = page.locator('[data-test=duplicates-card] td .cell:has([data-test=duplicate-level])')
    try {
      await page.click('[data-test=locale-en]')
      for (const width of [1024, 1280]) {
        await page.setViewportSize({ width, height: 800 })
        await expect.poll(() => page.locator('[data-test=duplicate-level]').textContent()).toBe('Certain duplicate')
        await expect.poll(() => cellsNotWhole(levelCells), { timeout: 3_000, message: `${width}: the level cut` }).toEqual([])
      }
    }
    finally {
      await page.setViewportSize({ ...DESKTOP_VIEWPORT })
      await page.click('[data-test=locale-zh-CN]')
    }

    await page.click('[data-test=action-start_review]')
    await expect.poll(() => applicationStatus(page)).toBe('in_review')
    await page.click('[data-test=reveal]')
    await page.waitForSelector('[data-test=revealed]')

    await page.click('[data-test=compare-open]')
    const dialog = page.locator('[data-test=compare-dialog]')
    await dialog.waitFor()
    const idRow = dialog.locator('[data-test=compare-row-idNumber]')
    expect(await idRow.getAttribute('data-comparison')).toBe('same')
    expect(await idRow.textContent()).toContain('相同')
    // Revealed: both sides in full, the member's fetched with reveal too.
    await expect.poll(() => idRow.locator('[data-test=compare-right]').textContent()).toContain(personOf(original).idNumber)
    expect(await idRow.locator('[data-test=compare-left]').textContent()).toContain(personOf(original).idNumber)
    const mobileRow = dialog.locator('[data-test=compare-row-mobile]')
    expect(await mobileRow.getAttribute('data-comparison')).toBe('different')
    expect(await mobileRow.locator('[data-test=compare-left]').textContent()).toContain(newMobile)
    expect(await mobileRow.locator('[data-test=compare-right]').textContent()).toContain(personOf(original).mobile)
    // The site by its name, never its id.
    expect(await dialog.locator('[data-test=compare-row-siteId] [data-test=compare-left]').textContent()).toContain('海淀网点')
    // Each capture dated as the reader says a date, on China's clock (it read 2026-12-07).
    const captured = dialog.locator('[data-test=compare-row-capturedAt]')
    expect((await captured.locator('[data-test=compare-left]').textContent())?.trim()).toBe(chineseDate(again.application.capturedAt))
    await expect.poll(async () => (await captured.locator('[data-test=compare-right]').textContent())?.trim()).toBe(chineseDate(original.application.capturedAt))

    await dialog.locator('[data-test=resolve-same]').click()
    await dialog.locator('[data-test=member-field-mobile]').click()
    await dialog.locator('textarea[data-test=resolve-note]').fill('同一人在另一台平板重复登记，手机号码已更换')
    await dialog.locator('[data-test=resolve-confirm]').click()

    await expect.poll(() => applicationStatus(page)).toBe('rejected')
    expect(await page.locator('[data-test=application-status]').textContent()).toContain('已拒绝')
    expect(await page.locator('[data-test=decision]').textContent()).toContain('重复申请')
    await expect.poll(() => row.getAttribute('data-resolution')).toBe('same_person')
    expect(await page.locator('[data-test=duplicate-resolution]').textContent()).toContain('同一人')
    expect(await page.locator('[data-test=duplicates]').textContent()).toContain('李审核')
    expect(await page.locator('[data-test=compare-open]').count()).toBe(0)

    const member = await supervisor.json<{ data: { person: { mobile: string, idNumber: string } }, changes: Array<{ action: string }> }>(`/api/members/${memberId}?reveal=true`)
    expect(member.data.person).toMatchObject({ mobile: newMobile, idNumber: personOf(original).idNumber })
    expect(member.changes.at(-1)?.action).toBe('update_from_duplicate')
    // The member's history names the application the new mobile came from, and opens it.
    await page.goto(`/desk/members/${memberId}`)
    const entry = page.locator('[data-test=history-entry][data-action=update_from_duplicate]')
    await expect.poll(() => entry.locator('[data-test=history-fields]').textContent()).toContain('手机号码')
    expect((await entry.locator('[data-test=history-source]').textContent())?.replace(/\s+/g, '')).toBe(`来源申请：${again.application.receiptNo}`)
    await entry.locator('[data-test=history-source] a').click()
    await page.waitForURL(new RegExp(`/desk/applications/${again.application.id}$`))
    const audit = await suite.server.admin.json<{ items: Array<{ detail: Record<string, unknown> }> }>(`/api/admin/audit?action=duplicate.resolve&targetId=${again.application.id}`)
    expect(audit.items).toHaveLength(1)
    expect(audit.items[0]!.detail).toMatchObject({ resolution: 'same_person' })
    const stored = await supervisor.json<DetailAnswer>(`/api/review/applications/${again.application.id}`)
    expect(stored).toMatchObject({ status: 'rejected', rejectReason: 'duplicate' })
  })

  it('3. tells a shared household mobile apart as different people, after which the application can be approved', async () => {
    await page.click('[data-test=menu-queue]')
    await page.waitForURL(/\/desk\/queue/)
    await expect.poll(() => queueRows(page).count()).toBeGreaterThan(0)
    await openApplication(page, householdB.application.receiptNo)
    await page.click('[data-test=action-start_review]')
    await expect.poll(() => applicationStatus(page)).toBe('in_review')
    // Approval waits for the verdict.
    await page.waitForSelector('[data-test=blocked-approve]')
    expect(await page.locator('[data-test=action-approve]').count()).toBe(0)

    // In English the capture dates read as English dates.
    await page.click('[data-test=locale-en]')
    await page.click('[data-test=compare-open]')
    const dialog = page.locator('[data-test=compare-dialog]')
    await dialog.waitFor()
    const captured = dialog.locator('[data-test=compare-row-capturedAt]')
    expect((await captured.locator('[data-test=compare-left]').textContent())?.trim()).toBe(englishDate(householdB.application.capturedAt))
    await expect.poll(async () => (await captured.locator('[data-test=compare-right]').textContent())?.trim()).toBe(englishDate(householdA.application.capturedAt))
    expect(await dialog.locator('[data-test=compare-row-mobile]').getAttribute('data-comparison')).toBe('same')
    // Masked: the page was not revealed.
    expect(await dialog.locator('[data-test=compare-row-mobile] [data-test=compare-left]').textContent()).toContain('****')
    await dialog.locator('[data-test=resolve-different]').click()
    await dialog.locator('textarea[data-test=resolve-note]').fill('夫妻共用一个手机号码')
    await dialog.locator('[data-test=resolve-confirm]').click()

    await expect.poll(() => page.locator('[data-test=duplicate-row]').getAttribute('data-resolution')).toBe('different_person')
    // The note stays with the verdict (it was dropped).
    expect(await page.locator('[data-test=duplicate-resolution-note]').textContent()).toContain('夫妻共用一个手机号码')
    await page.click('[data-test=locale-zh-CN]')
    // Resolved, it no longer leads the page.
    await page.locator('[data-test=open-duplicates]').waitFor({ state: 'detached' })
    expect((await page.locator('[data-test=duplicates-card]').boundingBox())!.y).toBeGreaterThan((await page.locator('[data-test=application-data]').boundingBox())!.y)
    await page.waitForSelector('[data-test=action-approve]')
    expect(await page.locator('[data-test=blocked-approve]').count()).toBe(0)
    await page.click('[data-test=action-approve]')
    await page.locator('[data-test=approve-dialog]').waitFor()
    await page.click('[data-test=approve-confirm]')
    await page.waitForSelector('[data-test=approved-member-no]')
    await expect.poll(() => applicationStatus(page)).toBe('approved')
  })

  it('4. will not give the member a mobile another member holds: says whose it is, and changes nothing', async () => {
    // 张 and another person are members; 张 enrols again with a mobile that, meanwhile, the
    // other member's contact change has taken.
    const [zhang, other] = await pushDemoApplications(suite.server, agent, site, [{ n: 13, sequence: 11 }, { n: 14, sequence: 12, person: { idType: 'passport', idNumber: 'E55556666' } }])
    const members: string[] = []
    for (const demo of [zhang!, other!]) {
      await decideThroughApi(supervisor, demo.application.id, 'start_review', 1)
      members.push((await supervisor.json<{ memberId: string }>(`/api/review/applications/${demo.application.id}/actions/approve`, { method: 'POST', headers: { 'If-Match': '"2"' }, json: {} })).memberId)
    }
    const takenMobile = '13912340002'
    const person = personOf(zhang!)
    const [zhangAgain] = await pushDemoApplications(suite.server, agent, site, [{ n: 19, sequence: 13, person: { name: person.name, gender: person.gender, birthDate: person.birthDate, idType: person.idType, idNumber: person.idNumber, mobile: takenMobile } }])
    const holder = await supervisor.json<{ memberNo: string }>(`/api/members/${members[1]}/actions/update_contact`, { method: 'POST', headers: { 'If-Match': '"1"' }, json: { contact: { person: { mobile: takenMobile } }, reason: '会员本人申请' } })

    await page.click('[data-test=menu-queue]')
    await page.waitForURL(/\/desk\/queue/)
    await expect.poll(() => queueRows(page).count()).toBeGreaterThan(0)
    zhangAgainReceipt = zhangAgain!.application.receiptNo
    await openApplication(page, zhangAgain!.application.receiptNo)
    await page.click('[data-test=action-start_review]')
    await expect.poll(() => applicationStatus(page)).toBe('in_review')
    await page.click('[data-test=compare-open]')
    const dialog = page.locator('[data-test=compare-dialog]')
    await dialog.waitFor()
    await dialog.locator('[data-test=resolve-same]').click()
    await dialog.locator('[data-test=member-field-mobile]').click()
    await dialog.locator('[data-test=resolve-confirm]').click()

    await expect.poll(() => dialog.locator('[data-test=resolve-error]').textContent()).toContain('该手机号码已是其他会员的号码')
    expect(await dialog.locator('[data-test=resolve-error]').textContent()).toContain(holder.memberNo)
    const stored = await supervisor.json<DetailAnswer>(`/api/review/applications/${zhangAgain!.application.id}`)
    expect(stored.status).toBe('in_review')
    expect(stored.duplicateCandidates.every(candidate => candidate.resolution === null)).toBe(true)
    const member = await supervisor.json<{ version: number, data: { person: { mobile: string } } }>(`/api/members/${members[0]}?reveal=true`)
    expect(member).toMatchObject({ version: 1, data: { person: { mobile: person.mobile } } })
  })

  it('5. an application rejected with its candidate unresolved is no longer flagged, in the queue or on its page, and offers no comparison', async () => {
    const [first] = await pushDemoApplications(suite.server, agent, site, [{ n: 20, sequence: 21 }])
    const person = personOf(first!)
    const [second] = await pushDemoApplications(suite.server, agent, site, [{ n: 21, sequence: 22, person: { name: person.name, gender: person.gender, birthDate: person.birthDate, idType: person.idType, idNumber: person.idNumber, mobile: '13912340003' } }])
    const id = second!.application.id
    expect((await supervisor.json<DetailAnswer>(`/api/review/applications/${id}`)).duplicateCandidates).toMatchObject([{ level: 'certain', resolution: null }])
    await decideThroughApi(supervisor, id, 'start_review', 1)
    await decideThroughApi(supervisor, id, 'reject', 2, { reason: 'applicant_request' })
    const receipt = second!.application.receiptNo
    const row = page.locator('[data-test=queue-table] tr', { has: page.locator(`[data-test=open-application][data-receipt="${receipt}"]`) })

    // 疑似重复: the application still waiting for a verdict (step 4's) is listed, the rejected one not.
    await page.goto('/desk/queue?hasDuplicates=true')
    await expect.poll(() => queueRows(page).evaluateAll(links => links.map(link => link.getAttribute('data-receipt')))).toContain(zhangAgainReceipt)
    expect(await row.count()).toBe(0)
    await page.goto('/desk/queue?status=rejected')
    await row.waitFor()
    expect(await row.locator('[data-test=has-duplicates]').count()).toBe(0)

    await openApplication(page, receipt)
    await expect.poll(() => applicationStatus(page)).toBe('rejected')
    await page.locator('[data-test=duplicate-row][data-resolution=unresolved]').waitFor()
    expect(await page.locator('[data-test=open-duplicates]').count()).toBe(0)
    // Nothing is left to decide: it says so, and offers no comparison whose verdicts could never be given.
    expect(await page.locator('[data-test=duplicate-closed]').textContent()).toContain('申请已结束，无需再处理')
    expect(await page.locator('[data-test=compare-open]').count()).toBe(0)
    try {
      await page.click('[data-test=locale-en]')
      await expect.poll(() => page.locator('[data-test=duplicate-closed]').textContent()).toContain('the application is closed')
    }
    finally {
      await page.click('[data-test=locale-zh-CN]')
    }
    expect((await page.locator('[data-test=duplicates-card]').boundingBox())!.y).toBeGreaterThan((await page.locator('[data-test=application-data]').boundingBox())!.y)
  })

  it('6. a verdict another reviewer gave meanwhile: the dialog closes on the current copy, which shows it', async () => {
    const [first] = await pushDemoApplications(suite.server, agent, site, [{ n: 26, sequence: 26 }])
    const [second] = await pushDemoApplications(suite.server, agent, site, [{ n: 27, sequence: 27, person: { idType: 'passport', idNumber: 'E77778888', mobile: personOf(first!).mobile } }])
    const id = second!.application.id
    const [candidate] = (await supervisor.json<DetailAnswer>(`/api/review/applications/${id}`)).duplicateCandidates
    expect(candidate).toMatchObject({ level: 'likely', resolution: null })

    await page.goto('/desk/queue')
    await expect.poll(() => queueRows(page).count()).toBeGreaterThan(0)
    await openApplication(page, second!.application.receiptNo)
    await page.click('[data-test=compare-open]')
    const dialog = page.locator('[data-test=compare-dialog]')
    await dialog.waitFor()
    // The supervisor tells them apart first; the application's version does not move.
    await supervisor.json(`/api/review/applications/${id}/duplicates/${candidate!.id}/resolve`, { method: 'POST', headers: { 'If-Match': '"1"' }, json: { resolution: 'different_person' } })
    await dialog.locator('[data-test=resolve-different]').click()
    await dialog.locator('[data-test=resolve-confirm]').click()

    await dialog.waitFor({ state: 'hidden' })
    await page.locator('[data-test=conflict]').waitFor()
    await expect.poll(() => page.locator('[data-test=duplicate-row]').getAttribute('data-resolution')).toBe('different_person')
    expect(await page.locator('[data-test=compare-open]').count()).toBe(0)
  })
})
