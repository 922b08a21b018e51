import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { BrowserContext, Page } from 'playwright-core'
import type { ApiClient, E2eStaff, SiteRecord } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { signIn } from './support/api-client'
import { answerConfirmation, chooseOption, decideThroughApi, DESKTOP_VIEWPORT, dialogsSettled, endDeskSession, messageAfter, pushDemoApplications, signInAgain, signInOnDesk, textsNotOnOneLine } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * Administration where it once misled, in a real Chromium against the real server: a
 * double-clicked publish sends one programme, not two (the second's 409 claimed someone
 * else had changed it); a cleared category fee is refused as missing instead of published
 * as free; a site or level the administrator adds reaches the other desk pages without
 * signing in again, and a level list that cannot be fetched says so; the audit log's pages
 * keep the filters searched, and a link with only an end date keeps it as the end; a page
 * of it that could not be loaded keeps what was shown, and searching again recovers. A
 * site's rename that does not reach the server stays marked 未保存 in its cell, with why,
 * 重试 and 还原; what is typed into a site's name, the new-site form and the programme
 * survives the session ending; and when someone else publishes the programme first, their
 * version is loaded at once and the edits are carried onto it at the administrator's word,
 * each setting both changed named. A site renamed in the desk after another administrator
 * changed it is refused as changed first: the list is loaded again, the name typed stays,
 * and saving again applies it.
 */

const chromiumPath = inject('chromiumPath')

interface Current { version: number, settings: ProgrammeSettings }

/** An Element Plus input by its `data-test` (the attribute lands on the `<input>` itself). */
function input(testId: string): string {
  return `input[data-test=${testId}], [data-test=${testId}] input`
}

