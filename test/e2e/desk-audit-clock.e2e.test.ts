import type { Page } from 'playwright-core'
import { chinaDateTime } from '#shared/dates/china-time'
import { describe, expect, inject, it } from 'vitest'
import { signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * The audit log's time range on a desk PC whose clock is not on China time (London, UTC+0
 * in winter): the range is picked and shown on China's clock, as the log's rows are. The
 * picker once read and showed the PC's own zone: a range shown as 11:05–11:06 listed the
 * entries of 19:05–19:06, and one picked in China time found the entries of eight hours later.
 */

const chromiumPath = inject('chromiumPath')

function rangeInputs(page: Page): [ReturnType<Page['locator']>, ReturnType<Page['locator']>] {
  const inputs = page.locator('input.el-range-input')
  return [inputs.nth(0), inputs.nth(1)]
}

describe.skipIf(!chromiumPath)('the audit log\'s range on a PC on another clock', () => {
  const suite = useE2eSuite()

  it('shows a linked range on China\'s clock, and finds the entries of a range typed on it', async () => {
    const desk = await suite.desk({ timezoneId: 'Europe/London' })
    const page = await desk.newPage()
    await signInOnDesk(page, 'admin', suite.server.adminPassword)
    // The sign-in just made is in the log: a range of a few minutes around it, in China time.
    const now = Date.now()
    const from = new Date(Math.floor(now / 1000) * 1000 - 120_000)
    const to = new Date(Math.floor(now / 1000) * 1000 + 120_000)
    const [start, end] = rangeInputs(page)

    await page.goto(`/desk/admin/audit?from=${from.toISOString()}&to=${to.toISOString()}`)
    await expect.poll(() => start.inputValue()).toBe(chinaDateTime(from))
    expect(await end.inputValue()).toBe(chinaDateTime(to))

    // Typed afresh on the picker, as China's wall clock reads.
    await page.goto('/desk/admin/audit')
    await page.locator('[data-test=audit-table]').waitFor()
    await start.click()
    await start.fill(chinaDateTime(from))
    await start.press('Enter')
    await end.fill(chinaDateTime(to))
    await end.press('Enter')
    await page.click('[data-test=audit-search]')
    await page.waitForURL(url => url.searchParams.has('from'))
    const url = new URL(page.url())
    expect(url.searchParams.get('from')).toBe(from.toISOString())
    expect(url.searchParams.get('to')).toBe(to.toISOString())
    await expect.poll(() => page.locator('[data-test=audit-table] tbody').textContent()).toContain('auth.login')
    await desk.close()
  })
})
