import type { BrowserContext, Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeResidentId, makeUscc } from '../fixtures/applications'
import { TABLET_VIEWPORT } from './support/browser'
import { useE2eSuite } from './support/e2e-suite'
import { enrolIndividual, goToStep, listItem, next, noToastShown, openList, signInOnField, startEnrolment, syncNow, waitForFirstSync } from './support/field-app'
import { reviewDesk } from './support/review-api'

/**
 * The field app on a phone (390×844, and 360×740 in English, whose words are longer): agents
 * carry phones as well as tablets. What an earlier look at those sizes found cut off, squeezed
 * or too small for a finger, each held here to its fix — and the tablet's layout kept.
 */

const chromiumPath = inject('chromiumPath')

const PHONE = { width: 390, height: 844 }
const SMALL_PHONE = { width: 360, height: 740 }
const DECLINABLE = ['person.email', 'person.occupation', 'person.employer', 'person.interests', 'person.referrer']

type Locale = 'zh-CN' | 'en'
const WORDS = {
  'zh-CN': { individual: '个人', organisation: '单位/企业', declinedHint: '申请人拒绝提供此项', consentStep: '同意与签名' },
  'en': { individual: 'Individual', organisation: 'Organisation', declinedHint: 'The applicant declined to give this', consentStep: 'Consent and signature' },
} as const

