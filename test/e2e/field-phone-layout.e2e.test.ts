import type { BrowserContext, Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { TABLET_VIEWPORT } from './support/browser'
import { useE2eSuite } from './support/e2e-suite'
import { next, signInOnField, startEnrolment, waitForFirstSync } from './support/field-app'

/**
 * The field app on a phone (390×844, and 360×740 in English, whose words are longer): agents
 * carry phones as well as tablets. What an earlier look at those sizes found cut off, squeezed
 * or too small for a finger, each held here to its fix — and the tablet's layout kept.
 */

const chromiumPath = inject('chromiumPath')

const PHONE = { width: 390, height: 844 }
const SMALL_PHONE = { width: 360, height: 740 }

type Locale = 'zh-CN' | 'en'
const WORDS = {
  'zh-CN': { individual: '个人', declinedHint: '申请人拒绝提供此项' },
  'en': { individual: 'Individual', declinedHint: 'The applicant declined to give this' },
} as const

describe.skipIf(!chromiumPath)('the field app at a phone\'s width', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page

  /** The tablet's language, chosen on the device page (in-app: a reload would lock the app). */
  async function useLanguage(locale: Locale): Promise<void> {
    await page.click('[data-test=tab-device]')
    await page.click(`[data-test=language-${locale}]`)
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(locale)
    await page.click('[data-test=tab-applications]')
    await page.waitForURL(/\/field$/)
  }

  /** A new individual's applicant step, in the tablet's current language. */
  async function openApplicantStep(locale: Locale): Promise<void> {
    await startEnrolment(page, WORDS[locale].individual as '个人')
    await next(page)
    await page.locator('[data-step=person]').waitFor()
  }

  async function deleteDraft(): Promise<void> {
    await page.click('[data-test=delete-draft]')
    await page.click('.van-dialog__confirm')
    await page.waitForURL(/\/field$/)
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '通州网点', regionCode: '110112' })
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
  })

  it('a declined item\'s note shows whole under its field, and reads with its input', async () => {
    for (const [locale, viewport] of [['zh-CN', PHONE], ['en', SMALL_PHONE]] as const) {
      await page.setViewportSize(viewport)
      await useLanguage(locale)
      await openApplicantStep(locale)
      await page.click('[data-test="declined-person.email"]')
      const hint = page.locator('[data-test="declined-hint-person.email"] .field-help__text')
      expect(await hint.textContent()).toBe(WORDS[locale].declinedHint)
      // It was the empty input's placeholder, cut off after a few characters.
      const layout = await hint.evaluate((el) => {
        const g = globalThis as any
        el.scrollIntoView({ block: 'center' })
        const input = g.document.querySelector('input[name="person.email"]')
        const box = el.getBoundingClientRect()
        return {
          whole: el.scrollWidth <= el.clientWidth && box.left >= 0 && box.right <= g.innerWidth,
          belowInput: box.top >= input.getBoundingClientRect().bottom,
          describes: input.getAttribute('aria-describedby') === el.id,
          placeholder: input.getAttribute('placeholder'),
        }
      })
      expect(layout, locale).toEqual({ whole: true, belowInput: true, describes: true, placeholder: null })

      // Given after all: the note goes, and the input is no longer described by it.
      await page.click('[data-test="declined-person.email"]')
      await hint.waitFor({ state: 'detached' })
      expect(await page.getAttribute('input[name="person.email"]', 'aria-describedby')).toBeNull()
      await deleteDraft()
    }
    await page.setViewportSize(TABLET_VIEWPORT)
  })
})