describe.skipIf(!chromiumPath)('administration edges', () => {
  const suite = useE2eSuite()
  let desk: BrowserContext
  let admin: Page
  let site: SiteRecord
  let agent: E2eStaff
  let reviewer: E2eStaff
  let reviewerApi: ApiClient

  beforeAll(async () => {
    site = await suite.server.admin.createSite({ name: '朝阳网点' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id], displayName: '王外勤' })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id], displayName: '李审核' })
    reviewerApi = await signIn(suite.server.url, reviewer.username, reviewer.password)
    desk = await suite.desk()
    admin = await desk.newPage()
    await signInOnDesk(admin, 'admin', suite.server.adminPassword)
  })

  it('1. a double-clicked publish sends the programme once, and no one else is said to have changed it', async () => {
    const before = await suite.server.admin.json<Current>('/api/admin/programme')
    await admin.click('[data-test=menu-admin-programme]')
    await admin.waitForSelector('[data-test=programme-categories]')
    await admin.fill(input('programme-name-en'), 'Field Enrol Members')
    const sent: string[] = []
    // The publication takes a moment on the wire, as on a slow line: long enough to see the button busy.
    await admin.route('**/api/admin/programme', async (route) => {
      if (route.request().method() === 'PUT') {
        sent.push(route.request().url())
        await new Promise(resolve => setTimeout(resolve, 800))
      }
      await route.continue()
    })
    const button = admin.locator('[data-test=programme-publish]')
    const published = messageAfter(admin, 'success', async () => {
      // A double click asks once; confirmed, it publishes once.
      await button.dblclick()
      await answerConfirmation(admin, '发布新版本')
      expect(await admin.locator('.el-message-box').count()).toBe(0)
      await expect.poll(() => button.getAttribute('class')).toContain('is-loading')
      expect(await button.isDisabled()).toBe(true)
    })
    expect(await published).toContain('已发布')
    await admin.unroute('**/api/admin/programme')
    await expect.poll(() => admin.locator('.desk-admin__head').textContent()).toContain(`${before.version + 1}`)
    expect(sent).toHaveLength(1)
    expect(await admin.locator('[data-test=programme-stale]').count()).toBe(0)
    expect((await suite.server.admin.json<Current>('/api/admin/programme')).version).toBe(before.version + 1)
  })

  it('2. a cleared category fee is refused as missing, not published as free', async () => {
    const before = await suite.server.admin.json<Current>('/api/admin/programme')
    await admin.goto('/desk/admin/programme')
    await admin.waitForSelector('[data-test=programme-categories]')
    await admin.click('[data-test=category-vip] .el-collapse-item__header')
    const fee = admin.locator('[data-test=category-vip-fee] input')
    await expect.poll(() => fee.inputValue()).toBe('200.00')
    await fee.fill('')
    await fee.press('Tab')
    await admin.click('[data-test=programme-publish]')
    await expect.poll(() => admin.locator('[data-test=programme-issues] li').allTextContents()).toEqual(['VIP会员 · 费用（元）：必填'])
    expect(await fee.inputValue()).toBe('')
    const after = await suite.server.admin.json<Current>('/api/admin/programme')
    expect(after.version).toBe(before.version)
    expect(after.settings.categories.find(category => category.code === 'vip')?.feeFen).toBe(20000)
  })

  it('3. a site the administrator creates is offered at once on the statistics page', async () => {
    await admin.click('[data-test=menu-stats]')
    await admin.click('[data-test=stats-site]')
    await expect.poll(() => admin.locator('.el-select-dropdown__item:visible').allTextContents()).toContain(`朝阳网点（${site.code}）`)
    await admin.keyboard.press('Escape')

    await admin.click('[data-test=menu-admin-sites]')
    await admin.click('[data-test=site-create]')
    await admin.fill('input[name=site-code]', 'NH02')
    await admin.fill('input[name=site-name]', '南山新网点')
    await admin.locator('[data-test=site-region] input').fill('南山区')
    await admin.locator('.el-cascader__suggestion-item:visible').filter({ hasText: '深圳市' }).first().click()
    await admin.click('[data-test=site-save]')
    await admin.locator('[data-test=sites-table] .el-table__row', { hasText: 'NH02' }).waitFor()

    await admin.click('[data-test=menu-stats]')
    await chooseOption(admin, 'stats-site', '南山新网点（NH02）')
    const created = (await suite.server.admin.json<{ items: SiteRecord[] }>('/api/admin/sites')).items.find(s => s.code === 'NH02')!
    await admin.waitForURL(new RegExp(`siteId=${created.id}`))
    expect(await admin.locator('[data-test=stats-site-refused]').count()).toBe(0)
  })

  it('4. a level published while a member is open is offered for 等级变更; a level list that cannot be fetched says so', async () => {
    const [vip] = await pushDemoApplications(suite.server, agent, site, [{ n: 3, sequence: 30 }])
    if (!vip || vip.application.category !== 'vip' || vip.application.level !== 'silver')
      throw new Error('demo application 3 is expected to be a silver VIP')
    const started = await decideThroughApi(reviewerApi, vip.application.id, 'start_review', 1)
    await decideThroughApi(reviewerApi, vip.application.id, 'approve', started.version)
    const memberNo = (await reviewerApi.json<{ memberNo: string }>(`/api/review/applications/${vip.application.id}`)).memberNo
    const memberId = (await reviewerApi.json<{ items: Array<{ id: string }> }>(`/api/members?q=${memberNo}`)).items[0]!.id

    const page = await (await suite.desk()).newPage()
    await signInOnDesk(page, reviewer.username, reviewer.password)
    await page.goto(`/desk/members/${memberId}`)
    await expect.poll(() => page.locator('[data-test=member-category]').textContent()).toContain('银卡')

    // Published while the member is on screen: the page's directory predates it.
    const current = await suite.server.admin.json<Current>('/api/admin/programme')
    const settings = structuredClone(current.settings)
    settings.categories.find(category => category.code === 'vip')!.levels.push({ code: 'platinum', name: { 'zh-CN': '白金卡', 'en': 'Platinum' } })
    await suite.server.admin.json('/api/admin/programme', { method: 'PUT', json: settings, headers: { 'If-Match': `"${current.version}"` } })

    const dialog = page.locator('[data-test=operation-dialog]')
    await page.click('[data-test=operation-change_level]')
    await dialog.waitFor()
    await expect.poll(() => dialog.locator('[data-test=operation-level] [data-value=platinum]').textContent()).toContain('白金卡')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })

    // The directory cannot be reached: the dialog says so instead of offering nothing.
    await page.route('**/api/directory', route => route.abort())
    await page.click('[data-test=operation-change_level]')
    await dialog.waitFor()
    await expect.poll(() => dialog.locator('[data-test=operation-levels-error]').textContent()).toContain('无法连接服务器')
    await page.unroute('**/api/directory')
    await dialog.locator('[data-test=operation-levels-retry]').click()
    // The levels known before stay on offer beside the error, so the retry is done once the error goes.
    await expect.poll(() => dialog.locator('[data-test=operation-levels-error]').count()).toBe(0)
    expect(await dialog.locator('[data-test=operation-level] [data-value=gold]').count()).toBe(1)
  })

  it('5. the audit log\'s pages keep the filters searched; a link with only an end keeps it as the end', async () => {
    // Sixty site changes (renamed back and forth, ending as it was): two pages of 50 under one action.
    for (let i = 0; i < 60; i++)
      await suite.server.admin.updateSite(site.id, { name: i % 2 ? '朝阳网点' : '朝阳网点（旧名）' })
    await admin.click('[data-test=menu-admin-audit]')
    await admin.click('[data-test=audit-filter-action]')
    await admin.locator('.el-select-dropdown__item:visible', { hasText: /^修改网点$/ }).click()
    await admin.click('[data-test=audit-search]')
    await admin.waitForURL(/action=site\.update/)
    // Typed, not searched: paging goes on with the search that was made.
    await admin.fill(input('audit-filter-target'), 'no such target')
    await admin.locator('.desk-admin__pages .el-pager li', { hasText: /^2$/ }).click()
    await admin.waitForURL(/page=2/)
    const query = new URL(admin.url()).searchParams
    expect(query.get('action')).toBe('site.update')
    expect(query.has('target')).toBe(false)
    await expect.poll(() => admin.locator('[data-test=audit-action]').allTextContents()).toEqual(expect.arrayContaining(['修改网点']))

    const end = '2020-01-01T00:00:00.000Z'
    await admin.goto(`/desk/admin/audit?to=${end}`)
    await expect.poll(() => admin.locator('[data-test=audit-range-half]').textContent()).toContain('截至')
    await admin.click('[data-test=audit-search]')
    await expect.poll(() => new URL(admin.url()).searchParams.get('to')).toBe(end)
    expect(new URL(admin.url()).searchParams.has('from')).toBe(false)
    await expect.poll(() => admin.locator('[data-test=audit-table] .el-table__empty-text').count()).toBe(1)
  })

  it('6. an audit page that could not be loaded keeps the entries shown and says whose; searching again once the server answers loads it', async () => {
    await admin.goto('/desk/admin/audit?action=site.update')
    const actions = admin.locator('[data-test=audit-action]')
    await expect.poll(() => actions.count()).toBe(50)
    const error = admin.locator('[data-test=page-error]')
    await admin.route('**/api/**', route => route.abort())
    try {
      await admin.locator('.desk-admin__pages .el-pager li', { hasText: /^2$/ }).click()
      await admin.waitForURL(/page=2/)
      await expect.poll(() => error.textContent()).toContain('无法连接服务器')
      // Page 1's entries stay, said to be the earlier result; the pager still counts them all.
      expect(await error.textContent()).toContain('未能按当前条件加载，以下仍是之前条件下的结果')
      expect(await actions.count()).toBe(50)
      expect(await admin.locator('.desk-admin__pages .el-pagination__total').textContent()).not.toMatch(/共 0 条/)
    }
    finally {
      await admin.unroute('**/api/**')
    }
    // The network back: 搜索 with the same filters asks again (the address does not change).
    await admin.click('[data-test=audit-search]')
    await expect.poll(() => error.count()).toBe(0)
    await expect.poll(() => actions.count()).toBeGreaterThan(0)
    expect(await actions.allTextContents()).toEqual(expect.arrayContaining(['修改网点']))

    // Nothing shown yet and the server out of reach: the failure alone, and 搜索 recovers the same search.
    await admin.route('**/api/admin/audit**', route => route.abort())
    try {
      await admin.goto('/desk/admin/audit?action=site.update')
      await expect.poll(() => error.textContent()).toContain('无法连接服务器')
    }
    finally {
      await admin.unroute('**/api/admin/audit**')
    }
    await admin.click('[data-test=audit-search]')
    await expect.poll(() => actions.count()).toBe(50)
    expect(await error.count()).toBe(0)
  })

  it('7. a site rename that does not reach the server says so in its cell, with 重试 and 还原; the name and the new-site form survive the session ending', async () => {
    const renamed = await suite.server.admin.createSite({ name: '南湖网点' })
    const stored = async () => (await suite.server.admin.json<{ items: SiteRecord[] }>('/api/admin/sites')).items.find(s => s.id === renamed.id)?.name
    await admin.goto('/desk/admin/sites')
    const row = admin.locator('[data-test=sites-table] .el-table__row', { hasText: renamed.code })
    const name = row.locator('input[data-test=site-name]')
    const unsaved = row.locator('[data-test=site-name-unsaved]')
    await name.waitFor()
    const cut = '**/api/admin/sites/*'

    // Offline: the name stays as typed, marked not saved, with why.
    await admin.route(cut, route => route.abort())
    await name.fill('南湖一号网点')
    await name.press('Enter')
    await expect.poll(() => unsaved.textContent()).toContain('未保存：无法连接服务器')
    expect(await name.inputValue()).toBe('南湖一号网点')
    expect(await name.getAttribute('aria-invalid')).toBe('true')
    expect(await stored()).toBe('南湖网点')
    // 重试 once the server answers: saved, and said so.
    await admin.unroute(cut)
    expect(await messageAfter(admin, 'success', () => row.locator('[data-test=site-name-retry]').click())).toContain('已保存')
    await expect.poll(() => unsaved.count()).toBe(0)
    await expect.poll(stored).toBe('南湖一号网点')
    expect(await name.getAttribute('aria-invalid')).toBe('false')

    // A server error: said; 还原 brings back the stored name, and nothing is sent.
    await admin.route(cut, route => route.fulfill({ status: 500, body: '' }))
    await name.fill('南湖二号网点')
    await name.press('Tab')
    await expect.poll(() => unsaved.textContent()).toContain('未保存：操作失败，请稍后重试')
    await row.locator('[data-test=site-name-revert]').click()
    await admin.unroute(cut)
    expect(await name.inputValue()).toBe('南湖一号网点')
    expect(await unsaved.count()).toBe(0)
    expect(await stored()).toBe('南湖一号网点')

    // The session ends while a name is typed: leaving the cell goes to sign in; back, the
    // name is there, not saved, until 重试.
    await name.fill('南湖三号网点')
    await endDeskSession(admin, suite.server.url)
    await name.press('Tab')
    await signInAgain(admin, 'admin', suite.server.adminPassword, '/desk/admin/sites')
    await expect.poll(() => unsaved.textContent()).toContain('未保存：此前输入的名称尚未保存到服务器')
    expect(await name.inputValue()).toBe('南湖三号网点')
    expect(await stored()).toBe('南湖一号网点')
    expect(await messageAfter(admin, 'success', () => row.locator('[data-test=site-name-retry]').click())).toContain('已保存')
    await expect.poll(stored).toBe('南湖三号网点')

    // The new-site form likewise: it opens again as it was left; 取消 gives it up.
    await dialogsSettled(admin)
    await admin.click('[data-test=site-create]')
    await admin.fill('input[name=site-code]', 'NK01')
    await admin.fill('input[name=site-name]', '南开网点')
    await endDeskSession(admin, suite.server.url, { notice: true })
    await signInAgain(admin, 'admin', suite.server.adminPassword, '/desk/admin/sites')
    await admin.locator('input[name=site-code]').waitFor()
    expect(await admin.inputValue('input[name=site-code]')).toBe('NK01')
    expect(await admin.inputValue('input[name=site-name]')).toBe('南开网点')
    await dialogsSettled(admin)
    await admin.click('[data-test=dialog-cancel]')
    await dialogsSettled(admin)
    await admin.click('[data-test=site-create]')
    await dialogsSettled(admin)
    expect(await admin.inputValue('input[name=site-code]')).toBe('')
    await admin.click('[data-test=dialog-cancel]')
    await dialogsSettled(admin)
  })

  it('8. programme edits survive the session ending; someone else publishing first loads their version at once, and the edits are carried onto it', async () => {
    const before = await suite.server.admin.json<Current>('/api/admin/programme')
    const deviceDays = before.settings.retention.deviceDays === 23 ? 24 : 23
    await admin.goto('/desk/admin/programme')
    await admin.waitForSelector('[data-test=programme-categories]')
    await admin.fill(input('programme-name-en'), 'Members kept')
    await admin.fill(input('retention-device'), String(deviceDays))
    await admin.press(input('retention-device'), 'Tab')

    // The session ends: signed in again, the edits are there.
    await endDeskSession(admin, suite.server.url, { notice: true })
    await signInAgain(admin, 'admin', suite.server.adminPassword, '/desk/admin/programme')
    await expect.poll(() => admin.inputValue(input('programme-name-en'))).toBe('Members kept')
    expect(await admin.inputValue(input('retention-device'))).toBe(String(deviceDays))

    // Someone else publishes meanwhile: the English name (edited here too) and the term (not).
    const theirs = structuredClone(before.settings)
    theirs.name.en = 'Their name'
    theirs.membershipTermYears = before.settings.membershipTermYears % 10 + 1
    await suite.server.admin.json('/api/admin/programme', { method: 'PUT', json: theirs, headers: { 'If-Match': `"${before.version}"` } })
    await admin.click('[data-test=programme-publish]')
    await answerConfirmation(admin, '发布新版本')
    // Their version is loaded by itself and shown; the edits wait, kept, and nothing is published over it.
    const outdated = admin.locator('[data-test=programme-outdated]')
    await expect.poll(() => outdated.textContent()).toContain(`第 ${before.version + 1} 版已由他人发布`)
    expect(await admin.inputValue(input('programme-name-en'))).toBe('Their name')
    expect(await admin.inputValue(input('membership-term'))).toBe(String(theirs.membershipTermYears))
    expect(await admin.locator('[data-test=programme-publish]').isDisabled()).toBe(true)
    expect(await admin.locator('[data-test=programme-stale]').count()).toBe(0)
    expect((await suite.server.admin.json<Current>('/api/admin/programme')).version).toBe(before.version + 1)

    // Carried onto it: the setting both changed is named; the other person's term stays.
    await admin.click('[data-test=programme-reapply]')
    await expect.poll(() => admin.locator('[data-test=programme-overlaps]').textContent()).toContain('计划名称（英文）')
    expect(await admin.locator('[data-test=programme-overlaps] li').allTextContents()).toEqual(['计划名称（英文）'])
    expect(await outdated.count()).toBe(0)
    expect(await admin.inputValue(input('programme-name-en'))).toBe('Members kept')
    expect(await admin.inputValue(input('retention-device'))).toBe(String(deviceDays))
    expect(await admin.inputValue(input('membership-term'))).toBe(String(theirs.membershipTermYears))
    expect(await messageAfter(admin, 'success', async () => {
      await admin.click('[data-test=programme-publish]')
      await answerConfirmation(admin, '发布新版本')
    })).toContain(`已发布第 ${before.version + 2} 版`)
    const after = await suite.server.admin.json<Current>('/api/admin/programme')
    expect(after.version).toBe(before.version + 2)
    expect(after.settings).toMatchObject({ name: { en: 'Members kept' }, membershipTermYears: theirs.membershipTermYears, retention: { deviceDays } })
    await expect.poll(() => admin.locator('[data-test=programme-overlaps]').count()).toBe(0)
  })

  it('9. a site someone else changed while the desk shows it: the rename is refused as changed first, the list reloads, the name typed stays, and 重试 saves it', async () => {
    const changed = await suite.server.admin.createSite({ name: '西湖网点' })
    const stored = async () => (await suite.server.admin.json<{ items: SiteRecord[] }>('/api/admin/sites')).items.find(s => s.id === changed.id)
    await admin.goto('/desk/admin/sites')
    const row = admin.locator('[data-test=sites-table] .el-table__row', { hasText: changed.code })
    const name = row.locator('input[data-test=site-name]')
    const unsaved = row.locator('[data-test=site-name-unsaved]')
    const active = row.locator('.el-switch')
    await name.waitFor()
    expect(await active.getAttribute('class')).toContain('is-checked')

    // Another administrator, through the API, while the desk shows version 1.
    await suite.server.admin.updateSite(changed.id, { name: '西湖（他人改名）', active: false })
    await name.fill('西湖一号网点')
    await name.press('Enter')
    await expect.poll(() => unsaved.textContent()).toContain('其他管理员已先修改了此网点')
    // The list was loaded again by itself: the switch shows the other change…
    await expect.poll(() => active.getAttribute('class')).not.toContain('is-checked')
    // …while the name typed stays, not saved, and nothing of it reached the server.
    expect(await name.inputValue()).toBe('西湖一号网点')
    expect(await stored()).toMatchObject({ name: '西湖（他人改名）', active: false, version: 2 })

    // Saved again, on the version now shown.
    expect(await messageAfter(admin, 'success', () => row.locator('[data-test=site-name-retry]').click())).toContain('已保存')
    await expect.poll(() => unsaved.count()).toBe(0)
    expect(await stored()).toMatchObject({ name: '西湖一号网点', active: false, version: 3 })
  })

  it('10. a receipt number in the audit log\'s target column reads whole on a laptop, never broken at its hyphens', async () => {
    const [demo] = await pushDemoApplications(suite.server, agent, site, [1])
    const receipt = demo!.application.receiptNo
    // The reviewer's view of it is logged against the application, named by its receipt number.
    await reviewerApi.json(`/api/review/applications/${demo!.application.id}`)
    // A laptop: 1280 less the menu leaves the table 1024 px.
    await admin.setViewportSize({ width: 1280, height: 800 })
    try {
      await admin.goto(`/desk/admin/audit?target=${receipt}`)
      const targets = admin.locator('[data-test=audit-target]')
      await expect.poll(() => targets.allTextContents()).toContain(receipt)
      expect(await textsNotOnOneLine(targets)).toEqual([])
    }
    finally {
      await admin.setViewportSize(DESKTOP_VIEWPORT)
    }
  })
})
