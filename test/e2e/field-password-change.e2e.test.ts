import type { BrowserContext, Locator, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { ERROR_MESSAGES } from '#shared/errors/error-codes'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { goOffline, goOnline } from './support/browser'
import { useE2eSuite } from './support/e2e-suite'
import { signInOnField, toastSaying, waitForFirstSync } from './support/field-app'

/**
 * 修改密码 on the tablet (FieldPasswordPopup.vue), on a phone: the new password's rule stays
 * in sight under its field, whole and wrapped, while the agent types (it was a placeholder, cut
 * off at 390 px and gone at the first key); the form's own checks speak first; offline the
 * tablet refuses to send; online a wrong current password is the server's refusal, and the
 * right one changes it. In Chinese and in English (longer words, on the narrower phone).
 */

const chromiumPath = inject('chromiumPath')

const WORDS = {
  'zh-CN': {
    rule: '至少10个字符，不能与当前密码相同',
    label: '新密码',
    checks: ['必填', '至少10个字符', '两次输入的新密码不一致'],
    offline: '修改密码需要联网，请联网后重试',
    done: '密码已修改，下次解锁和离线登录请使用新密码',
  },
  'en': {
    rule: 'At least 10 characters, not the current one',
    label: 'New password',
    checks: ['Required', 'At least 10 characters', 'The two new passwords differ'],
    offline: 'Changing the password needs a network: try again when online',
    done: 'Password changed: use the new one to unlock and to sign in offline',
  },
} as const

describe.skipIf(!chromiumPath)('changing the password on the tablet', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff

  const popup = () => page.locator('[data-test=password-popup]')
  const errors = () => popup().locator('.van-field__error-message').allTextContents()

  async function fillChange(current: string, next: string, confirm = next): Promise<void> {
    await page.fill('input[name=current-password]', current)
    await page.fill('input[name=new-password]', next)
    await page.fill('input[name=confirm-password]', confirm)
  }

  async function openPopup(): Promise<void> {
    await page.click('[data-test=tab-device]')
    await page.click('[data-test=change-password]')
    await popup().waitFor()
    // Risen to its place: the boxes measured below are where the agent sees them.
    await page.waitForFunction(() => !(globalThis as any).document.querySelector('.van-popup-slide-bottom-enter-active'))
  }

  /** Where the rule is, against the viewport, its own box (cut text scrolls) and the new password's input. */
  async function ruleLayout(rule: Locator) {
    return rule.evaluate((el) => {
      const g = globalThis as any
      const input = g.document.querySelector('[data-test=password-popup] input[name=new-password]')
      const box = el.getBoundingClientRect()
      const field = input.getBoundingClientRect()
      return {
        inView: box.left >= 0 && box.right <= g.innerWidth && box.top >= 0 && box.bottom <= g.innerHeight,
        cut: el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight,
        belowInput: box.top >= field.bottom,
        describes: input.getAttribute('aria-describedby') === el.id,
        label: g.document.getElementById(input.getAttribute('aria-labelledby'))?.textContent.trim(),
        placeholder: input.getAttribute('placeholder'),
      }
    })
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '丰台网点', regionCode: '110106' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    context = await suite.tablet()
    page = await context.newPage()
    await page.setViewportSize({ width: 390, height: 844 })
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
  })

  for (const [locale, viewport, password] of [['zh-CN', { width: 390, height: 844 }, 'phone password 01'], ['en', { width: 360, height: 740 }, 'phone password 02']] as const) {
    it(`${locale} at ${viewport.width}×${viewport.height}: the rule in sight while typing; refused offline, changed online`, async () => {
      const words = WORDS[locale]
      await page.setViewportSize(viewport)
      await page.click('[data-test=tab-device]')
      await page.click(`[data-test=language-${locale}]`)
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(locale)
      await openPopup()

      // The rule is help text under the field, whole on screen, and the field keeps its label.
      const rule = popup().locator('[data-test=password-rule] .field-help__text')
      expect(await rule.textContent()).toBe(words.rule)
      const before = await ruleLayout(rule)
      expect(before).toMatchObject({ inView: true, cut: false, belowInput: true, describes: true, label: words.label, placeholder: null })
      // Typing leaves it where it was.
      await page.fill('input[name=new-password]', 'a')
      expect(await rule.isVisible()).toBe(true)
      expect(await ruleLayout(rule)).toEqual(before)

      // The form's own checks, before anything is sent: each under its field, the rule still there.
      await fillChange('', 'short', 'shorter')
      await page.click('[data-test=password-submit]')
      await expect.poll(errors).toEqual(words.checks)
      expect((await ruleLayout(rule)).inView).toBe(true)
      await fillChange(agent.password, agent.password)
      await page.click('[data-test=password-submit]')
      await expect.poll(errors).toEqual([ERROR_MESSAGES['password.unchanged'][locale]])

      // Offline: the tablet does not try, and says why; the popup stays with what was typed.
      await goOffline(context)
      try {
        await fillChange(agent.password, password)
        await page.click('[data-test=password-submit]')
        await expect.poll(() => popup().locator('[data-test=password-error]').textContent()).toContain(words.offline)
        expect(await popup().isVisible()).toBe(true)
        expect(await page.inputValue('input[name=new-password]')).toBe(password)
      }
      finally {
        await goOnline(context)
      }

      // Online: a wrong current password is the server's refusal, in the tablet's language.
      await fillChange('not the current password', password)
      await page.click('[data-test=password-submit]')
      await expect.poll(() => popup().locator('[data-test=password-error]').textContent()).toContain(ERROR_MESSAGES['auth.wrong_password'][locale])

      // The right one changes it: the popup closes, the toast says so, the server signs in with it.
      await page.fill('input[name=current-password]', agent.password)
      await page.click('[data-test=password-submit]')
      await popup().waitFor({ state: 'hidden' })
      await toastSaying(page, words.done)
      const signIn = await fetch(new URL('/api/auth/login', suite.server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: agent.username, password, deviceId: `e2e-password-check-${viewport.width}`, deviceLabel: 'check' }) })
      expect(signIn.status).toBe(200)
      agent = { ...agent, password }
    })
  }
})
