import type { Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { TABLET_VIEWPORT } from './support/browser'
import { useE2eSuite } from './support/e2e-suite'
import { check, fill, fillAddress, goToStep, next, sign, signInOnField, startEnrolment, takePhoto, waitForFirstSync } from './support/field-app'

/**
 * The wizard's title bar (back arrow, which enrolment this is) while the signature pad is
 * used, on a phone and on the tablet: opening the pad scrolled it into view and the bar went
 * up with the page, half out of sight or wholly, so neither the title nor the way back could
 * be seen or tapped. It stays whole at the top, and a tap on its arrow — where it is, with
 * nothing scrolled first — leaves the wizard.
 */

const chromiumPath = inject('chromiumPath')

const PHONE = { width: 390, height: 844 }

interface BarPlace { top: number, bottom: number, scrolled: number, arrowOnTop: boolean, titleOnTop: boolean, arrow: { x: number, y: number } }

async function titleBar(page: Page): Promise<BarPlace> {
  return page.locator('.enrol-wizard .van-nav-bar').evaluate((bar) => {
    const g = globalThis as any
    const box = bar.getBoundingClientRect()
    const onTop = (element: any): boolean => {
      const at = element.getBoundingClientRect()
      return bar.contains(g.document.elementFromPoint(at.x + at.width / 2, at.y + at.height / 2))
    }
    const arrow = bar.querySelector('.van-nav-bar__left')!.getBoundingClientRect()
    return {
      top: box.top,
      bottom: box.bottom,
      scrolled: g.scrollY,
      arrowOnTop: onTop(bar.querySelector('.van-nav-bar__left')),
      titleOnTop: onTop(bar.querySelector('h1')),
      arrow: { x: arrow.x + arrow.width / 2, y: arrow.y + arrow.height / 2 },
    }
  })
}

async function expectBarWhole(page: Page): Promise<BarPlace> {
  const bar = await titleBar(page)
  expect(bar).toMatchObject({ top: 0, arrowOnTop: true, titleOnTop: true })
  expect(bar.bottom).toBeGreaterThan(40)
  return bar
}

describe.skipIf(!chromiumPath)('the wizard\'s title bar while the applicant signs', () => {
  const suite = useE2eSuite()
  let agent: E2eStaff

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '东城网点', regionCode: '110101' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
  })

  for (const [device, viewport] of [['a phone', PHONE], ['the tablet', TABLET_VIEWPORT]] as const) {
    it(`stays whole and usable at the top on ${device}: pad opened, signed, reopened and cancelled`, async () => {
      const context = await suite.tablet()
      const page = await context.newPage()
      await page.setViewportSize(viewport)
      await signInOnField(page, agent.username, agent.password)
      await waitForFirstSync(page)
      await startEnrolment(page, '个人')
      await next(page)
      await fill(page, 'person.name', '褚题')
      await fill(page, 'person.idNumber', makeResidentId('1984-07-12', 'male', { region: '110101' }))
      await fill(page, 'person.mobile', '13712345677')
      await fillAddress(page, 'person.address', '东四北大街7号')
      await page.click('[data-test="declined-person.email"]')
      await next(page)
      await takePhoto(page, 'id_front', 91)
      await takePhoto(page, 'id_back', 92)
      await goToStep(page, '核对信息')
      await check(page, '[data-test=summary-confirm]')
      await goToStep(page, '同意与签名')
      for (const flag of ['personalInfo', 'sensitiveInfo', 'memberTerms'])
        await check(page, `[data-test=consent-${flag}]`)

      await page.click('[data-test=sign-applicant]')
      await page.locator('[data-test=signature-applicant] .van-signature').waitFor()
      const opened = await expectBarWhole(page)
      if (viewport === PHONE)
        expect(opened.scrolled, 'the pad was brought into view by scrolling').toBeGreaterThan(0)
      await page.click('[data-test=signature-cancel-applicant]')
      await expectBarWhole(page)

      // sign() also holds the pad's top clear of the bar (padInView).
      await sign(page, context)
      await expectBarWhole(page)
      await page.click('[data-test=sign-applicant]')
      await page.locator('[data-test=signature-applicant] .van-signature').waitFor()
      await expectBarWhole(page)
      await page.click('[data-test=signature-cancel-applicant]')
      const bar = await expectBarWhole(page)

      await page.touchscreen.tap(bar.arrow.x, bar.arrow.y)
      await page.waitForURL(/\/field$/)
    })
  }
})
