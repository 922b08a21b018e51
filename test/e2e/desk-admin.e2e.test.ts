import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { signIn } from './support/api-client'
import { goOffline, goOnline, waitForServiceWorkerControl } from './support/browser'
import { answerConfirmation, messageAfter, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'
import { enrolIndividual, signInOnField, unlock, waitForFirstSync } from './support/field-app'

/**
 * The administrator at the desk: revoking a tablet makes its next sync refused and its local
 * data wiped (DESIGN.md §8); a site and an agent created, the agent's password changed on the
 * tablet (also when the tablet's storage refuses the new offline password) and reset by the
 * admin; a reviewer's own password change; the audit chain verifies from the browser and an entry
 * is found by its action and target; a member
 * category with a level is added, published and removed again from the programme settings
 * screen, and a duplicate-rule weight changed; the overview warns until a backup is taken,
 * and names the devices whose clock is off.
 */

const chromiumPath = inject('chromiumPath')

/** Fills the desk's new-site form; the region is found by its county's name, as an administrator would. */
async function fillSiteForm(page: Page, code: string, name: string, region: { city: string, county: string }): Promise<void> {
  await page.fill('input[name=site-code]', code)
  await page.fill('input[name=site-name]', name)
  await page.locator('[data-test=site-region] input').fill(region.county)
  // Several cities have a 南山区: the one of the city meant.
  await page.locator('.el-cascader__suggestion-item:visible').filter({ hasText: region.city }).filter({ hasText: region.county }).first().click()
}

/** Fills a password-change form (tablet popup or desk dialog: the same field names). */
async function fillPasswordChange(page: Page, current: string, next: string, confirm = next): Promise<void> {
  await page.fill('input[name=current-password]', current)
  await page.fill('input[name=new-password]', next)
  await page.fill('input[name=confirm-password]', confirm)
}

/** An Element Plus input by its `data-test` (the attribute lands on the `<input>` itself). */
function input(testId: string): string {
  return `input[data-test=${testId}], [data-test=${testId}] input`
}

describe.skipIf(!chromiumPath)('administration at the desk', () => {
  const suite = useE2eSuite()
  let tablet: BrowserContext
  let desk: BrowserContext
  let agent: E2eStaff
  let agentSite: { code: string, name: string }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite()
    agentSite = site
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    tablet = await suite.tablet()
    desk = await suite.desk()
  })

  it('revokes a device: its next sync is refused and its local data wiped', async () => {
    const field = await tablet.newPage()
    await signInOnField(field, agent.username, agent.password)
    await waitForFirstSync(field)
    await field.click('[data-test=tab-device]')
    const deviceCode = (await field.textContent('[data-test=device-code] .van-cell__value'))!.trim()
    expect(deviceCode).toMatch(/^[0-9A-Y]{4}$/)

    const admin = await desk.newPage()
    await signInOnDesk(admin, 'admin', suite.server.adminPassword)
    await admin.click('[data-test=menu-admin-devices]')
    // Each device names its owner as people know them, with the user name beside.
    await expect.poll(() => admin.locator('[data-test=devices-table]').textContent()).toContain(agent.displayName)
    // The administrator's own browser is a row too, marked as the desk, named by its browser,
    // and with no sync figures (a desk never syncs); the list shows tablets or desks alone.
    const rows = admin.locator('[data-test=devices-table] .el-table__row')
    const kinds = async () => (await rows.locator('[data-test=device-kind]').allTextContents()).map(kind => kind.trim())
    const deskRows = rows.filter({ has: admin.locator('[data-test=device-kind]', { hasText: '审核台' }) })
    const ownDesk = deskRows.filter({ hasText: 'admin' }).first()
    expect(await ownDesk.locator('[data-test=device-name]').textContent()).toBe('Chrome')
    expect(await ownDesk.locator('[data-test=device-clock], [data-test=device-unsynced]').count()).toBe(0)
    expect(await ownDesk.locator('[data-test^=revoke-]').textContent()).toContain('停用')
    expect(await ownDesk.locator('[data-test^=revoke-]').textContent()).not.toContain('清除')
    const deskCount = await deskRows.count()
    expect(deskCount).toBeGreaterThanOrEqual(1)
    await admin.click('[data-test=devices-shown-desk]')
    expect(await admin.textContent('[data-test=devices-shown-desk]')).toContain(`审核台浏览器（${deskCount}）`)
    await expect.poll(kinds).toEqual(Array.from({ length: deskCount }, () => '审核台'))
    await admin.click('[data-test=devices-shown-tablet]')
    await expect.poll(async () => (await kinds()).every(kind => kind === '平板')).toBe(true)
    expect(await admin.locator('[data-test=devices-table]').textContent()).toContain(agent.displayName)
    await admin.click('[data-test=devices-shown-all]')
    // Each says how far its clock is off: the tablet's is right; another of the agent's, 3 h 5 min fast.
    const clockOf = (code: string) => admin.locator('[data-test=devices-table] .el-table__row', { hasText: code }).locator('[data-test=device-clock]').textContent()
    expect(await clockOf(deviceCode)).toBe('准确')
    const fast = await signIn(suite.server.url, agent.username, agent.password)
    await fast.json('/api/sync/pull', { headers: { 'X-Device-Time': new Date(Date.now() + 185 * 60_000).toISOString() } })
    await admin.click('[data-test=devices-refresh]')
    await expect.poll(() => clockOf(fast.login.device.code)).toBe('快 3 小时 5 分钟')
    await admin.click(`[data-test=revoke-${deviceCode}]`)
    // The confirmation is named by what it does, and its button says it again: not a bare OK.
    expect(await admin.locator('.el-message-box__title').textContent()).toBe('停用并远程清除')
    // The count is as of the device's last contact, and says so: work taken offline since is not in it.
    expect(await admin.locator('.el-message-box__message').textContent()).toMatch(/它上次联系服务器（.+）时有 0 条未同步的申请，此后离线录入的申请也将一并丢失/)
    await admin.locator('.el-message-box__btns .el-button--primary', { hasText: '停用并远程清除' }).click()
    await expect.poll(() => admin.locator('[data-test=devices-table]').textContent()).toContain('已停用')

    // Meanwhile, offline, the agent enrols someone: work the server never receives.
    await goOffline(tablet)
    await field.click('[data-test=tab-applications]')
    await enrolIndividual(field, tablet, { name: '韩雪', idNumber: makeResidentId('1988-06-15', 'female', { region: '110105' }), mobile: '13912340088', street: '东直门内大街5号', photoSeed: 88 })
    // The tablet's next contact (back online) is refused; it wipes its database, goes to
    // sign-in, and says how much of its work the server never had.
    await goOnline(tablet)
    await field.waitForURL(/\/field\/sign-in/)
    await expect.poll(() => field.locator('.van-dialog:visible').textContent()).toContain('本地数据已清除，其中有1条尚未同步的申请：请联系管理员')
    const databases = await field.evaluate(async () => (await (globalThis as unknown as { indexedDB: { databases: () => Promise<Array<{ name?: string }>> } }).indexedDB.databases()).map(d => d.name))
    expect(databases).not.toContain(`field-enrol-${agent.id}`)
    const devices = await suite.server.admin.json<{ items: Array<{ code: string, revokedAt: string | null }> }>('/api/admin/devices')
    expect(devices.items.find(d => d.code === deviceCode)?.revokedAt).not.toBeNull()
  })

  it('creates a site and a field agent for it, who signs in on a tablet and changes the password there', async () => {
    const admin = await desk.newPage()
    await signInOnDesk(admin, 'admin', suite.server.adminPassword)
    await admin.click('[data-test=menu-admin-sites]')
    await admin.click('[data-test=site-create]')
    // The shared site rules answer in the form, before anything is sent: S is not in the receipt alphabet.
    await fillSiteForm(admin, 'SZ01', '深圳南山', { city: '深圳市', county: '南山区' })
    await admin.click('[data-test=site-save]')
    await expect.poll(() => admin.locator('.el-dialog .el-form-item__error').allTextContents()).toEqual(['网点代码应为2至6位数字或大写字母（不含I、O、Z、S、V）'])
    const sitesBefore = await suite.server.admin.json<{ items: unknown[] }>('/api/admin/sites')
    await admin.fill('input[name=site-code]', 'NH01')
    await admin.click('[data-test=site-save]')
    const siteRow = admin.locator('[data-test=sites-table] .el-table__row', { hasText: 'NH01' })
    await siteRow.waitFor()
    expect((await suite.server.admin.json<{ items: unknown[] }>('/api/admin/sites')).items).toHaveLength(sitesBefore.items.length + 1)
    expect(await siteRow.locator('.el-input input').inputValue()).toBe('深圳南山')
    // Renamed in the table, as typed: saved when the cell is left, and said so.
    await siteRow.locator('input[data-test=site-name]').press('End')
    await siteRow.locator('input[data-test=site-name]').pressSequentially('区')
    expect(await messageAfter(admin, 'success', () => siteRow.locator('input[data-test=site-name]').press('Tab'))).toContain('已保存')
    await expect.poll(async () => (await suite.server.admin.json<{ items: Array<{ code: string, name: string }> }>('/api/admin/sites')).items.find(s => s.code === 'NH01')?.name).toBe('深圳南山区')
    // A blank name is not saved: the stored one comes back.
    await siteRow.locator('input[data-test=site-name]').fill(' ')
    await siteRow.locator('input[data-test=site-name]').press('Tab')
    await expect.poll(() => siteRow.locator('input[data-test=site-name]').inputValue()).toBe('深圳南山区')
    // The region chosen by name is stored as its code and shown by both.
    expect(await siteRow.locator('[data-test=site-region-name]').textContent()).toBe('广东省深圳市南山区（440305）')

    // A code already taken is refused inside the dialog, which stays open with what was typed.
    await admin.click('[data-test=site-create]')
    await fillSiteForm(admin, 'NH01', '深圳福田', { city: '深圳市', county: '福田区' })
    await admin.click('[data-test=site-save]')
    await expect.poll(() => admin.locator('[data-test=dialog-error]').textContent()).toContain('网点代码“NH01”已被使用')
    expect(await admin.inputValue('input[name=site-name]')).toBe('深圳福田')
    // Only there: not also on the page behind it, nor left there once the dialog is cancelled.
    expect(await admin.locator('[data-test=page-error]').count()).toBe(0)
    await admin.getByRole('button', { name: '取消' }).click()
    await admin.locator('[data-test=dialog-error]').waitFor({ state: 'hidden' })
    expect(await admin.locator('[data-test=page-error]').count()).toBe(0)
    expect(await admin.locator('[data-test=sites-table] .el-table__row', { hasText: 'NH01' }).count()).toBe(1)

    await admin.click('[data-test=menu-admin-staff]')
    await admin.click('[data-test=staff-create]')
    await admin.fill('input[name=staff-username]', 'sz.agent')
    await admin.fill('input[name=staff-display-name]', '陈外勤')
    await admin.fill('input[name=staff-password]', 'short')
    await admin.click('[data-test=staff-save]')
    await expect.poll(() => admin.locator('.el-dialog .el-form-item__error').allTextContents()).toEqual(['至少10个字符'])
    await admin.fill('input[name=staff-password]', 'sz agent password')
    await admin.click('[data-test=staff-sites]')
    await admin.locator('.el-select-dropdown__item:visible', { hasText: '深圳南山' }).click()
    await admin.locator('.el-dialog__title').click()
    await admin.click('[data-test=staff-save]')
    const staffRow = admin.locator('[data-test=staff-table] .el-table__row', { hasText: 'sz.agent' })
    await staffRow.waitFor()
    expect(await staffRow.textContent()).toContain('外勤专员')
    expect(await staffRow.textContent()).toContain('深圳南山')

    // Edited: the display name changes (checked with the same shared schema), the user name cannot.
    await admin.click('[data-test="edit-staff-sz.agent"]')
    expect(await admin.locator('input[name=staff-username]').isDisabled()).toBe(true)
    await admin.fill('input[name=staff-display-name]', ' ')
    await admin.click('[data-test=staff-save]')
    await expect.poll(() => admin.locator('.el-dialog:visible .el-form-item__error').allTextContents()).toEqual(['必填'])
    await admin.fill('input[name=staff-display-name]', '陈南山')
    await admin.click('[data-test=staff-save]')
    await expect.poll(() => staffRow.textContent()).toContain('陈南山')

    const field = await (await suite.tablet()).newPage()
    await signInOnField(field, 'sz.agent', 'sz agent password')
    await waitForFirstSync(field)

    // The agent changes the password on the tablet: the shared policy speaks first, then
    // offline the tablet unlocks with the new password only.
    await field.click('[data-test=tab-device]')
    await field.click('[data-test=change-password]')
    const popup = field.locator('[data-test=password-popup]')
    await popup.waitFor()
    await fillPasswordChange(field, 'sz agent password', 'sz agent password')
    await field.click('[data-test=password-submit]')
    await expect.poll(() => popup.locator('.van-field__error-message').allTextContents()).toEqual(['新密码不能与当前密码相同'])
    await fillPasswordChange(field, 'not the password', 'sz agent new password')
    await field.click('[data-test=password-submit]')
    await expect.poll(() => field.locator('[data-test=password-error]').textContent()).toContain('当前密码不正确')
    await field.fill('input[name=current-password]', 'sz agent password')
    await field.click('[data-test=password-submit]')
    await popup.waitFor({ state: 'hidden' })

    await waitForServiceWorkerControl(field)
    await goOffline(field.context())
    await field.reload()
    await field.waitForSelector('[data-test=lock-screen]')
    await field.fill('[data-test=unlock-password] input, input[name=unlock-password]', 'sz agent password')
    await field.click('[data-test=unlock]')
    await expect.poll(() => field.locator('[data-test=unlock-error]').textContent()).toContain('密码错误')
    await unlock(field, 'sz agent new password')

    // The administrator resets it (the agent forgot it): the same policy in the dialog, then
    // the server ends the agent's sessions and the reset password signs in.
    await admin.click(`[data-test="reset-password-sz.agent"]`)
    await admin.fill('input[name=reset-password]', 'too short')
    await admin.click('[data-test=reset-password-save]')
    await expect.poll(() => admin.locator('.el-dialog:visible .el-form-item__error').allTextContents()).toEqual(['至少10个字符'])
    await admin.fill('input[name=reset-password]', 'reset by the admin')
    expect(await messageAfter(admin, 'success', () => admin.click('[data-test=reset-password-save]'))).toContain('密码已重置')
    const signIn = await fetch(new URL('/api/auth/login', suite.server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'sz.agent', password: 'reset by the admin', deviceId: 'e2e-reset-check-01', deviceLabel: 'check' }) })
    expect(signIn.status).toBe(200)
  })

  it('a tablet whose storage refuses the new offline password says so, and the old one no longer unlocks it', async () => {
    const site = await suite.server.admin.createSite()
    const walker = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    const field = await (await suite.tablet()).newPage()
    await signInOnField(field, walker.username, walker.password)
    await waitForFirstSync(field)
    await field.click('[data-test=tab-device]')
    await field.click('[data-test=change-password]')
    await field.locator('[data-test=password-popup]').waitFor()
    // From here this page's writes to the accounts store fail, as on a full disk (a reload ends it).
    await field.evaluate(() => {
      const g = globalThis as any
      for (const [proto, method] of [[g.IDBObjectStore.prototype, 'put'], [g.IDBCursor.prototype, 'update']]) {
        const original = proto[method]
        proto[method] = function (this: { name?: string, source?: { name?: string } }, ...args: unknown[]) {
          if ((this.name ?? this.source?.name) === 'accounts')
            throw new g.DOMException('The quota has been exceeded.', 'QuotaExceededError')
          return original.apply(this, args)
        }
      }
    })
    await fillPasswordChange(field, walker.password, 'a password the disk refused')
    await field.click('[data-test=password-submit]')
    await expect.poll(() => field.locator('.van-dialog:visible').textContent()).toContain('下次请联网登录')
    await field.click('.van-dialog__confirm')

    // The server has the new password; the tablet dropped the old one, so a reload asks for a sign-in.
    const signIn = await fetch(new URL('/api/auth/login', suite.server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: walker.username, password: 'a password the disk refused', deviceId: 'e2e-refused-check-01', deviceLabel: 'check' }) })
    expect(signIn.status).toBe(200)
    await field.reload()
    await field.waitForURL(/\/field\/sign-in/)
    await signInOnField(field, walker.username, 'a password the disk refused')
  })

  it('a reviewer changes their own password: the form checks it first, the server checks the current one', async () => {
    const reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [] })
    const page = await (await suite.desk()).newPage()
    await signInOnDesk(page, reviewer.username, reviewer.password)
    await page.click('[data-test=change-password]')
    const dialog = page.locator('[data-test=password-dialog]')
    await dialog.waitFor()

    // The shared policy and the confirmation, checked before anything is sent.
    await fillPasswordChange(page, reviewer.password, 'short', 'shorter')
    await page.click('[data-test=password-save]')
    await expect.poll(() => dialog.locator('.el-form-item__error').allTextContents()).toEqual(['至少10个字符', '两次输入的新密码不一致'])

    // A wrong current password: only the server knows, and says so in the dialog.
    await fillPasswordChange(page, 'not my password at all', 'my new desk password')
    await page.click('[data-test=password-save]')
    await expect.poll(() => dialog.locator('[data-test=dialog-error]').textContent()).toContain('当前密码不正确')

    // Put right, but the confirmation now differs: the server's refusal goes, the form's own shows.
    await page.fill('input[name=current-password]', reviewer.password)
    await page.fill('input[name=confirm-password]', 'my new desk passwork')
    await page.click('[data-test=password-save]')
    await expect.poll(() => dialog.locator('.el-form-item__error').allTextContents()).toEqual(['两次输入的新密码不一致'])
    expect(await dialog.locator('[data-test=dialog-error]').count()).toBe(0)
    await page.fill('input[name=confirm-password]', 'my new desk password')
    expect(await messageAfter(page, 'success', () => page.click('[data-test=password-save]'))).toContain('密码已修改')
    await dialog.waitFor({ state: 'hidden' })

    await page.click('[data-test=sign-out]')
    await page.waitForURL(/\/desk\/sign-in/)
    await page.fill('input[name=username]', reviewer.username)
    await page.fill('input[name=password]', reviewer.password)
    await page.click('[data-test=sign-in]')
    await expect.poll(() => page.locator('.el-alert--error').first().textContent()).toContain('用户名或密码错误')
    await signInOnDesk(page, reviewer.username, 'my new desk password')
  })

  it('verifies the audit chain from the browser, and finds an entry by action and target', async () => {
    // A user name as long as one may be (32): its sign-in is the newest entry.
    const longName = `supervisor.of.northern.sites.${Math.floor(Math.random() * 900 + 100)}`
    await suite.server.admin.createStaff({ role: 'supervisor', username: longName })
    await signIn(suite.server.url, longName)
    const admin = await desk.newPage()
    await signInOnDesk(admin, 'admin', suite.server.adminPassword)
    await admin.click('[data-test=menu-admin-audit]')
    await expect.poll(() => admin.locator('[data-test=audit-table] .el-table__row').count()).toBeGreaterThan(0)
    // Cut to the column, it ends in … (the tooltip gives it whole), as the IP line below it does.
    const actor = admin.locator('[data-test=audit-actor]', { hasText: longName }).first()
    expect(await actor.evaluate((el) => {
      const { getComputedStyle } = globalThis as unknown as { getComputedStyle: (element: unknown) => { textOverflow: string, whiteSpace: string, overflow: string } }
      const style = getComputedStyle(el)
      return [style.textOverflow, style.whiteSpace, style.overflow]
    })).toEqual(['ellipsis', 'nowrap', 'hidden'])
    // Actions are named in words, their codes beside them for the filter.
    const actions = await admin.locator('[data-test=audit-action]').allTextContents()
    expect(actions.map(a => a.trim())).toContain('登录')
    expect(actions.map(a => a.trim())).toContain('创建人员账号')
    await admin.click('[data-test=audit-verify]')
    await expect.poll(() => admin.locator('[data-test=audit-report]').textContent()).toContain('审计链完整')
    // The end to note down, given back next time: the chain still reaches it.
    const noted = /记录值 (\d+:[0-9a-f]{16})/.exec(await admin.locator('[data-test=audit-report]').textContent() ?? '')?.[1]
    expect(noted).toBeTruthy()
    await admin.fill(input('audit-anchor'), noted!)
    await admin.click('[data-test=audit-verify]')
    await expect.poll(() => admin.locator('[data-test=audit-report]').textContent()).toContain(`仍包含所记链尾第 ${noted!.split(':')[0]} 条`)
    await admin.fill(input('audit-anchor'), '12')
    await admin.click('[data-test=audit-verify]')
    await expect.poll(() => admin.getByText('链尾记录应为“序号:哈希值”').isVisible()).toBe(true)
    await admin.fill(input('audit-anchor'), '')

    // Picked from the list by name, and found by the user name typed as the target.
    await admin.click('[data-test=audit-filter-action]')
    await admin.locator('.el-select-dropdown__item:visible', { hasText: /^创建人员账号$/ }).click()
    await admin.fill(input('audit-filter-target'), agent.username)
    await admin.click('[data-test=audit-search]')
    await admin.waitForURL(/action=staff\.create/)
    await expect.poll(() => admin.locator('[data-test=audit-target]').allTextContents()).toEqual([agent.username])
    // Its detail opens in the row, in words, and as recorded below.
    await admin.locator('[data-test=audit-table] .el-table__expand-icon').first().click()
    await expect.poll(() => admin.locator('[data-test=audit-detail-worded]').textContent()).toContain(`用户名${agent.username}`)
    expect(await admin.locator('[data-test=audit-detail-worded]').textContent()).toContain('角色外勤专员')
    // Its sites by name and code, as everywhere else on the desk, not by id.
    await expect.poll(() => admin.locator('[data-test=audit-detail-worded]').textContent()).toContain(`网点${agentSite.name}（${agentSite.code}）`)
    await admin.locator('.desk-admin__recorded summary').first().click()
    await expect.poll(() => admin.locator('[data-test=audit-detail]').first().textContent()).toContain(`username${agent.username}`)

    // Today as both ends of the range is the whole of today, not up to its first midnight.
    await admin.click('[data-test=audit-filter-range] input >> nth=0')
    const panel = admin.locator('.el-date-range-picker:visible')
    await panel.locator('td.today').first().click()
    await panel.locator('td.today').first().click()
    await panel.locator('.el-picker-panel__footer .el-button', { hasText: '确定' }).click()
    await admin.click('[data-test=audit-search]')
    await admin.waitForURL(/to=/)
    // 23:59:59 in China (the desk's time zone), in UTC in the URL.
    expect(new URL(admin.url()).searchParams.get('to')).toMatch(/T15:59:59\.000Z$/)
    await expect.poll(() => admin.locator('[data-test=audit-target]').allTextContents()).toEqual([agent.username])
  })

  it('adds a category with a level to the programme, publishes it, and removes it again', async () => {
    interface Current { version: number, settings: ProgrammeSettings }
    const before = await suite.server.admin.json<Current>('/api/admin/programme')
    const admin = await desk.newPage()
    await signInOnDesk(admin, 'admin', suite.server.adminPassword)
    await admin.click('[data-test=menu-admin-programme]')
    await admin.waitForSelector('[data-test=programme-categories]')

    // A code the shared schema refuses is refused on the spot, and so is one already taken.
    await admin.fill(input('new-category-code'), 'Student')
    await admin.click('[data-test=add-category]')
    await expect.poll(() => admin.locator('.el-message--error').last().textContent()).toContain('代码须以小写字母开头')
    await admin.fill(input('new-category-code'), before.settings.categories[0]!.code)
    await admin.click('[data-test=add-category]')
    await expect.poll(() => admin.locator('.el-message--error').last().textContent()).toContain('已存在')

    await admin.fill(input('new-category-code'), 'e2e_student')
    await admin.click('[data-test=add-category]')
    await admin.fill(input('category-e2e_student-name-zh'), '学生会员')
    await admin.fill(input('category-e2e_student-name-en'), 'Student')
    await admin.fill(input('category-e2e_student-new-level-code'), 'gold')
    await admin.click('[data-test=category-e2e_student-add-level]')
    await admin.fill(input('level-e2e_student-gold-name-zh'), '金卡')

    // Nothing the schema refuses is sent: an empty English name stops the publication.
    await admin.fill(input('level-e2e_student-gold-name-en'), '')
    await admin.click('[data-test=programme-publish]')
    // Named as the screen labels it, in words: no schema path, no Zod message.
    await expect.poll(() => admin.locator('[data-test=programme-issues] li').allTextContents()).toEqual(['学生会员 · 等级 gold · 名称（英文）：必填'])
    expect((await suite.server.admin.json<Current>('/api/admin/programme')).version).toBe(before.version)

    await admin.fill(input('level-e2e_student-gold-name-en'), 'Gold')
    await admin.click('[data-test=programme-publish]')
    expect(await answerConfirmation(admin, '发布新版本')).toContain('本次修改：会员类别：新增 学生会员。')
    await expect.poll(async () => (await suite.server.admin.json<Current>('/api/admin/programme')).version).toBe(before.version + 1)
    const published = await suite.server.admin.json<Current>('/api/admin/programme')
    expect(published.settings.categories.find(category => category.code === 'e2e_student')).toMatchObject({
      name: { 'zh-CN': '学生会员', 'en': 'Student' },
      applicantTypes: ['individual'],
      levels: [{ code: 'gold', name: { 'zh-CN': '金卡', 'en': 'Gold' } }],
    })
    expect(published.settings.categories.map(category => category.code)).toEqual([...before.settings.categories.map(category => category.code), 'e2e_student'])

    // A reload of the screen (a deep desk URL: its texts load before it renders) shows it.
    await admin.reload()
    await expect.poll(() => admin.locator('[data-test=category-e2e_student]').textContent()).toContain('学生会员')
    expect(await admin.locator('[data-test=category-e2e_student]').textContent()).toContain('金卡')
    expect(await admin.locator('h1').textContent()).toContain('会员计划')

    await admin.click('[data-test=category-e2e_student] .el-collapse-item__header')
    // The button is clicked once the panel has opened; on a loaded machine a click while it
    // still moved could miss it (no question asked): clicked again then, not waited on for 30 s.
    const confirmRemove = admin.locator('.el-message-box__btns .el-button--primary')
    for (let attempt = 1; !await confirmRemove.isVisible(); attempt++) {
      await admin.click('[data-test=category-e2e_student-remove]')
      await confirmRemove.waitFor({ timeout: 5_000 }).catch((error: unknown) => {
        if (attempt === 3)
          throw error
      })
    }
    await confirmRemove.click()
    await expect.poll(() => admin.locator('[data-test=category-e2e_student]').count()).toBe(0)
    // The duplicate rules are programme settings too: a shared mobile now weighs 55.
    await admin.fill(input('weight-same_mobile'), '55')
    await admin.press(input('weight-same_mobile'), 'Tab')
    // And the programme's own name, shown as it stands.
    expect(await admin.inputValue(input('programme-name-zh'))).toBe(before.settings.name['zh-CN'])
    await admin.fill(input('programme-name-en'), 'Field Enrol Membership')
    await admin.click('[data-test=programme-publish]')
    await answerConfirmation(admin, '发布新版本')
    await expect.poll(async () => (await suite.server.admin.json<Current>('/api/admin/programme')).version).toBe(before.version + 2)
    const removed = await suite.server.admin.json<Current>('/api/admin/programme')
    expect(removed.settings.categories.map(category => category.code)).toEqual(before.settings.categories.map(category => category.code))
    expect(removed.settings.duplicateRules.weights).toEqual({ ...before.settings.duplicateRules.weights, same_mobile: 55 })
    expect(removed.settings.name).toEqual({ ...before.settings.name, en: 'Field Enrol Membership' })

    // In English every label stays on its own line, beside its field: the longer English labels
    // once wrapped in a column sized for Chinese and ran into the next setting.
    await admin.click('[data-test=locale-en]')
    await expect.poll(() => admin.locator('h1').textContent()).toContain('Programme')
    const overflowing = await admin.locator('.desk-admin__form .el-form-item__label').evaluateAll(labels => labels
      .filter(label => label.scrollWidth > label.clientWidth || label.scrollHeight > label.clientHeight + 1)
      .map(label => label.textContent))
    expect(overflowing).toEqual([])
    await admin.click('[data-test=locale-zh-CN]')
  })

  it('the overview warns until a backup is taken, then names it', async () => {
    const admin = await desk.newPage()
    await signInOnDesk(admin, 'admin', suite.server.adminPassword)
    await admin.goto('/desk')
    await expect.poll(() => admin.locator('[data-test=backup-warning]').textContent()).toContain('还没有做过备份')
    expect(await admin.locator('[data-test=last-backup]').textContent()).toContain('尚无备份记录')
    // A tablet whose clock is an hour slow is counted among the devices to see to (with any other test's).
    const slow = await signIn(suite.server.url, agent.username, agent.password)
    await slow.json('/api/sync/pull', { headers: { 'X-Device-Time': new Date(Date.now() - 60 * 60_000).toISOString() } })
    const { devices } = await suite.server.admin.json<{ devices: { clockOff: number } }>('/api/admin/overview')
    expect(devices.clockOff).toBeGreaterThanOrEqual(1)
    await admin.reload()
    await expect.poll(() => admin.locator('[data-test=clock-off-devices]').textContent()).toContain(`${devices.clockOff} 台设备的时钟与服务器相差超过 5 分钟`)
    // The e2e server takes its key from FIELD_ENROL_DATA_KEY: named with its fingerprint, no warning.
    expect(await admin.locator('[data-test=data-key]').getAttribute('data-source')).toBe('environment')
    expect(await admin.locator('[data-test=overview-backup]').textContent()).toMatch(/指纹 [0-9a-f]{16}/)
    expect(await admin.locator('[data-test=data-key-warning]').count()).toBe(0)
    // The room on the data folder's disk, as the server's file system tells it.
    const { storage } = await suite.server.admin.json<{ storage: { freeBytes: number, totalBytes: number, low: boolean } }>('/api/admin/overview')
    expect(storage.totalBytes).toBeGreaterThan(0)
    expect(await admin.locator('[data-test=storage]').textContent()).toMatch(/可用 [\d.,]+ [KMGT]?B，共 [\d.,]+ [KMGT]?B（[\d.]+%）/)
    expect(await admin.locator('[data-test=storage-warning]').count()).toBe(storage.low ? 1 : 0)
    // A disk nearly full (this test cannot fill the machine's): the server's answer stands in.
    await admin.route('**/api/admin/overview', async (route) => {
      const response = await route.fetch()
      const body = await response.json()
      await route.fulfill({ response, json: { ...body, storage: { freeBytes: 1.5 * 1024 ** 3, totalBytes: 500 * 1024 ** 3, low: true } } })
    })
    await admin.reload()
    await expect.poll(() => admin.locator('[data-test=storage-warning]').textContent()).toContain('服务器数据目录所在磁盘仅剩 1.5 GB（0.3%）')
    expect(await admin.locator('[data-test=storage]').textContent()).toContain('可用 1.5 GB，共 500 GB（0.3%）')
    await admin.unroute('**/api/admin/overview')

    // The operator's command on the server, against the running server's data.
    const target = mkdtempSync(join(tmpdir(), 'field-enrol-e2e-backup-'))
    try {
      const backup = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', '--to', target], {
        env: { ...process.env, DATA_DIR: suite.server.dataDir, FIELD_ENROL_DATA_KEY: suite.server.dataKey },
        encoding: 'utf8',
      })
      expect(backup.status, backup.stderr).toBe(0)
    }
    finally {
      rmSync(target, { recursive: true, force: true })
    }
    await admin.reload()
    await expect.poll(() => admin.locator('[data-test=last-backup]').textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日.*份申请/)
    expect(await admin.locator('[data-test=backup-warning]').count()).toBe(0)
  })
})
