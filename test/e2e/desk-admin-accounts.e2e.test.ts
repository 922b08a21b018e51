import type { Locator, Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import type { SiteRecord, StaffAccount } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { signIn } from './support/api-client'
import { answerConfirmation, answerNextDialog, chooseInDialog, dialogsSettled, endDeskSession, messageAfter, openApplication, pushDemoApplications, queueRows, signInAgain, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * The administrator's changes to people and sites, made at the desk and checked where they
 * matter: a disabled account's sessions end at once (its token is refused, its open desk
 * goes back to sign-in, and it cannot sign in again) until it is enabled; a reviewer moved
 * to another site and made a supervisor works with the new sites and role from the next
 * request; a field agent is taken off a site only after a question saying what becomes of the
 * work taken there; a site switched off is saved and said so; and the last administrator can be
 * neither demoted nor disabled, the refusal shown where the change was asked for. What is
 * typed into a new account or an edit survives the session ending mid-way (for that
 * administrator only, and never the password) until it is saved or cancelled. An edit saved
 * after another administrator changed the account is refused, and the form carries this
 * administrator's change onto theirs rather than overwriting it.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('accounts and sites at the desk', () => {
  const suite = useE2eSuite()
  let admin: Page
  let chaoyang: SiteRecord
  let haidian: SiteRecord
  let atChaoyang: DemoApplication
  let atHaidian: DemoApplication

  /** The row whose user name is `username` exactly ('admin' is in other names too). */
  function staffRow(username: string): Locator {
    const exactly = new RegExp(`^\\s*${username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)
    return admin.locator('[data-test=staff-table] .el-table__row').filter({ has: admin.locator('td:first-child', { hasText: exactly }) })
  }
  async function siteRecord(id: string): Promise<SiteRecord | undefined> {
    return (await suite.server.admin.json<{ items: SiteRecord[] }>('/api/admin/sites')).items.find(site => site.id === id)
  }
  async function staffAccount(username: string): Promise<StaffAccount> {
    const { items } = await suite.server.admin.json<{ items: StaffAccount[] }>('/api/admin/staff')
    return items.find(account => account.username === username)!
  }
  /** The receipt numbers the bearer of `token` is shown in the review queue. */
  async function queueOf(token: string): Promise<string[]> {
    const response = await fetch(new URL('/api/review/applications?pageSize=100', suite.server.url), { headers: { Authorization: `Bearer ${token}` } })
    expect(response.status).toBe(200)
    return ((await response.json()) as { items: Array<{ receiptNo: string }> }).items.map(item => item.receiptNo).sort()
  }
  /** The staff page, loaded afresh (accounts are created behind its back). */
  async function openStaffPage(): Promise<void> {
    await admin.goto('/desk/admin/staff')
    await admin.locator('[data-test=staff-table] .el-table__row').first().waitFor()
  }

  beforeAll(async () => {
    chaoyang = await suite.server.admin.createSite({ name: '朝阳网点' })
    haidian = await suite.server.admin.createSite({ name: '海淀网点' })
    ;[atChaoyang] = await pushDemoApplications(suite.server, await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [chaoyang.id] }), chaoyang, [1]) as [DemoApplication]
    ;[atHaidian] = await pushDemoApplications(suite.server, await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [haidian.id] }), haidian, [2]) as [DemoApplication]
    admin = await (await suite.desk()).newPage()
    await signInOnDesk(admin, 'admin', suite.server.adminPassword)
  })

  it('disabling an account ends its sessions and bars sign-in; enabling it lets the person sign in again', async () => {
    const reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [chaoyang.id], displayName: '孙审核' })
    const token = (await signIn(suite.server.url, reviewer.username, reviewer.password)).token
    const desk = await (await suite.desk()).newPage()
    await signInOnDesk(desk, reviewer.username, reviewer.password)
    expect(await queueOf(token)).toEqual([atChaoyang.application.receiptNo])

    await openStaffPage()
    const toggle = admin.locator(`[data-test="toggle-staff-${reviewer.username}"]`)
    // Asked first, by name; cancelled, nothing changes.
    await toggle.click()
    const box = admin.locator('.el-message-box')
    await box.waitFor()
    expect(await box.locator('.el-message-box__title').textContent()).toBe('停用')
    expect(await box.locator('.el-message-box__message').textContent()).toContain('孙审核')
    await box.getByRole('button', { name: '取消' }).click()
    await box.waitFor({ state: 'hidden' })
    expect((await staffAccount(reviewer.username)).disabled).toBe(false)
    expect(await queueOf(token)).toEqual([atChaoyang.application.receiptNo])

    await toggle.click()
    await box.waitFor()
    await box.locator('.el-message-box__btns .el-button--primary', { hasText: '停用' }).click()
    await expect.poll(() => staffRow(reviewer.username).locator('.el-tag').textContent()).toContain('已停用')
    expect((await toggle.textContent())?.trim()).toBe('启用')
    expect((await staffAccount(reviewer.username)).disabled).toBe(true)

    // Every session ended: the token is refused, and the open desk goes back to sign-in.
    const refused = await fetch(new URL('/api/review/applications', suite.server.url), { headers: { Authorization: `Bearer ${token}` } })
    expect(refused.status).toBe(401)
    await desk.click('[data-test=queue-refresh]')
    await desk.waitForURL(/\/desk\/sign-in/)
    await desk.waitForSelector('[data-test=session-expired]')
    // And no new one can start.
    await desk.fill('input[name=username]', reviewer.username)
    await desk.fill('input[name=password]', reviewer.password)
    await desk.click('[data-test=sign-in]')
    await expect.poll(() => desk.locator('[data-test=sign-in-error]').textContent()).toContain('账号已停用')

    await toggle.click()
    await expect.poll(() => staffRow(reviewer.username).locator('.el-tag').textContent()).toContain('启用')
    expect((await toggle.textContent())?.trim()).toBe('停用')
    expect((await staffAccount(reviewer.username)).disabled).toBe(false)
    await signInOnDesk(desk, reviewer.username, reviewer.password)
    await expect.poll(() => queueRows(desk).count()).toBe(1)
    // The sessions ended stay ended.
    expect((await fetch(new URL('/api/review/applications', suite.server.url), { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401)
  })

  it('revoking a desk browser ends its session there with the reason; the person signs in again as a new device', async () => {
    const reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [chaoyang.id], displayName: '钱审核' })
    const desk = await (await suite.desk()).newPage()
    await signInOnDesk(desk, reviewer.username, reviewer.password)
    await expect.poll(() => queueRows(desk).count()).toBe(1)
    interface Device { id: string, label: string, revokedAt: string | null }
    const devicesOf = async () => (await suite.server.admin.json<{ items: Device[] }>(`/api/admin/devices?staffId=${reviewer.id}`)).items
    const [browser] = await devicesOf()
    expect(browser?.label).toMatch(/^Desk · /)
    await suite.server.admin.json(`/api/admin/devices/${browser!.id}/revoke`, { method: 'POST' })

    // Its next call signs the desk out and says why (not the tablet's "local data wiped").
    await desk.click('[data-test=queue-refresh]')
    await desk.waitForURL(/\/desk\/sign-in/)
    expect(await desk.locator('[data-test=session-expired]').textContent()).toContain('管理员已停用此浏览器上的登录')
    // The password still lets the person in: this browser is registered anew, the revoked row stays revoked.
    await signInOnDesk(desk, reviewer.username, reviewer.password)
    await expect.poll(() => queueRows(desk).count()).toBe(1)
    const devices = await devicesOf()
    expect(devices).toHaveLength(2)
    expect(devices.find(d => d.id === browser!.id)?.revokedAt).not.toBeNull()
    expect(devices.find(d => d.id !== browser!.id)).toMatchObject({ label: browser!.label, revokedAt: null })
  })

  it('a reviewer moved to another site, then made a supervisor, works with the new sites and role', async () => {
    const reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [chaoyang.id], displayName: '周审核' })
    const token = (await signIn(suite.server.url, reviewer.username, reviewer.password)).token
    expect(await queueOf(token)).toEqual([atChaoyang.application.receiptNo])

    await openStaffPage()
    await admin.click(`[data-test="edit-staff-${reviewer.username}"]`)
    const dialog = admin.locator('.el-dialog:visible')
    await dialog.waitFor()
    expect(await dialog.locator('[data-test=staff-role]').textContent()).toContain('审核员')
    // 海淀 added, 朝阳 taken away (a chosen option is chosen again to remove it).
    await admin.click('[data-test=staff-sites]')
    await admin.locator('.el-select-dropdown__item:visible', { hasText: `${haidian.code} 海淀网点` }).click()
    await admin.locator('.el-select-dropdown__item:visible', { hasText: `${chaoyang.code} 朝阳网点` }).click()
    await dialog.locator('.el-dialog__title').click()
    expect(await messageAfter(admin, 'success', () => admin.click('[data-test=staff-save]'))).toContain('已保存')
    await expect.poll(() => staffRow(reviewer.username).textContent()).toContain('海淀网点')
    expect(await staffRow(reviewer.username).textContent()).not.toContain('朝阳网点')
    expect((await staffAccount(reviewer.username)).siteIds).toEqual([haidian.id])
    // From the next request, with the same session: 海淀's applications, not 朝阳's.
    expect(await queueOf(token)).toEqual([atHaidian.application.receiptNo])

    await admin.click(`[data-test="edit-staff-${reviewer.username}"]`)
    await dialog.waitFor()
    await chooseInDialog(admin, 'staff-role', '主管')
    await admin.click('[data-test=staff-save]')
    await expect.poll(() => staffRow(reviewer.username).textContent()).toContain('主管')
    expect((await staffAccount(reviewer.username)).role).toBe('supervisor')
    // A supervisor sees every site's applications.
    expect(await queueOf(token)).toEqual([atChaoyang.application.receiptNo, atHaidian.application.receiptNo].sort())
    const desk = await (await suite.desk()).newPage()
    await signInOnDesk(desk, reviewer.username, reviewer.password)
    expect(await desk.locator('[data-test=desk-role]').textContent()).toContain('主管')
  })

  // The desk asks the server who is signed in at each load (desk-session.store.ts `refresh`),
  // so a change of sites made meanwhile reaches the page's own checks, not only the server's list.
  it('a reviewer moved to another site while signed in can decide on its applications', async () => {
    const reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [chaoyang.id], displayName: '吴审核' })
    const desk = await (await suite.desk()).newPage()
    await signInOnDesk(desk, reviewer.username, reviewer.password)
    await suite.server.admin.updateStaff(reviewer.id, { siteIds: [haidian.id] })
    await desk.reload()
    await expect.poll(() => queueRows(desk).count()).toBe(1)
    await openApplication(desk, atHaidian.application.receiptNo)
    await desk.locator('[data-test=action-start_review]').waitFor({ timeout: 5_000 })
  })

  it('taking a field agent off a site asks first, saying what becomes of the work taken there; cancelled, nothing changes', async () => {
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [chaoyang.id, haidian.id], displayName: '吴外勤' })
    await openStaffPage()
    await admin.click(`[data-test="edit-staff-${agent.username}"]`)
    const dialog = admin.locator('.el-dialog:visible')
    await dialog.waitFor()
    await admin.click('[data-test=staff-sites]')
    await admin.locator('.el-select-dropdown__item:visible', { hasText: `${chaoyang.code} 朝阳网点` }).click()
    await dialog.locator('.el-dialog__title').click()
    await admin.click('[data-test=staff-save]')
    expect(await answerConfirmation(admin, '移出网点', { cancel: true })).toBe('将 吴外勤 移出朝阳网点？移出后，吴外勤 在这些网点录入的申请：平板上尚未同步的将无法提交，已提交的也不能再由其修改或撤回；已收到的申请和会员不受影响。重新分配这些网点即可恢复。')
    // Still open with the change, nothing saved.
    expect(await dialog.isVisible()).toBe(true)
    expect((await staffAccount(agent.username)).siteIds).toEqual([chaoyang.id, haidian.id].sort())

    expect(await messageAfter(admin, 'success', async () => {
      await admin.click('[data-test=staff-save]')
      await answerConfirmation(admin, '移出网点')
    })).toContain('已保存')
    await expect.poll(async () => (await staffAccount(agent.username)).siteIds).toEqual([haidian.id])

    // Given a site back, nothing is taken away: saved without a question.
    await admin.click(`[data-test="edit-staff-${agent.username}"]`)
    await dialog.waitFor()
    await admin.click('[data-test=staff-sites]')
    await admin.locator('.el-select-dropdown__item:visible', { hasText: `${chaoyang.code} 朝阳网点` }).click()
    await dialog.locator('.el-dialog__title').click()
    expect(await messageAfter(admin, 'success', () => admin.click('[data-test=staff-save]'))).toContain('已保存')
    expect(await admin.locator('.el-message-box').count()).toBe(0)
    await expect.poll(async () => (await staffAccount(agent.username)).siteIds).toEqual([chaoyang.id, haidian.id].sort())
  })

  it('switching a site off asks first, saying what it means; confirmed, it is saved and said so; switched on again (no question), it is active', async () => {
    const site = await suite.server.admin.createSite({ name: '丰台网点' })
    await admin.click('[data-test=menu-admin-sites]')
    const input = admin.getByRole('switch', { name: `启用 ${site.code}` })
    const toggle = admin.locator('.el-switch', { has: input })
    await toggle.waitFor()
    expect(await input.getAttribute('aria-checked')).toBe('true')

    // Cancelled: still on, nothing saved.
    await toggle.click()
    const asked = await answerConfirmation(admin, '停用网点', { cancel: true })
    expect(asked).toBe(`停用网点 丰台网点（${site.code}）？各平板下次同步后不再提供此网点，外勤人员不能再为它新建申请；平板上已有的申请照常同步，已收到的申请和会员不受影响，可随时重新启用。`)
    expect(await input.getAttribute('aria-checked')).toBe('true')
    expect((await siteRecord(site.id))?.active).toBe(true)

    expect(await messageAfter(admin, 'success', async () => {
      await toggle.click()
      await answerConfirmation(admin, '停用网点')
    })).toContain('已保存')
    await expect.poll(async () => (await siteRecord(site.id))?.active).toBe(false)
    await expect.poll(() => input.getAttribute('aria-checked')).toBe('false')
    await admin.reload()
    await expect.poll(() => input.getAttribute('aria-checked')).toBe('false')
    expect((await suite.server.admin.json<{ items: SiteRecord[] }>('/api/admin/sites?active=true')).items.map(s => s.id)).not.toContain(site.id)

    expect(await messageAfter(admin, 'success', () => toggle.click())).toContain('已保存')
    expect(await admin.locator('.el-message-box').count()).toBe(0)
    await expect.poll(() => input.getAttribute('aria-checked')).toBe('true')
    await expect.poll(async () => (await siteRecord(site.id))?.active).toBe(true)
  })

  it('the last administrator can be neither made a reviewer nor disabled: the refusal shows, 停用 is not offered on one\'s own row, and nothing changes', async () => {
    const other = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [chaoyang.id], displayName: '郑审核' })
    await openStaffPage()
    await admin.click('[data-test="edit-staff-admin"]')
    const dialog = admin.locator('.el-dialog:visible')
    await dialog.waitFor()
    await chooseInDialog(admin, 'staff-role', '审核员')
    await admin.click('[data-test=staff-save]')
    await expect.poll(() => dialog.locator('[data-test=dialog-error]').textContent()).toContain('这是最后一位在用的管理员')
    // The dialog stays open with the role chosen.
    await dialogsSettled(admin)
    expect(await dialog.locator('[data-test=staff-role]').textContent()).toContain('审核员')
    expect((await staffAccount('admin')).role).toBe('admin')
    await dialog.getByRole('button', { name: '取消' }).click()
    await dialogsSettled(admin)

    // One's own account: no 停用 (the server would refuse it, staff.cannot_disable_self), and why.
    expect(await admin.locator('[data-test="toggle-staff-admin"]').count()).toBe(0)
    const self = staffRow('admin').locator('[data-test=staff-self]')
    expect(await self.textContent()).toBe('本人账号')
    expect(await self.getAttribute('title')).toBe('不能停用自己的账号，请由另一位管理员停用')
    // Other rows still offer it.
    expect(await admin.locator(`[data-test="toggle-staff-${other.username}"]`).count()).toBe(1)
    expect(await staffRow('admin').locator('.el-tag').textContent()).toContain('启用')
    expect(await staffAccount('admin')).toMatchObject({ role: 'admin', disabled: false })
  })

  it('a new account or an edit being typed survives the session ending, for that administrator only, never with its password', async () => {
    const other = await suite.server.admin.createStaff({ role: 'admin', siteIds: [], displayName: '另一位管理员' })
    const dialog = admin.locator('.el-dialog:visible')
    const username = admin.locator('input[name=staff-username]')
    const displayName = admin.locator('input[name=staff-display-name]')
    const password = admin.locator('input[name=staff-password]')
    await openStaffPage()
    await admin.click('[data-test=staff-create]')
    await dialog.waitFor()
    await username.fill('kept.agent')
    await displayName.fill('赵保留')
    // A multiple choice: the list stays open after the click, and closes on a click beside it.
    await dialogsSettled(admin)
    await admin.click('[data-test=staff-sites]')
    await admin.locator('.el-select-dropdown__item:visible', { hasText: '朝阳网点' }).click()
    await dialog.locator('.el-dialog__title').click()
    await admin.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' })
    await password.fill('a password kept nowhere')

    // The session ends while the form is open: saved, the desk goes to sign in.
    await endDeskSession(admin, suite.server.url)
    await admin.click('[data-test=staff-save]')
    // Someone else signs in at this desk: nothing of the first administrator's form is theirs.
    await signInAgain(admin, other.username, other.password, '/desk/admin/staff')
    await admin.locator('[data-test=staff-table] .el-table__row').first().waitFor()
    await dialogsSettled(admin)
    expect(await admin.locator('.el-dialog:visible').count()).toBe(0)
    await admin.click('[data-test=staff-create]')
    await dialog.waitFor()
    expect(await username.inputValue()).toBe('')
    await dialog.locator('[data-test=dialog-cancel]').click()
    await dialogsSettled(admin)

    // Signed in again as themself, the form opens as it was left — the password to type again.
    await endDeskSession(admin, suite.server.url, { notice: true })
    await signInAgain(admin, 'admin', suite.server.adminPassword, '/desk/admin/staff')
    await dialog.waitFor()
    expect(await username.inputValue()).toBe('kept.agent')
    expect(await displayName.inputValue()).toBe('赵保留')
    expect(await dialog.locator('[data-test=staff-sites]').textContent()).toContain('朝阳网点')
    expect(await password.inputValue()).toBe('')
    // Closed with Escape and opened again: still there.
    await admin.keyboard.press('Escape')
    await dialogsSettled(admin)
    await admin.click('[data-test=staff-create]')
    await dialog.waitFor()
    expect(await displayName.inputValue()).toBe('赵保留')
    await password.fill('a password typed again')
    expect(await messageAfter(admin, 'success', () => admin.click('[data-test=staff-save]'))).toContain('已保存')
    await staffRow('kept.agent').waitFor()
    expect(await staffAccount('kept.agent')).toMatchObject({ displayName: '赵保留', siteIds: [chaoyang.id] })
    // Saved, the draft is gone: 新建 opens empty.
    await dialogsSettled(admin)
    await admin.click('[data-test=staff-create]')
    await dialog.waitFor()
    expect(await username.inputValue()).toBe('')
    await dialog.locator('[data-test=dialog-cancel]').click()
    await dialogsSettled(admin)

    // An edit likewise; 取消 gives it up.
    await admin.click('[data-test="edit-staff-kept.agent"]')
    await dialog.waitFor()
    await displayName.fill('赵已改')
    await endDeskSession(admin, suite.server.url)
    await admin.click('[data-test=staff-save]')
    await signInAgain(admin, 'admin', suite.server.adminPassword, '/desk/admin/staff')
    await dialog.waitFor()
    expect(await username.inputValue()).toBe('kept.agent')
    expect(await displayName.inputValue()).toBe('赵已改')
    expect((await staffAccount('kept.agent')).displayName).toBe('赵保留')
    await dialog.locator('[data-test=dialog-cancel]').click()
    await dialogsSettled(admin)
    await admin.click('[data-test="edit-staff-kept.agent"]')
    await dialog.waitFor()
    expect(await displayName.inputValue()).toBe('赵保留')
    await dialog.locator('[data-test=dialog-cancel]').click()
    await dialogsSettled(admin)

    // A reset password is never kept, not even through Escape.
    await admin.click('[data-test="reset-password-kept.agent"]')
    await dialog.waitFor()
    await admin.fill('input[name=reset-password]', 'a reset password')
    await admin.keyboard.press('Escape')
    await dialogsSettled(admin)
    await admin.click('[data-test="reset-password-kept.agent"]')
    await dialog.waitFor()
    expect(await admin.inputValue('input[name=reset-password]')).toBe('')
    await dialog.locator('[data-test=dialog-cancel]').click()
    await dialogsSettled(admin)
  })

  it('an account someone else changed while its edit is open: saving is refused as changed first, the form carries only this administrator\'s change onto theirs, and saving again keeps both', async () => {
    const account = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [chaoyang.id], displayName: '钱审核' })
    const dialog = admin.locator('.el-dialog:visible')
    const displayName = admin.locator('input[name=staff-display-name]')
    await openStaffPage()
    await admin.click(`[data-test="edit-staff-${account.username}"]`)
    await dialog.waitFor()
    await displayName.fill('钱新名')

    // Another administrator, through the API, moves the reviewer while the dialog shows version 1.
    await suite.server.admin.updateStaff(account.id, { siteIds: [haidian.id] })
    await admin.click('[data-test=staff-save]')
    await expect.poll(() => dialog.locator('[data-test=dialog-error]').textContent()).toContain('其他管理员已先修改了此账号')
    // Nothing of this edit reached the server; the form shows their site and keeps the name typed.
    expect(await staffAccount(account.username)).toMatchObject({ displayName: '钱审核', siteIds: [haidian.id], version: 2 })
    expect(await displayName.inputValue()).toBe('钱新名')
    expect(await dialog.locator('[data-test=staff-sites]').textContent()).toContain('海淀网点')
    expect(await dialog.locator('[data-test=staff-sites]').textContent()).not.toContain('朝阳网点')

    // Saved again, on the version now shown: both changes stand.
    expect(await messageAfter(admin, 'success', () => admin.click('[data-test=staff-save]'))).toContain('已保存')
    await dialogsSettled(admin)
    expect(await staffAccount(account.username)).toMatchObject({ displayName: '钱新名', siteIds: [haidian.id], version: 3 })
    expect(await staffRow(account.username).textContent()).toContain('钱新名')
  })

  it('a reload while an edit is kept is asked about first: staying keeps it; once given up, the page reloads without a question', async () => {
    const account = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [chaoyang.id], displayName: '孙原名' })
    const dialog = admin.locator('.el-dialog:visible')
    const displayName = admin.locator('input[name=staff-display-name]')
    const asked: string[] = []
    await openStaffPage()
    await admin.click(`[data-test="edit-staff-${account.username}"]`)
    await dialog.waitFor()
    await displayName.fill('孙未保存')
    await admin.keyboard.press('Escape')
    await dialogsSettled(admin)

    // The draft is only in the tab's memory: the browser asks; the administrator stays.
    answerNextDialog(admin, async (question) => {
      asked.push(question.type())
      await question.dismiss()
    })
    await admin.evaluate('location.reload()')
    await expect.poll(() => asked).toEqual(['beforeunload'])
    await admin.click(`[data-test="edit-staff-${account.username}"]`)
    await dialog.waitFor()
    expect(await displayName.inputValue()).toBe('孙未保存')

    // 取消 gives it up: nothing is left to lose, and a reload asks nothing.
    await dialog.locator('[data-test=dialog-cancel]').click()
    await dialogsSettled(admin)
    const withdraw = answerNextDialog(admin, async (question) => {
      asked.push(question.type())
      await question.accept()
    })
    await admin.reload()
    await admin.locator('[data-test=staff-table] .el-table__row').first().waitFor()
    withdraw()
    expect(asked).toEqual(['beforeunload'])
    expect((await staffAccount(account.username)).displayName).toBe('孙原名')
  })
})
