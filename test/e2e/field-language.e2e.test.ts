import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { ERROR_MESSAGES } from '#shared/errors/error-codes'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { useE2eSuite } from './support/e2e-suite'
import { startEnrolment, unlock, waitForFirstSync } from './support/field-app'

/**
 * The tablet's language, chosen on the sign-in page (中文 / English) and on the device page:
 * the screen's words change at once, the page says which language it is in (`<html lang>`,
 * read by screen readers and by the browser's spell checker and translator), the choice
 * survives a reload and is used after signing in, and a refusal — the app's own words and
 * the server's answer — comes in that language.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('the tablet\'s language', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff

  const htmlLang = () => page.evaluate(() => (globalThis as any).document.documentElement.lang as string)

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '东城网点', regionCode: '110101' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    context = await suite.tablet()
    page = await context.newPage()
  })

  it('the sign-in page opens in Chinese and switches to English at once', async () => {
    await page.goto('/field')
    await page.waitForSelector('[data-test=sign-in]')
    expect(await page.textContent('h1')).toBe('外勤登录')
    expect(await page.getAttribute('[data-test=locale-zh-CN]', 'aria-pressed')).toBe('true')
    expect(await htmlLang()).toBe('zh-CN')

    await page.click('[data-test=locale-en]')
    await expect.poll(() => page.textContent('h1')).toBe('Field sign-in')
    expect(await page.textContent('[data-test=sign-in]')).toContain('Sign in')
    expect(await page.getAttribute('[data-test=locale-en]', 'aria-pressed')).toBe('true')
    expect(await page.getAttribute('[data-test=locale-zh-CN]', 'aria-pressed')).toBe('false')
    expect(await htmlLang()).toBe('en')
  })

  it('a reload keeps English: the words and the language of the page', async () => {
    await page.reload()
    await page.waitForSelector('[data-test=sign-in]')
    expect(await page.textContent('h1')).toBe('Field sign-in')
    expect(await page.getAttribute('[data-test=locale-en]', 'aria-pressed')).toBe('true')
    expect(await htmlLang()).toBe('en')
  })

  it('a refusal comes in English: the required fields, and a wrong password as the server answers it', async () => {
    await page.click('[data-test=sign-in]')
    await expect.poll(() => page.locator('.van-field__error-message').first().textContent()).toBe('Enter your User name')

    await page.fill('input[name=username]', agent.username)
    await page.fill('input[name=password]', 'not-the-password')
    const answer = page.waitForResponse(response => response.url().endsWith('/api/auth/login'))
    await page.click('[data-test=sign-in]')
    const body = await (await answer).json() as { error: { code: string, message: string } }
    expect(body.error.code).toBe('auth.invalid_credentials')
    // The server reads the request's language: the tablet's, not the browser's (zh-CN here).
    expect(body.error.message).toBe(ERROR_MESSAGES['auth.invalid_credentials'].en)
    await expect.poll(() => page.textContent('[data-test=sign-in-error]')).toContain(ERROR_MESSAGES['auth.invalid_credentials'].en)
  })

  it('signed in, the app is in English; back to Chinese on the device page, which a reload keeps', async () => {
    await page.fill('input[name=username]', agent.username)
    await page.fill('input[name=password]', agent.password)
    await page.click('[data-test=sign-in]')
    await page.waitForURL(/\/field$/)
    await waitForFirstSync(page)
    expect(await page.textContent('[data-test=new-application]')).toContain('New application')
    expect(await page.textContent('[data-test=tab-device]')).toContain('Device')

    await page.click('[data-test=tab-device]')
    expect(await page.locator('[data-test=language-en]').getAttribute('aria-checked')).toBe('true')
    await page.click('[data-test=language-zh-CN]')
    await expect.poll(() => page.textContent('[data-test=tab-device]')).toContain('设备')
    expect(await page.textContent('[data-test=sign-out]')).toContain('退出登录')
    expect(await htmlLang()).toBe('zh-CN')

    await page.reload()
    await unlock(page, agent.password)
    expect(await page.textContent('[data-test=tab-device]')).toContain('设备')
    expect(await page.locator('[data-test=language-zh-CN]').getAttribute('aria-checked')).toBe('true')
    expect(await htmlLang()).toBe('zh-CN')
  })

  it('the words Vant brings follow the language, and follow a switch: a picker\'s 取消/确认 read Cancel/Confirm in English', async () => {
    // The drafts opened here go again, so signing out afterwards has no unsynced work to ask about.
    const deleteDraft = async () => {
      await page.click('[data-test=delete-draft]')
      await page.click('.van-dialog__confirm')
      await page.waitForURL(/\/field$/)
    }
    const pickerButtons = async () => {
      await page.click('[data-field=category]')
      const popup = page.locator('.van-popup--bottom:visible')
      const words = [await popup.locator('.van-picker__cancel').textContent(), await popup.locator('.van-picker__confirm').textContent()].map(text => text?.trim())
      await popup.locator('.van-picker__cancel').click()
      await popup.waitFor({ state: 'hidden' })
      return words
    }
    // Chinese since the reload: Vant speaks it from start-up.
    await page.click('[data-test=tab-applications]')
    await startEnrolment(page, '个人')
    expect(await pickerButtons()).toEqual(['取消', '确认'])
    await deleteDraft()

    // Switched on the device page: at once, without a reload.
    await page.click('[data-test=tab-device]')
    await page.click('[data-test=language-en]')
    await expect.poll(() => page.textContent('[data-test=tab-device]')).toContain('Device')
    await page.click('[data-test=tab-applications]')
    await startEnrolment(page, 'Individual' as '个人')
    expect(await pickerButtons()).toEqual(['Cancel', 'Confirm'])

    // Submitting the empty form: the count of what submitting waits for, its words whole on their lines.
    await page.locator('.van-tab', { hasText: 'Consent and signature' }).click()
    await page.click('[data-test=submit]')
    const toast = page.locator('.van-toast:visible', { hasText: 'items still to fix before submitting' })
    await toast.waitFor()
    expect(await toast.evaluate(el => (globalThis as any).getComputedStyle(el).wordBreak)).toBe('normal')
    // The materials still missing, on one line: parted as English parts them, not by a full-width ；.
    await page.locator('.van-tab', { hasText: 'Materials' }).click()
    await expect.poll(() => page.locator('.van-notice-bar:visible').textContent()).toBe('Missing ID document, front; Missing ID document, back')
    // A list typed in English and shown again after leaving its step reads as English lists it, not "reading、travel".
    await page.locator('.van-tab', { hasText: 'Applicant' }).click()
    await page.fill('input[name="person.interests"]', 'reading, travel')
    await page.locator('.van-tab', { hasText: 'Materials' }).click()
    await page.locator('.van-tab', { hasText: 'Applicant' }).click()
    await expect.poll(() => page.inputValue('input[name="person.interests"]')).toBe('reading, travel')
    await deleteDraft()
    await page.click('[data-test=tab-device]')

    // The change-password popup (teleported out of the layout) keeps the layout's label column.
    await page.click('[data-test=change-password]')
    const label = page.locator('[data-test=password-popup] .van-field__label', { hasText: 'New password again' })
    expect(await label.evaluate(el => Math.round(el.getBoundingClientRect().height / Number.parseFloat((globalThis as any).getComputedStyle(el).lineHeight)))).toBeLessThanOrEqual(2)
    await page.click('[data-test=password-popup] [data-test=popup-close]')
    await page.locator('[data-test=password-popup]').waitFor({ state: 'hidden' })
  })

  it('on a phone, English fits: the bar\'s title beside the sync chip (offline), every list\'s name whole', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    try {
      await page.click('[data-test=tab-applications]')
      await page.waitForURL(/\/field$/)
      await context.setOffline(true)
      await expect.poll(() => page.textContent('[data-test=sync-chip]')).toContain('Offline · All synced')
      const bar = await page.evaluate(() => {
        const g = globalThis as any
        const box = (selector: string) => g.document.querySelector(selector).getBoundingClientRect() as { left: number, right: number }
        return { title: box('.field-layout__nav .van-nav-bar__title'), chip: box('[data-test=sync-chip]'), width: g.innerWidth as number }
      })
      // Side by side, not one over the other, and the chip on screen.
      expect(bar.chip.left).toBeGreaterThanOrEqual(bar.title.right)
      expect(bar.chip.right).toBeLessThanOrEqual(bar.width)
      // "Needs action" read "Needs…": each list's name is shown whole (the row scrolls instead).
      const cut = await page.locator('.field-home .van-tab__text').evaluateAll(titles => titles.filter(el => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight).map(el => el.textContent))
      expect(cut).toEqual([])
      expect(await page.locator('.field-home .van-tab').allTextContents()).toContain('Needs action')
    }
    finally {
      await context.setOffline(false)
      await page.setViewportSize({ width: 800, height: 1280 })
      await page.click('[data-test=tab-device]')
    }
  })

  it('after signing out, the sign-in page keeps the English chosen on the device page', async () => {
    await page.click('[data-test=language-en]')
    await expect.poll(() => page.textContent('[data-test=tab-device]')).toContain('Device')
    await page.click('[data-test=sign-out]')
    await page.waitForURL(/\/field\/sign-in/)
    expect(await page.textContent('h1')).toBe('Field sign-in')
    expect(await htmlLang()).toBe('en')
  })
})
