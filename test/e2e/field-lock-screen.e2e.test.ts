import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { useE2eSuite } from './support/e2e-suite'
import { deviceRecords, fill, next, openList, signInOnField, startEnrolment, unlock, waitForFirstSync, wizardApplicationId } from './support/field-app'

/**
 * The lock screen's own actions, after a reload in the middle of an enrolment: a wrong
 * password is refused in words and the entry below stays; 退出登录 / 切换用户 with unsynced
 * work names it first, 取消 goes back to the password, 仍然退出 signs out — the lock goes
 * with the session, so the sign-in page is usable — and another agent signs in on the same
 * tablet and sees none of the first one's work, which is still on the device for them.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('the lock screen', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff
  let colleague: E2eStaff
  let draftId: string

  const lock = () => page.locator('[data-test=lock-screen]')

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '顺义网点', regionCode: '110113' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    colleague = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    await startEnrolment(page, '个人')
    draftId = wizardApplicationId(page)
    await next(page)
    await fill(page, 'person.name', '齐天')
    await page.waitForSelector('[data-test=save-state]:has-text("已保存")')
    await page.reload()
    await lock().waitFor()
  })

  it('a wrong password is refused in words; the entry below is untouched', async () => {
    await page.fill('input[name=unlock-password]', 'wrong-password')
    await page.click('[data-test=unlock]')
    // Only a password is asked: the words say so, not the sign-in's 用户名或密码错误.
    await expect.poll(() => page.locator('[data-test=unlock-error]').textContent()).toContain('密码错误')
    expect(await page.locator('[data-test=unlock-error]').textContent()).not.toContain('用户名')
    expect(await lock().isVisible()).toBe(true)
    expect(await page.inputValue('input[name=unlock-password]')).toBe('')
    expect((await deviceRecords(page, agent.id, 'applications')).find(a => a.id === draftId)?.data.person.name).toBe('齐天')
  })

  it('切换用户 with unsynced work names it first; 取消 goes back to the password', async () => {
    await page.click('[data-test=lock-sign-out]')
    await expect.poll(() => lock().textContent()).toContain('还有 1 条申请尚未同步')
    await lock().getByRole('button', { name: '取消' }).click()
    await page.locator('input[name=unlock-password]').waitFor()
    expect(new URL(page.url()).pathname).toMatch(/^\/field\/enrol\//)
  })

  it('仍然退出 signs out: the lock goes with the session and the sign-in page works', async () => {
    await page.click('[data-test=lock-sign-out]')
    await page.click('[data-test=lock-sign-out-confirm]')
    await page.waitForURL(/\/field\/sign-in/)
    await expect.poll(() => lock().isVisible()).toBe(false)
    // The draft stays on the device, in the first agent's database.
    expect((await deviceRecords(page, agent.id, 'applications')).find(a => a.id === draftId)?.data.person.name).toBe('齐天')
  })

  it('another agent signs in on the tablet and sees none of it; the first finds the draft again', async () => {
    await signInOnField(page, colleague.username, colleague.password)
    await waitForFirstSync(page)
    await openList(page, 'drafts')
    expect(await page.locator('[data-test^="application-"]').count()).toBe(0)

    await page.click('[data-test=tab-device]')
    await page.click('[data-test=sign-out]')
    await page.waitForURL(/\/field\/sign-in/)
    await signInOnField(page, agent.username, agent.password)
    await openList(page, 'drafts')
    await expect.poll(() => page.locator('[data-test^="application-"]').textContent()).toContain('齐天')
  })

  it('a reload after that locks again, and the password unlocks', async () => {
    await page.reload()
    await unlock(page, agent.password)
    await openList(page, 'drafts')
    await expect.poll(() => page.locator('[data-test^="application-"]').textContent()).toContain('齐天')
  })
})
