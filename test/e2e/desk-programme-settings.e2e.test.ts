import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { answerConfirmation, messageAfter, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * 会员计划's settings that desk-admin and desk-admin-edges leave alone, edited as an
 * administrator works the screen — each field found by its label, as a screen reader finds
 * it: the review deadline, family size, the membership term (which the screen once did not
 * offer at all), attachment limit, the three retention periods, the
 * re-visit schedule, the privacy notice and member terms (versions and both languages),
 * and a category's minimum age, applicant types and required materials. Published, the
 * server holds each value as typed (GET /api/admin/programme), and the reloaded page shows
 * them again. A notice text changed without a new version is refused before it is sent.
 */

const chromiumPath = inject('chromiumPath')

interface Current { version: number, settings: ProgrammeSettings }

describe.skipIf(!chromiumPath)('programme settings', () => {
  const suite = useE2eSuite()
  let page: Page

  const field = (label: string): Locator => page.getByLabel(label, { exact: true })
  /** Types into an el-input-number found by its label and leaves it, as a user tabs on. */
  async function typeNumber(label: string, value: number): Promise<void> {
    await field(label).fill(String(value))
    await field(label).press('Tab')
  }
  /**
   * Opens `select` and clicks `option` in its list. On a loaded machine the list can close
   * again between opening and the click (the opening click taken twice): then it is opened
   * again, up to three times, rather than waited on for 30 s.
   */
  async function chooseInList(select: Locator, option: string): Promise<void> {
    const item = page.locator('.el-select-dropdown__item:visible', { hasText: option }).first()
    for (let attempt = 1; ; attempt++) {
      if (!await item.isVisible())
        await select.click()
      try {
        await item.click({ timeout: 5_000 })
        return
      }
      catch (error) {
        if (attempt === 3)
          throw error
      }
    }
  }
  /** Adds a material in a category's multiple select found by its label; returns once the list has closed. */
  async function pickMaterial(panel: Locator, label: string, material: string): Promise<void> {
    const formItem = panel.locator('.el-form-item', { hasText: label })
    await chooseInList(formItem.locator('.el-select'), material)
    await page.keyboard.press('Escape')
    await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' })
    // Taken, not only clicked: a click a loaded machine let the list swallow is tried again.
    if (!(await formItem.locator('.el-select__tags-text, .el-tag', { hasText: material }).count())) {
      await chooseInList(formItem.locator('.el-select'), material)
      await page.keyboard.press('Escape')
    }
    await expect.poll(() => formItem.locator('.el-tag', { hasText: material }).count()).toBe(1)
  }
  /** Picks days of the month the date panel opens on, in a multiple-date picker found by its test id. */
  async function pickDays(testId: string, days: number[]): Promise<void> {
    await page.click(`[data-test=${testId}] input`)
    const panel = page.locator('.el-picker-panel:visible')
    for (const day of days)
      await panel.locator('td.available:not(.prev-month):not(.next-month)', { hasText: new RegExp(`^\\s*${day}\\s*$`) }).first().click()
    await page.keyboard.press('Escape')
    await panel.waitFor({ state: 'hidden' })
  }
  function current(): Promise<Current> {
    return suite.server.admin.json<Current>('/api/admin/programme')
  }
  async function openProgramme(): Promise<void> {
    await page.goto('/desk/admin/programme')
    await page.waitForSelector('[data-test=programme-categories]')
  }

  const NUMBERS: Array<[label: string, value: number, read: (s: ProgrammeSettings) => number]> = [
    ['审核期限（工作日）', 7, s => s.reviewDeadlineWorkingDays],
    ['家庭成员上限', 6, s => s.maxDependants],
    ['会员有效期（年）', 2, s => s.membershipTermYears],
    ['单个材料上限（MB）', 8, s => s.maxAttachmentBytes / (1024 * 1024)],
    ['未入会申请保存期限（天）', 400, s => s.retention.closedApplicationDays],
    ['注销会员保存期限（天）', 1200, s => s.retention.cancelledMemberDays],
    ['平板保留已办结申请（天）', 14, s => s.retention.deviceDays],
    ['入会后首次回访（天）', 45, s => s.revisits.firstAfterDays],
    ['定期回访间隔（天）', 200, s => s.revisits.intervalDays],
    ['未接通后再次回访（天）', 10, s => s.revisits.retryAfterDays],
  ]
  const TEXTS: Array<[label: string, value: string, read: (s: ProgrammeSettings) => string]> = [
    ['隐私告知版本', 'PN-2026-07', s => s.privacyNoticeVersion],
    ['隐私告知（中文）', '我们仅为办理会员业务收集您的个人信息。\n详情请咨询服务台。', s => s.privacyNoticeText['zh-CN']],
    ['隐私告知（英文）', 'We collect your personal information only to run your membership.', s => s.privacyNoticeText.en],
    ['会员须知版本', 'MT-2026-07', s => s.memberTermsVersion],
    ['会员须知（中文）', '会员应遵守本会章程。', s => s.memberTermsText['zh-CN']],
    ['会员须知（英文）', 'Members abide by the constitution.', s => s.memberTermsText.en],
  ]

  beforeAll(async () => {
    page = await (await suite.desk()).newPage()
    await signInOnDesk(page, 'admin', suite.server.adminPassword)
  })

  it('a notice text changed without a new version is refused before it is sent, naming the version to change', async () => {
    const before = await current()
    await openProgramme()
    await field('隐私告知（中文）').fill('新的隐私告知内容。')
    await page.click('[data-test=programme-publish]')
    await expect.poll(() => page.locator('[data-test=programme-issues] li').allTextContents()).toEqual(['隐私告知版本：内容已修改，请同时更新版本号，申请人需按新版本重新确认'])
    expect((await current()).version).toBe(before.version)
  })

  it('edits every general setting, a category\'s age, types and materials, publishes, and finds them on the server and after a reload', async () => {
    const before = await current()
    await openProgramme()
    for (const [label, value] of NUMBERS)
      await typeNumber(label, value)
    for (const [label, value] of TEXTS)
      await field(label).fill(value)

    const standard = before.settings.categories.find(category => category.code === 'standard')!
    expect(standard.applicantTypes).toEqual(['individual'])
    const panel = page.locator('[data-test=category-standard]')
    await panel.locator('.el-collapse-item__header').click()
    await panel.getByLabel('最低年龄', { exact: true }).fill('16')
    await panel.getByLabel('最低年龄', { exact: true }).press('Tab')
    await panel.locator('[data-test=category-standard-types]').getByText('家庭', { exact: true }).click()
    // Ticking a type asks for its materials too; the individual's gain a portrait.
    await pickMaterial(panel, '必需材料（个人）', '本人照片')
    await pickMaterial(panel, '必需材料（家庭）', '证件正面照片')

    // Asked first, since every tablet takes it: which version, what it applies to, what changed.
    await page.click('[data-test=programme-publish]')
    const asked = await answerConfirmation(page, '发布新版本', { cancel: true })
    expect(asked).toContain(`发布第 ${before.version + 1} 版会员计划？各平板在下次同步时收到新版本`)
    expect(asked).toContain('类别、费用和必需材料按新版本校验此后同步的申请')
    expect(asked).toContain('本次修改：会员类别：修改 普通会员；')
    expect(asked).toContain(`隐私告知版本 ${before.settings.privacyNoticeVersion} → PN-2026-07`)
    // Cancelled: nothing sent, and the form as it was.
    expect((await current()).version).toBe(before.version)
    for (const [label, value] of TEXTS)
      expect(await field(label).inputValue(), label).toBe(value)
    expect(await panel.getByLabel('最低年龄', { exact: true }).inputValue()).toBe('16')

    expect(await messageAfter(page, 'success', async () => {
      await page.click('[data-test=programme-publish]')
      await answerConfirmation(page, '发布新版本')
    })).toContain(`已发布第 ${before.version + 1} 版`)
    expect(await page.locator('[data-test=programme-issues]').count()).toBe(0)

    const published = await current()
    expect(published.version).toBe(before.version + 1)
    for (const [label, value, read] of NUMBERS)
      expect(read(published.settings), label).toBe(value)
    for (const [label, value, read] of TEXTS)
      expect(read(published.settings), label).toBe(value)
    const category = published.settings.categories.find(c => c.code === 'standard')!
    expect(category.minimumAge).toBe(16)
    expect(category.applicantTypes).toEqual(['individual', 'family'])
    expect(category.requiredMaterials.individual).toEqual([...standard.requiredMaterials.individual, 'portrait'])
    expect(category.requiredMaterials.family).toEqual(['id_front'])
    // Nothing else moved.
    expect({ ...published.settings, categories: undefined, reviewDeadlineWorkingDays: 0, maxDependants: 0, membershipTermYears: 0, maxAttachmentBytes: 0, retention: undefined, revisits: undefined, privacyNoticeVersion: '', privacyNoticeText: undefined, memberTermsVersion: '', memberTermsText: undefined })
      .toEqual({ ...before.settings, categories: undefined, reviewDeadlineWorkingDays: 0, maxDependants: 0, membershipTermYears: 0, maxAttachmentBytes: 0, retention: undefined, revisits: undefined, privacyNoticeVersion: '', privacyNoticeText: undefined, memberTermsVersion: '', memberTermsText: undefined })

    await page.reload()
    await page.waitForSelector('[data-test=programme-categories]')
    await expect.poll(() => page.locator('.desk-admin__form').count()).toBe(1)
    for (const [label, value] of NUMBERS)
      expect(await field(label).inputValue(), label).toBe(String(value))
    for (const [label, value] of TEXTS)
      expect(await field(label).inputValue(), label).toBe(value)
    await panel.locator('.el-collapse-item__header').click()
    expect(await panel.getByLabel('最低年龄', { exact: true }).inputValue()).toBe('16')
    expect(await panel.locator('[data-test=category-standard-types] .el-checkbox.is-checked').allTextContents()).toEqual(['个人', '家庭'])
    expect(await panel.locator('.el-form-item', { hasText: '必需材料（个人）' }).textContent()).toContain('本人照片')
    expect(await panel.locator('.el-form-item', { hasText: '必需材料（家庭）' }).textContent()).toContain('证件正面照片')
  })
  it('the working calendar: holidays and make-up working days picked on the calendar, refused in both lists, published in date order', async () => {
    const before = await current()
    await openProgramme()
    // The panel opens on the browser's month.
    const month = await page.evaluate('new Date().toISOString().slice(0, 7)') as string
    await pickDays('calendar-holidays', [25, 24])
    await pickDays('calendar-workdays', [24])
    await page.click('[data-test=programme-publish]')
    await expect.poll(() => page.locator('[data-test=programme-issues] li').allTextContents())
      .toEqual([`调休工作日：日期 ${month}-24 不能既是节假日又是调休工作日`])
    expect((await current()).version).toBe(before.version)

    await pickDays('calendar-workdays', [24, 26])
    await page.click('[data-test=programme-publish]')
    expect(await answerConfirmation(page, '发布新版本')).toContain('本次修改：节假日；调休工作日')
    await expect.poll(async () => (await current()).version).toBe(before.version + 1)
    expect((await current()).settings.workingCalendar).toEqual({ holidays: [`${month}-24`, `${month}-25`], workdays: [`${month}-26`] })
  })
})
