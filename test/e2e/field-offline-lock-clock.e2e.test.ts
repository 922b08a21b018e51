import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { goOffline } from './support/browser'
import { useE2eSuite } from './support/e2e-suite'
import { signInOnField, waitForFirstSync } from './support/field-app'

/**
 * A tablet whose clock runs 2 h 10 min fast, offline: the agent mistypes the password until
 * the offline sign-in locks for 30 seconds, then sets the clock right (as the device page
 * asks of a fast clock). The lock's end was a time on the fast clock; it must not become a
 * wait of two hours and more. Time is moved with Playwright's clock, which the page's Date
 * follows; the app itself is unchanged.
 */

const chromiumPath = inject('chromiumPath')
const FAST_MS = (2 * 60 + 10) * 60_000

describe.skipIf(!chromiumPath)('the offline sign-in lock when the clock is set back', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff

  const error = () => page.locator('[data-test=sign-in-error]')

  /** One sign-in attempt, waited for: the answer of a check still running is not the previous one's. */
  async function signInWith(password: string): Promise<void> {
    await page.fill('input[name=username]', agent.username)
    await page.fill('input[name=password]', password)
    await page.click('[data-test=sign-in]')
    await page.waitForFunction(() => {
      const g = globalThis as any
      return !g.document.querySelector('[data-test=sign-in].van-button--loading') && (g.location.pathname === '/field' || g.document.querySelector('[data-test=sign-in-error]'))
    })
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '怀柔网点', regionCode: '110116' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    context = await suite.tablet()
    await context.clock.install({ time: new Date(Date.now() + FAST_MS) })
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    await page.click('[data-test=tab-device]')
    await page.click('[data-test=sign-out]')
    await page.waitForURL(/\/field\/sign-in/)
    await goOffline(context)
  })

  it('locks for 30 s after five wrong passwords, and still 30 s once the clock is put right', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signInWith('not-the-password')
      expect(await error().textContent()).toContain(attempt < 5 ? '用户名或密码错误' : '登录失败次数过多')
    }
    expect(await error().textContent()).toMatch(/请 30 ?秒 ?后再试/)

    await page.clock.setSystemTime(new Date(Date.now()))
    await signInWith(agent.password)
    expect(await error().textContent()).toMatch(/请 \d+ ?秒 ?后再试/)

    await page.clock.fastForward('00:31')
    await signInWith(agent.password)
    await page.waitForURL(/\/field$/)
  })
})