describe.skipIf(!chromiumPath)('the field app at a phone\'s width', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  /** 欧阳晓梅's, enrolled and synced by the list's test. */
  let receiptNo: string
  let site: { id: string }

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

  /**
   * Where a finger lands on a control: its box, and whether a tap 1 px inside its top and
   * bottom edges (at its middle) reaches it — not the row around it, which clips what passes it.
   * Scrolled to the middle of the screen first, clear of the wizard's bars, once no toast
   * (shown there) covers it.
   */
  async function tapArea(control: Locator) {
    await control.evaluate(el => el.scrollIntoView({ block: 'center' }))
    await noToastShown(page)
    return control.evaluate((el) => {
      const g = globalThis as any
      const box = el.getBoundingClientRect()
      const x = box.left + box.width / 2
      return {
        width: Math.round(box.width),
        height: Math.round(box.height),
        reachedAtTop: el.contains(g.document.elementFromPoint(x, box.top + 1)),
        reachedAtBottom: el.contains(g.document.elementFromPoint(x, box.bottom - 1)),
      }
    })
  }

  /** How many lines the text of `element` takes, and whether it ends inside the screen. */
  async function textLines(element: Locator) {
    return element.evaluate((el) => {
      const g = globalThis as any
      const range = g.document.createRange()
      range.selectNodeContents(el)
      const box = el.getBoundingClientRect()
      return { lines: new Set([...range.getClientRects()].map((rect: any) => Math.round(rect.top))).size, onScreen: box.right <= g.innerWidth }
    })
  }

  beforeAll(async () => {
    site = await suite.server.admin.createSite({ name: '通州网点', regionCode: '110112' })
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

  it('a declinable field keeps room for its input on a phone, the 拒绝提供 box moving under it; on a tablet the box stays beside it', async () => {
    await page.setViewportSize(SMALL_PHONE)
    await useLanguage('en')
    await openApplicantStep('en')
    const rows = () => page.evaluate((paths) => {
      const g = globalThis as any
      const measure = g.document.createElement('canvas').getContext('2d')
      return paths.map((path: string) => {
        const input = g.document.querySelector(`input[name="${path}"]`)
        const box = g.document.querySelector(`[data-test="declined-${path}"]`).getBoundingClientRect()
        const field = input.getBoundingClientRect()
        const style = g.getComputedStyle(input)
        measure.font = `${style.fontSize} ${style.fontFamily}`
        return {
          path,
          // 42 px at 360 in English: "Optional" read "Optior".
          placeholderFits: measure.measureText(input.placeholder).width <= input.clientWidth,
          boxOnScreen: box.left >= 0 && box.right <= g.innerWidth,
          apart: box.top >= field.bottom || box.left >= field.right,
          sameRow: box.top < field.bottom && box.bottom > field.top,
        }
      })
    }, DECLINABLE)
    for (const row of await rows())
      expect(row).toMatchObject({ path: row.path, placeholderFits: true, boxOnScreen: true, apart: true })

    await page.setViewportSize(TABLET_VIEWPORT)
    for (const row of await rows())
      expect(row).toMatchObject({ path: row.path, placeholderFits: true, sameRow: true, apart: true })
    await deleteDraft()
  })

  it('checkboxes, the language\'s radios and the wizard\'s delete button take a 44 px finger; a tablet\'s rows keep their height', async () => {
    await page.setViewportSize(PHONE)
    await useLanguage('zh-CN')
    await openApplicantStep('zh-CN')
    // An icon alone: it was 40 px wide.
    const remove = await tapArea(page.locator('[data-test=delete-draft]'))
    expect(remove.width).toBeGreaterThanOrEqual(44)
    expect(remove.height).toBeGreaterThanOrEqual(44)

    const fingerSized = async (selector: string) => {
      const area = await tapArea(page.locator(selector))
      expect(area.height, selector).toBeGreaterThanOrEqual(44)
      expect(area, selector).toMatchObject({ reachedAtTop: true, reachedAtBottom: true })
    }
    // 20 px tall, each of them.
    for (const path of DECLINABLE)
      await fingerSized(`[data-test="declined-${path}"]`)
    await goToStep(page, WORDS['zh-CN'].consentStep)
    for (const flag of ['personalInfo', 'sensitiveInfo', 'memberTerms', 'marketing'])
      await fingerSized(`[data-test=consent-${flag}]`)

    // On a tablet, a row with a box in it is as tall as any other one-line row.
    await page.setViewportSize(TABLET_VIEWPORT)
    await goToStep(page, '申请人')
    const heights = await page.evaluate(() => ['input[name="person.name"]', 'input[name="person.occupation"]'].map(input => Math.round((globalThis as any).document.querySelector(input).closest('.van-cell').getBoundingClientRect().height)))
    expect(heights[1]).toBe(heights[0])
    await deleteDraft()

    await page.setViewportSize(PHONE)
    await page.click('[data-test=tab-device]')
    for (const locale of ['zh-CN', 'en'])
      await fingerSized(`[data-test=language-${locale}]`)
    await page.setViewportSize(TABLET_VIEWPORT)
  })

  it('the wizard\'s bar keeps each button\'s label and the save state on one line on a phone; on a tablet they share one row', async () => {
    /** Lines a text runs over: the distinct tops of its line boxes. */
    const bar = () => page.evaluate(() => {
      const g = globalThis as any
      const lines = (el: any) => {
        const range = g.document.createRange()
        range.selectNodeContents(el)
        return new Set([...range.getClientRects()].map((rect: any) => Math.round(rect.top))).size
      }
      const saved = g.document.querySelector('[data-test=save-state]')
      const buttons = [...g.document.querySelectorAll('.enrol-wizard__bar .van-button')] as any[]
      const savedBox = saved.getBoundingClientRect()
      return {
        saved: { text: saved.textContent.trim(), lines: lines(saved), onScreen: savedBox.left >= 0 && savedBox.right <= g.innerWidth },
        buttons: buttons.map(button => ({
          label: button.textContent.trim(),
          lines: lines(button.querySelector('.van-button__text')),
          whole: button.scrollWidth <= button.clientWidth + 1,
          onScreen: button.getBoundingClientRect().left >= 0 && button.getBoundingClientRect().right <= g.innerWidth,
          tall: button.getBoundingClientRect().height >= 44,
        })),
        sameRow: buttons.every(button => button.getBoundingClientRect().top < savedBox.bottom && button.getBoundingClientRect().bottom > savedBox.top),
      }
    })
    const oneLine = { lines: 1, whole: true, onScreen: true, tall: true }
    for (const [locale, viewport] of [['en', PHONE], ['en', SMALL_PHONE], ['zh-CN', PHONE]] as const) {
      await page.setViewportSize(viewport)
      await useLanguage(locale)
      await openApplicantStep(locale)
      await page.locator('[data-test=save-state]', { hasText: /\d/ }).waitFor()
      // A middle step (上一步 / 下一步), then the last (上一步 / 提交申请: "Submit application"
      // broke onto two lines at 390, and so did "Saved 15:50:01" beside it).
      for (const step of ['person', 'consent']) {
        if (step === 'consent')
          await goToStep(page, { 'zh-CN': '同意与签名', 'en': 'Consent and signature' }[locale])
        const now = await bar()
        const where = `${locale} at ${viewport.width}, ${step}`
        expect(now.saved, where).toMatchObject({ lines: 1, onScreen: true })
        expect(now.buttons, where).toHaveLength(2)
        for (const button of now.buttons)
          expect(button, `${where}: ${button.label}`).toMatchObject(oneLine)
      }
      await deleteDraft()
    }
    // On a tablet the save state stays beside the buttons.
    await page.setViewportSize(TABLET_VIEWPORT)
    await useLanguage('en')
    await openApplicantStep('en')
    await goToStep(page, 'Consent and signature')
    const tablet = await bar()
    expect(tablet.sameRow).toBe(true)
    for (const button of tablet.buttons)
      expect(button, button.label).toMatchObject(oneLine)
    await deleteDraft()
    await useLanguage('zh-CN')
  })

  it('the home\'s search says whole what it searches on a phone, 新建申请 on a row of its own; on a tablet they share one', async () => {
    const top = () => page.evaluate(() => {
      const g = globalThis as any
      const input = g.document.querySelector('.field-home input[name=search]')
      const button = g.document.querySelector('[data-test=new-application]').getBoundingClientRect()
      const search = g.document.querySelector('.field-home__search').getBoundingClientRect()
      const style = g.getComputedStyle(input)
      const measure = g.document.createElement('canvas').getContext('2d')
      measure.font = `${style.fontSize} ${style.fontFamily}`
      return {
        // 190 px of 272 in Chinese at 390, 118 of 350 in English at 360.
        placeholderFits: measure.measureText(input.placeholder).width <= input.clientWidth,
        buttonOnScreen: button.left >= 0 && button.right <= g.innerWidth && button.height >= 44,
        sameRow: button.top < search.bottom && button.bottom > search.top,
      }
    })
    for (const [locale, viewport] of [['zh-CN', PHONE], ['en', SMALL_PHONE]] as const) {
      await page.setViewportSize(viewport)
      await useLanguage(locale)
      expect(await top(), `${locale} at ${viewport.width}`).toEqual({ placeholderFits: true, buttonOnScreen: true, sameRow: false })
    }
    await page.setViewportSize(TABLET_VIEWPORT)
    expect(await top()).toEqual({ placeholderFits: true, buttonOnScreen: true, sameRow: true })
  })

  it('a list\'s item breaks its line between the receipt number and the date, never inside the date', async () => {
    await page.setViewportSize(TABLET_VIEWPORT)
    await useLanguage('zh-CN')
    receiptNo = await enrolIndividual(page, context, { name: '欧阳晓梅', idNumber: makeResidentId('1990-03-07', 'female', { region: '110112' }), mobile: '13800138099', street: '通州新华大街 8 号', photoSeed: 60 })
    await page.click('[data-test=back-to-list]')
    await syncNow(page)
    await openList(page, 'synced')
    for (const [locale, viewport] of [['zh-CN', PHONE], ['en', SMALL_PHONE]] as const) {
      await page.setViewportSize(viewport)
      await useLanguage(locale)
      // 已同步 / Synced: the lists' fifth tab.
      await page.locator('.field-home .van-tab').nth(4).click()
      // One line box: it was 2026 / 年12月7日 at 390.
      const date = listItem(page, receiptNo).locator('[data-test=list-captured-at]')
      expect(await date.evaluate(el => el.getClientRects().length), locale).toBe(1)
      expect(await date.evaluate(el => el.getBoundingClientRect().right <= (globalThis as any).innerWidth), locale).toBe(true)
    }
    await page.setViewportSize(TABLET_VIEWPORT)
  })

  it('a page and a wizard\'s step open at their top, not where the last one was scrolled to', async () => {
    await page.setViewportSize(PHONE)
    await useLanguage('zh-CN')
    const scrolled = () => page.evaluate(() => Math.round((globalThis as any).scrollY))
    const toFoot = async () => {
      await page.evaluate(() => (globalThis as any).scrollTo(0, (globalThis as any).document.documentElement.scrollHeight))
      expect(await scrolled()).toBeGreaterThan(100)
    }

    // 下一步 at the foot of the summary opened the consent past its privacy notice.
    await openApplicantStep('zh-CN')
    await goToStep(page, '核对信息')
    await toFoot()
    await next(page)
    await page.locator('[data-step=consent]').waitFor()
    expect(await scrolled()).toBe(0)
    await deleteDraft()

    // The receipt from the foot of an application's page came up with its title scrolled away.
    await openList(page, 'synced')
    await listItem(page, receiptNo).click()
    await page.waitForURL(/\/field\/applications\//)
    expect(await scrolled()).toBe(0)
    await toFoot()
    await page.click('[data-test=show-receipt]')
    await page.waitForURL(/\/field\/receipt\//)
    await page.locator('[data-test=receipt-number]').waitFor()
    expect(await scrolled()).toBe(0)
    // Back returns to where the application's page was left.
    const foot = await page.goBack().then(() => page.waitForURL(/\/field\/applications\//)).then(scrolled)
    expect(foot).toBeGreaterThan(100)
    await page.setViewportSize(TABLET_VIEWPORT)
  })

  it('the server look-up keeps a receipt number and a date each on one line, the status apart from them', async () => {
    for (const [locale, viewport] of [['zh-CN', PHONE], ['en', SMALL_PHONE]] as const) {
      await page.setViewportSize(viewport)
      await useLanguage(locale)
      await page.click('[data-test=open-lookup]')
      const item = page.locator(`[data-test=server-lookup] [data-test=lookup-item][data-receipt-no="${receiptNo}"]`)
      await item.waitFor()
      const layout = await item.evaluate((el) => {
        const g = globalThis as any
        const lines = (part: any) => {
          const range = g.document.createRange()
          range.selectNodeContents(part)
          return new Set([...range.getClientRects()].map((rect: any) => Math.round(rect.top))).size
        }
        const receipt = el.querySelector('[data-test=lookup-receipt]')
        const status = el.querySelector('[data-test=lookup-status]').getBoundingClientRect()
        return {
          // XH01-…-00000 / 1-X at 360 in English; "submitted Dec / 7, 2026".
          receiptLines: lines(receipt),
          dateLines: lines(el.querySelector('[data-test=lookup-submitted-at]')),
          apart: receipt.getBoundingClientRect().right + 4 <= status.left,
          onScreen: status.right <= g.innerWidth,
        }
      })
      expect(layout, `${locale} at ${viewport.width}`).toEqual({ receiptLines: 1, dateLines: 1, apart: true, onScreen: true })
      await page.locator('[data-test=server-lookup] [data-test=popup-close]').click()
      await page.locator('[data-test=server-lookup]').waitFor({ state: 'hidden' })
    }
    await page.setViewportSize(TABLET_VIEWPORT)
    await useLanguage('zh-CN')
  })

  it('an 18-character code shows whole in its input on a phone, the label above it; on a tablet the label stays beside it', async () => {
    /** How the field of `path` lies: its typed value whole in the input, and the label's place. */
    const field = (path: string) => page.locator(`input[name="${path}"]`).evaluate((input) => {
      const g = globalThis as any
      const label = input.closest('.van-field').querySelector('.van-field__label').getBoundingClientRect()
      const box = input.getBoundingClientRect()
      return {
        whole: input.scrollWidth <= input.clientWidth && box.left >= 0 && box.right <= g.innerWidth,
        labelAbove: label.bottom <= box.top,
        labelBeside: label.right <= box.left && label.top < box.bottom,
      }
    })
    const uscc = makeUscc({ region: '310104' })
    const idNumber = makeResidentId('1988-03-09', 'female')
    for (const [locale, viewport] of [['zh-CN', PHONE], ['en', SMALL_PHONE]] as const) {
      await page.setViewportSize(viewport)
      await useLanguage(locale)
      // The organisation's code: its last character is the GB 32100 check the agent compares.
      await startEnrolment(page, WORDS[locale].organisation as '单位/企业')
      await next(page)
      await page.locator('input[name="organisation.uscc"]').fill(uscc)
      expect(await field('organisation.uscc'), `${locale} uscc`).toMatchObject({ whole: true, labelAbove: true })
      await page.setViewportSize(TABLET_VIEWPORT)
      expect(await field('organisation.uscc'), `${locale} uscc on a tablet`).toMatchObject({ whole: true, labelBeside: true })
      await page.setViewportSize(viewport)
      await deleteDraft()
      // An applicant's ID number likewise.
      await openApplicantStep(locale)
      await page.locator('input[name="person.idNumber"]').fill(idNumber)
      expect(await field('person.idNumber'), `${locale} ID number`).toMatchObject({ whole: true, labelAbove: true })
      await deleteDraft()
    }
    await page.setViewportSize(TABLET_VIEWPORT)
  })

  it('the summary the applicant checks, and the application\'s page, keep an 18-character ID number on one line on a phone', async () => {
    /** Line boxes of the value of the summary row for `path` (it broke as 11010519900307 / 1234 at 390). */
    const valueLines = (path: string) => textLines(page.locator(`[data-test=summary-row][data-path="${path}"] .van-cell__value`).first())
    for (const [locale, viewport] of [['zh-CN', PHONE], ['en', SMALL_PHONE]] as const) {
      await page.setViewportSize(viewport)
      await useLanguage(locale)
      // The application's page of 欧阳晓梅's, synced by the list's test.
      await page.locator('.field-home .van-tab').nth(4).click()
      await listItem(page, receiptNo).click()
      await page.waitForURL(/\/field\/applications\//)
      expect(await valueLines('person.idNumber'), `${locale} at ${viewport.width}: the application's page`).toEqual({ lines: 1, onScreen: true })
      await page.click('[data-test=tab-applications]')
      await page.waitForURL(/\/field$/)
      // The wizard's 核对信息, with a new applicant's ID number.
      await openApplicantStep(locale)
      await page.locator('input[name="person.idNumber"]').fill(makeResidentId('1988-03-09', 'female'))
      await page.locator('input[name="person.idNumber"]').blur()
      await page.locator('.enrol-wizard .van-tab').nth(4).click()
      await page.locator('[data-step=summary]').waitFor()
      expect(await valueLines('person.idNumber'), `${locale} at ${viewport.width}: 核对信息`).toEqual({ lines: 1, onScreen: true })
      await deleteDraft()
    }
    await page.setViewportSize(TABLET_VIEWPORT)
    await useLanguage('zh-CN')
  })

  it('the wizard\'s first step keeps the receipt number on one line on a phone, the check character with it', async () => {
    for (const [locale, viewport] of [['zh-CN', PHONE], ['en', SMALL_PHONE]] as const) {
      await page.setViewportSize(viewport)
      await useLanguage(locale)
      await startEnrolment(page, WORDS[locale].individual as '个人')
      // It broke as EAAA-0JMN-000001- / D: Vant gave the value half the row.
      expect(await textLines(page.locator('[data-test=basic-receipt-no] .van-cell__value')), `${locale} at ${viewport.width}`).toEqual({ lines: 1, onScreen: true })
      await deleteDraft()
    }
    await page.setViewportSize(TABLET_VIEWPORT)
    await useLanguage('zh-CN')
  })

  // Last: it returns 欧阳晓梅's application, which the tests above find among the synced.
  it('a returned application\'s items give the reviewer\'s note the row, 已修改/未修改 only the room it needs', async () => {
    const reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
    const desk = reviewDesk(suite.server.url, reviewer)
    await desk.act(receiptNo, 'start_review')
    await desk.act(receiptNo, 'return', { items: [{ kind: 'field', ref: 'person.address.detail', note: '门牌号与身份证不一致，请核实后补充详细地址' }] })
    await page.setViewportSize(PHONE)
    await useLanguage('zh-CN')
    await syncNow(page)
    await openList(page, 'returned')
    await listItem(page, receiptNo).click()
    const item = page.locator('[data-test="return-item-person.address.detail"]')
    await item.waitFor()
    // 详细地址（门牌号与身份证不一致，请核实后补充详细地址） took four lines in half the row.
    expect((await textLines(item.locator('.van-cell__title'))).lines).toBeLessThanOrEqual(2)
    expect(await textLines(item.locator('.van-cell__value'))).toEqual({ lines: 1, onScreen: true })
    await page.setViewportSize(TABLET_VIEWPORT)
  })
})
