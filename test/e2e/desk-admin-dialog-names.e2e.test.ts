import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { dialogsSettled, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * The administration's form dialogs say what they make or change, in both languages: a new
 * staff account, whose account is being edited, a new site. They were titled 新建 and 编辑
 * alone — the edit dialog never said whose account it held, and a screen reader named each
 * dialog by that one word.
 */

const chromiumPath = inject('chromiumPath')

async function dialogTitled(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.getByRole('dialog', { name, exact: true }).count()).toBe(1)
  await page.keyboard.press('Escape')
  await dialogsSettled(page)
}

describe.skipIf(!chromiumPath)('the administration\'s dialogs by name', () => {
  const suite = useE2eSuite()
  let desk: BrowserContext
  let reviewer: E2eStaff

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '朝阳网点' })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id], displayName: '李审核' })
    desk = await suite.desk()
  })

  it('names a new account, the account edited and a new site, in Chinese and in English', async () => {
    const page = await desk.newPage()
    await signInOnDesk(page, 'admin', suite.server.adminPassword)
    for (const [locale, words] of [
      ['zh-CN', { create: '新建人员账号', edit: '编辑人员账号 · 李审核', site: '新建网点' }],
      ['en', { create: 'New staff account', edit: 'Edit staff account · 李审核', site: 'New site' }],
    ] as const) {
      await page.click(`[data-test=locale-${locale}]`)
      await page.goto('/desk/admin/staff')
      await page.click('[data-test=staff-create]')
      await dialogTitled(page, words.create)
      await page.click(`[data-test="edit-staff-${reviewer.username}"]`)
      await dialogTitled(page, words.edit)
      await page.goto('/desk/admin/sites')
      await page.click('[data-test=site-create]')
      await dialogTitled(page, words.site)
    }
    await page.click('[data-test=locale-zh-CN]')
    await page.close()
  })
})
