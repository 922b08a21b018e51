import type { Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import type { E2eStaff, SiteRecord } from './support/api-client'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { addDays, todayInChina } from '#shared/dates/calendar'
import { chinaDayStart } from '#shared/dates/china-time'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { exportedCsvRows } from '../support/csv'
import { pushDemoApplications, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * 统计's range picker and the daily report's day picker and CSV, on applications that
 * reached the server on different days (two agents, six applications: three today, two
 * ten days ago, one forty days ago). A range picked in the date picker is kept in the URL and
 * changes the figures to the server's for that range, and one longer than the server allows is
 * refused where it was picked, the range shown kept; a day picked in the daily report shows
 * that day's rows, and its CSV holds what the page shows — the same rows, agents and counts,
 * column for column — and is in the audit log.
 */

const chromiumPath = inject('chromiumPath')

interface Overview { applications: number }

describe.skipIf(!chromiumPath)('statistics by range, and the daily report\'s CSV', () => {
  const suite = useE2eSuite()
  let page: Page
  let supervisor: E2eStaff
  let site: SiteRecord
  const today = todayInChina()
  const tenDaysAgo = addDays(today, -10)
  const fortyDaysAgo = addDays(today, -40)

  const applicationsCard = () => page.locator('[data-test=stats-card-applications] [data-test=stats-card-value]')
  async function overview(from: string, to: string): Promise<Overview> {
    return suite.server.admin.json<Overview>(`/api/stats/overview?from=${from}&to=${to}&siteId=${site.id}`)
  }
  /** Types a range into the picker's two inputs, as a user does, and tabs out of it (each end is taken as it is left). */
  async function pickRange(from: string, to: string): Promise<void> {
    const inputs = page.locator('.desk-stats__filters input.el-range-input')
    await inputs.nth(0).fill(from)
    await inputs.nth(1).fill(to)
    await inputs.nth(1).press('Tab')
    await page.keyboard.press('Escape')
  }

  beforeAll(async () => {
    site = await suite.server.admin.createSite({ name: '房山网点' })
    const wang = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id], displayName: '王外勤' })
    const zhao = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id], displayName: '赵外勤' })
    supervisor = await suite.server.admin.createStaff({ role: 'supervisor', siteIds: [], displayName: '钱主管' })
    const byWang: DemoApplication[] = await pushDemoApplications(suite.server, wang, site, [1, 2, 3, 7])
    const byZhao: DemoApplication[] = await pushDemoApplications(suite.server, zhao, site, [{ n: 8, sequence: 1 }, { n: 5, sequence: 2 }])
    // Ten days ago: one of each agent's; forty days ago: another of 王's. The rest arrived today.
    const db = new Database(join(suite.server.dataDir, 'field-enrol.sqlite'))
    try {
      db.pragma('busy_timeout = 5000')
      const move = db.prepare('update applications set arrived_at = ? where id = ?')
      const noon = (day: string) => new Date(Date.parse(chinaDayStart(day)) + 12 * 3_600_000).toISOString()
      move.run(noon(tenDaysAgo), byWang[0]!.application.id)
      move.run(noon(tenDaysAgo), byZhao[1]!.application.id)
      move.run(noon(fortyDaysAgo), byWang[1]!.application.id)
    }
    finally {
      db.close()
    }
    page = await (await suite.desk()).newPage()
    await signInOnDesk(page, supervisor.username, supervisor.password)
  })

  it('a range picked changes the figures to the server\'s for it, and is kept in the URL', async () => {
    await page.goto(`/desk/stats?siteId=${site.id}`)
    // The last 30 days by default: not the one forty days old.
    await expect.poll(async () => (await applicationsCard().textContent())?.trim()).toBe('5')
    expect((await overview(addDays(today, -29), today)).applications).toBe(5)

    await pickRange(addDays(today, -12), addDays(today, -8))
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(addDays(today, -12))
    expect(new URL(page.url()).searchParams.get('to')).toBe(addDays(today, -8))
    expect(new URL(page.url()).searchParams.get('siteId')).toBe(site.id)
    await expect.poll(async () => (await applicationsCard().textContent())?.trim()).toBe('2')
    expect((await overview(addDays(today, -12), addDays(today, -8))).applications).toBe(2)

    await pickRange(addDays(today, -60), today)
    await expect.poll(async () => (await applicationsCard().textContent())?.trim()).toBe('6')

    // Reloaded, the range picked is the range shown.
    await page.reload()
    await expect.poll(async () => (await applicationsCard().textContent())?.trim()).toBe('6')
    const inputs = page.locator('input.el-range-input')
    expect(await inputs.nth(0).inputValue()).toBe(addDays(today, -60))
    expect(await inputs.nth(1).inputValue()).toBe(today)
  })

  it('a range picked longer than a year is refused where it was picked, and the range shown stays', async () => {
    await page.goto(`/desk/stats?from=${addDays(today, -12)}&to=${addDays(today, -8)}&siteId=${site.id}`)
    await expect.poll(async () => (await applicationsCard().textContent())?.trim()).toBe('2')
    // The end first (a valid range, shown), then a start more than a year before it.
    const inputs = page.locator('.desk-stats__filters input.el-range-input')
    await inputs.nth(1).fill(today)
    await inputs.nth(1).press('Tab')
    await expect.poll(() => new URL(page.url()).searchParams.get('to')).toBe(today)
    await expect.poll(async () => (await applicationsCard().textContent())?.trim()).toBe('5')
    await inputs.nth(0).fill(addDays(today, -400))
    await inputs.nth(0).press('Tab')
    await page.keyboard.press('Escape')
    // Said as the picker's, not a link's: the user picked it here.
    const refused = page.locator('[data-test=stats-range-refused]')
    await expect.poll(() => refused.textContent()).toContain('日期范围最多366天')
    expect(await refused.textContent()).not.toContain('链接')
    // The figures and the address stay those of the range shown before it.
    expect(new URL(page.url()).searchParams.get('from')).toBe(addDays(today, -12))
    expect(new URL(page.url()).searchParams.get('to')).toBe(today)
    await expect.poll(async () => (await applicationsCard().textContent())?.trim()).toBe('5')
    await expect.poll(() => inputs.nth(0).inputValue()).toBe(addDays(today, -12))
    expect(await inputs.nth(1).inputValue()).toBe(today)
  })

  it('a day picked in the daily report shows its rows; its CSV holds what the page shows', async () => {
    await page.goto('/desk/stats/daily')
    const table = page.locator('[data-test=daily-table]')
    await expect.poll(() => table.locator('[data-test=daily-totals]').count()).toBe(1)
    const dateInput = page.getByLabel('日期', { exact: true })
    await dateInput.fill(tenDaysAgo)
    await dateInput.press('Enter')
    await expect.poll(() => new URL(page.url()).searchParams.get('date')).toBe(tenDaysAgo)
    const totals = table.locator('tr', { has: page.locator('[data-test=daily-totals]') })
    await expect.poll(() => totals.locator('[data-test=daily-new]').textContent()).toBe('2')
    expect(await table.locator('[data-test=daily-row]').evaluateAll(cells => cells.map(cell => cell.getAttribute('data-agent')))).toEqual(['王外勤', '赵外勤'])

    // The page's table as text: the header's leaf columns, each body row, then 合计 (the footer).
    const headers = await table.locator('.el-table__header th.is-leaf').allTextContents()
    const rowsOf = (part: string) => table.locator(`${part} tr`).evaluateAll(trs => trs.map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent?.trim() ?? '')))
    const shown = [...await rowsOf('.el-table__body'), ...await rowsOf('.el-table__footer')]
    expect(shown).toHaveLength(3)
    expect(shown[2]![0]).toBe('合计')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-test=daily-download-csv]'),
    ])
    expect(download.suggestedFilename()).toBe(`顾客信息日报表_${tenDaysAgo}.csv`)
    const rows = exportedCsvRows(await readFile(await download.path(), 'utf8'))
    // Same columns, in the same order, under the same names.
    expect(rows[0]!.map(header => header.trim())).toEqual(headers.map(header => header.trim()))
    expect(rows).toHaveLength(1 + shown.length)
    for (const [i, cells] of shown.entries()) {
      const file = rows[i + 1]!
      // The agent and every count as shown; the site by its name and code (the file writes them `code name`).
      expect(file.slice(1), `row ${i + 1}`).toEqual(cells.slice(1))
      if (i < shown.length - 1) {
        expect(file[0]).toContain(site.code)
        expect(file[0]).toContain('房山网点')
        expect(cells[0]).toContain(site.code)
      }
      else {
        expect(file[0]).toBe(cells[0])
      }
    }
    const audit = await suite.server.admin.json<{ items: Array<{ actorId: string, detail: { format: string, filters: { date: string } } }> }>('/api/admin/audit?action=export.daily_report')
    expect(audit.items[0]).toMatchObject({ actorId: supervisor.id, detail: { format: 'csv', filters: { date: tenDaysAgo } } })
  })

  it('a day that could not be loaded says the figures shown are another day\'s', async () => {
    await page.goto(`/desk/stats/daily?date=${tenDaysAgo}`)
    const table = page.locator('[data-test=daily-table]')
    const totals = table.locator('tr', { has: page.locator('[data-test=daily-totals]') })
    await expect.poll(() => totals.locator('[data-test=daily-new]').textContent()).toBe('2')
    const error = page.locator('[data-test=daily-error]')

    await page.route('**/api/**', route => route.abort())
    try {
      const dateInput = page.getByLabel('日期', { exact: true })
      await dateInput.fill(today)
      await dateInput.press('Enter')
      // Today is the default: the URL names no day.
      await expect.poll(() => new URL(page.url()).searchParams.get('date')).toBeNull()
      await expect.poll(() => error.textContent()).toContain('无法连接服务器')
      // Ten days ago's figures are still there, and the page says they are not the day chosen.
      expect(await totals.locator('[data-test=daily-new]').textContent()).toBe('2')
      expect(await error.textContent()).toContain('未能按当前条件加载，以下仍是之前条件下的结果')
    }
    finally {
      await page.unroute('**/api/**')
    }
    // The server back: 重试 loads the day chosen.
    await page.click('[data-test=daily-retry]')
    await expect.poll(() => totals.locator('[data-test=daily-new]').textContent()).toBe('3')
    expect(await error.count()).toBe(0)
  })

  it('statistics that could not be loaded offer 重试, which loads them once the server answers', async () => {
    await page.route('**/api/**', route => route.abort())
    try {
      await page.goto(`/desk/stats?from=${tenDaysAgo}&to=${today}&siteId=${site.id}`)
      await expect.poll(() => page.locator('[data-test=stats-error]').textContent()).toContain('无法连接服务器')
    }
    finally {
      await page.unroute('**/api/**')
    }
    await page.click('[data-test=stats-retry]')
    const expected = String((await overview(tenDaysAgo, today)).applications)
    await expect.poll(async () => (await applicationsCard().textContent())?.trim()).toBe(expected)
    expect(await page.locator('[data-test=stats-error]').count()).toBe(0)
  })
})
