import type { Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import type { E2eStaff, SiteRecord } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { accessibilityViolations } from './support/accessibility'
import { signIn } from './support/api-client'
import { decideThroughApi, pushDemoApplications, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'
import { enrolIndividual, goToStep, listItem, openList, signInOnField, startEnrolment, syncNow, unlock, waitForFirstSync } from './support/field-app'

/**
 * Every screen of both areas, in both languages, checked with axe-core in a real Chromium
 * (WCAG 2.1 A/AA and best practices: contrast, names and labels, ARIA, headings,
 * landmarks). Agents read the tablet outdoors, desk staff spend their day on the desk, and
 * some use a screen reader or a keyboard. Each test walks its screens and then lists what
 * axe found on all of them: an empty list passes.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('accessibility of every screen', () => {
  const suite = useE2eSuite()
  let site: SiteRecord
  let agent: E2eStaff
  let supervisor: E2eStaff
  let demos: DemoApplication[]

  beforeAll(async () => {
    const { server } = suite
    site = await server.admin.createSite({ name: '朝阳网点' })
    agent = await server.admin.createStaff({ role: 'field_agent', siteIds: [site.id], displayName: '王外勤' })
    supervisor = await server.admin.createStaff({ role: 'supervisor', siteIds: [site.id], displayName: '周主管' })
    demos = await pushDemoApplications(server, agent, site, [1, 2, 4])
    // One member, for the members' screens.
    const desk = await signIn(server.url, supervisor.username, supervisor.password)
    const id = demos[0]!.application.id
    await decideThroughApi(desk, id, 'start_review', 1)
    await decideThroughApi(desk, id, 'approve', 2)
    // One returned, for the tablet's returned list and the fix it opens.
    const returned = demos[2]!.application.id
    await decideThroughApi(desk, returned, 'start_review', 1)
    await decideThroughApi(desk, returned, 'return', 2, { items: [{ kind: 'field', ref: 'person.mobile', note: '号码停机' }], comment: '请核实手机号' })
  })

  it('the tablet: sign-in, lists, device, every step of the three wizards, pickers, pop-ups, receipt, detail, a returned application and lock screen', async () => {
    const context = await suite.tablet()
    const page = await context.newPage()
    const found: string[] = []
    const check = async (where: string, exclude?: string[]) => found.push(...await accessibilityViolations(page, where, { exclude }))
    const closePopup = async () => {
      await page.locator('.van-overlay:visible').click({ position: { x: 10, y: 10 } })
      await page.locator('.van-popup:visible').waitFor({ state: 'hidden' })
    }

    await page.goto('/field')
    await page.waitForSelector('input[name=username]')
    await check('sign-in')
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    await check('home')
    // axe does not see icon glyphs: the sync chip's icon must take the chip's own colour (the
    // nav bar paints icons blue, which all but vanished on the green chip).
    const chipColours = await page.locator('[data-test=sync-chip]').evaluate((chip) => {
      const { getComputedStyle } = globalThis as unknown as { getComputedStyle: (element: unknown) => { color: string } }
      return [getComputedStyle(chip.querySelector('.van-icon')).color, getComputedStyle(chip).color]
    })
    expect(chipColours[0]).toBe(chipColours[1])
    await page.click('[data-test=open-lookup]')
    await page.locator('[data-test=server-lookup]').waitFor()
    await check('server look-up')
    await page.click('[data-test=popup-close]')
    await page.locator('[data-test=server-lookup]').waitFor({ state: 'hidden' })
    await page.click('[data-test=tab-device]')
    await page.waitForURL(/\/field\/device$/)
    await check('device')
    await page.click('[data-test=change-password]')
    await page.locator('[data-test=password-popup]').waitFor()
    await check('password change')
    await closePopup()

    for (const type of ['个人', '家庭', '单位/企业'] as const) {
      await page.click('[data-test=tab-applications]')
      if (type === '个人') {
        await page.click('[data-test=new-application]')
        await page.locator('.van-action-sheet').waitFor()
        await check('applicant type sheet')
        await closePopup()
      }
      await startEnrolment(page, type)
      if (type === '个人') {
        await page.click('[data-test=delete-draft]')
        await page.locator('.van-dialog:visible').waitFor()
        await check('delete-draft confirmation')
        await page.locator('.van-dialog__cancel').click()
        await page.locator('.van-dialog:visible').waitFor({ state: 'hidden' })
      }
      for (let step = 1; ; step++) {
        await check(`${type} wizard, step ${step}`)
        if (!await page.locator('[data-test=next]').count())
          break
        await page.click('[data-test=next]')
      }
      // Steps left empty now show their messages (the required marks, the errors in red).
      await goToStep(page, type === '单位/企业' ? '单位信息' : '申请人')
      await check(`${type} wizard, first step again, with its errors`)
      await page.click('.van-nav-bar__left')
      await page.waitForURL(/\/field$/)
    }

    const receiptNo = await enrolIndividual(page, context, { name: '林晓梅', idNumber: makeResidentId('1990-03-07', 'female', { region: '110105' }), mobile: '13800138011', street: '朝阳路 8 号', photoSeed: 40 })
    await check('receipt')
    await syncNow(page)
    await openList(page, 'synced')
    await listItem(page, receiptNo).click()
    await page.waitForURL(/\/field\/applications\//)
    await check('application detail')

    // The application returned on another tablet: fetched by the sync, listed, opened to fix.
    await openList(page, 'returned')
    await listItem(page, demos[2]!.application.receiptNo).click()
    await page.locator('[data-test=return-items]').waitFor()
    await check('returned application, to fix')
    await page.click('.van-nav-bar__left')
    await page.waitForURL(/\/field$/)

    await page.reload()
    await page.waitForSelector('[data-test=lock-screen]')
    await check('lock screen')
    await unlock(page, agent.password)

    await page.click('[data-test=tab-device]')
    await page.getByText('English', { exact: true }).click()
    await check('device, English')
    await page.click('[data-test=tab-applications]')
    await check('home, English')
    await startEnrolment(page, 'Individual' as '个人')
    await page.click('[data-test=next]')
    await check('individual wizard, step 2, English')
    // A picker opens from the keyboard too (a tablet with a keyboard, a switch device).
    await page.focus('[data-field="person.gender"]')
    await page.keyboard.press('Enter')
    await page.locator('.van-popup--bottom:visible .van-picker').waitFor()
    // Vant's picker columns are list items with role="button" in a <ul> (its markup, which
    // the app cannot reach); the rest of the open picker is checked.
    await check('gender picker, English', ['.van-picker-column'])

    expect(found).toEqual([])
  })

  async function deskPage(): Promise<Page> {
    return (await suite.desk()).newPage()
  }

  it('the desk as administrator: sign-in, home, every administration page, its confirmations and messages', async () => {
    // A tablet of the agent's, for the devices page and its revoke confirmation.
    const { login } = await signIn(suite.server.url, agent.username, agent.password)
    const page = await deskPage()
    const found: string[] = []
    const check = async (where: string) => found.push(...await accessibilityViolations(page, where))
    /** Element Plus's message box, named and checked, then cancelled: nothing changes. */
    const confirmation = async (opener: string, where: string) => {
      await page.click(opener)
      await page.locator('.el-message-box').waitFor()
      await check(where)
      await page.click('.el-message-box__btns .el-button:not(.el-button--primary)')
      await page.locator('.el-message-box').waitFor({ state: 'hidden' })
    }
    /** Element Plus's toast, read while it is on screen. */
    const message = async (where: string) => {
      await page.locator('.el-message').waitFor()
      await check(where)
      await page.locator('.el-message').waitFor({ state: 'hidden' })
    }

    await page.goto('/desk/sign-in')
    await page.waitForSelector('input[name=username]')
    await check('sign-in')
    await signInOnDesk(page, 'admin', suite.server.adminPassword)
    await check('home')
    for (const item of ['staff', 'sites', 'devices', 'programme', 'audit']) {
      await page.click(`[data-test=menu-admin-${item}]`)
      await page.waitForURL(new RegExp(`/desk/admin/${item}`))
      await page.waitForLoadState('networkidle')
      if (item === 'programme')
        await page.locator('[data-test=programme-publish]:not([disabled])').waitFor()
      await check(item)
      if (item === 'staff')
        await confirmation(`[data-test="toggle-staff-${agent.username}"]`, 'staff, disable confirmation')
      if (item === 'devices')
        await confirmation(`[data-test="revoke-${login.device.code}"]`, 'devices, revoke confirmation')
      if (item === 'programme') {
        await page.click('[data-test=category-standard] .el-collapse-item__header')
        await confirmation('[data-test=category-standard-remove]', 'programme, remove category confirmation')
        await confirmation('[data-test=programme-publish]', 'programme, publish confirmation')
        // A category code already taken: an error message, not a second category.
        await page.fill('input[data-test=new-category-code]', 'standard')
        await page.click('[data-test=add-category]')
        await message('programme, error message')
      }
    }
    await page.locator('[data-test=audit-table] .el-table__expand-icon').first().click()
    await check('audit, an entry opened')
    await page.click('[data-test=menu-admin-sites]')
    const siteName = page.locator('[data-test=sites-table] .el-table__row', { hasText: site.code }).locator('input[data-test=site-name]')
    await siteName.fill(`${site.name}（东区）`)
    await siteName.press('Tab')
    await message('sites, saved message')
    // A rename that did not reach the server: the cell's 未保存 line, its reason and buttons.
    await page.route('**/api/admin/sites/*', route => route.abort())
    await siteName.fill(`${site.name}（西区）`)
    await siteName.press('Tab')
    await page.locator('[data-test=site-name-unsaved]').waitFor()
    await page.unroute('**/api/admin/sites/*')
    await check('sites, a rename not saved')
    await page.click('[data-test=site-name-revert]')

    expect(found).toEqual([])
  })

  it('the desk as supervisor: queue, application with its dialogs, members, a member, statistics — in both languages', async () => {
    const page = await deskPage()
    const found: string[] = []
    const check = async (where: string) => found.push(...await accessibilityViolations(page, where))

    await signInOnDesk(page, supervisor.username, supervisor.password)
    // The frame still stands: the account bar (a named section now, not an el-header, from
    // which Element Plus would infer a vertical container) across the top, the page below it.
    const bar = (await page.locator('.desk-layout__header').boundingBox())!
    const main = (await page.locator('.desk-layout__main').boundingBox())!
    expect(bar.y + bar.height).toBeLessThanOrEqual(main.y + 1)
    expect(Math.abs(bar.width - main.width)).toBeLessThan(2)
    for (const language of ['zh-CN', 'en']) {
      await page.click(`[data-test=locale-${language}]`)
      await page.click('[data-test=menu-queue]')
      await page.locator('[data-test=open-application]').first().waitFor()
      await check(`${language}: queue`)
      await page.locator(`[data-test=open-application][data-receipt="${demos[1]!.application.receiptNo}"]`).click()
      await page.waitForURL(/\/desk\/applications\//)
      await page.locator('[data-test=actions]').waitFor()
      await check(`${language}: application`)
      if (language === 'zh-CN')
        await page.click('[data-test=action-start_review]')
      for (const action of ['return', 'reject', 'approve']) {
        await page.click(`[data-test=action-${action}]`)
        await page.locator('.el-dialog:visible').waitFor()
        await check(`${language}: application, ${action} dialog`)
        await page.keyboard.press('Escape')
        await page.locator('.el-dialog:visible').waitFor({ state: 'hidden' })
      }
      await page.click('[data-test=menu-members]')
      await page.locator('[data-test=member-row]').first().waitFor()
      await check(`${language}: members`)
      await page.locator('[data-test=member-row]').first().click()
      await page.locator('[data-test=member-no]').waitFor()
      await check(`${language}: member`)
      await page.locator('[data-test=member-actions] button').first().click()
      await page.locator('.el-dialog:visible').waitFor()
      await check(`${language}: member operation dialog`)
      await page.keyboard.press('Escape')
      await page.locator('.el-dialog:visible').waitFor({ state: 'hidden' })
      for (const [menu, path] of [['menu-stats', /\/desk\/stats$/], ['menu-stats-daily', /\/desk\/stats\/daily/]] as const) {
        await page.click(`[data-test=${menu}]`)
        await page.waitForURL(path)
        await page.waitForLoadState('networkidle')
        await check(`${language}: ${menu}`)
      }
    }

    expect(found).toEqual([])
  })

  it('the desk\'s duplicate candidates and their side-by-side comparison', async () => {
    // The member (demos[0]) enrolled again on another tablet, with a new mobile: a certain duplicate.
    const first = demos[0]!.application as Extract<DemoApplication['application'], { applicantType: 'individual' }>
    const { name, gender, birthDate, idType, idNumber } = first.person
    const [again] = await pushDemoApplications(suite.server, agent, site, [{ n: 2, person: { name, gender, birthDate, idType, idNumber, mobile: '13912340077' } }])
    const page = await deskPage()
    const found: string[] = []
    const check = async (where: string) => found.push(...await accessibilityViolations(page, where))

    await signInOnDesk(page, supervisor.username, supervisor.password)
    await page.goto(`/desk/applications/${again!.application.id}`)
    await page.locator('[data-test=duplicates-card] [data-test=duplicate-row]').waitFor()
    await check('application with a duplicate candidate')
    await page.click('[data-test=action-start_review]')
    await page.click('[data-test=compare-open]')
    await page.locator('[data-test=compare-dialog] [data-test=compare-row-idNumber]').waitFor()
    await check('side-by-side comparison')

    expect(found).toEqual([])
  })
})
