import type { Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import type { E2eStaff, SiteRecord } from './support/api-client'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { addDays, todayInChina } from '#shared/dates/calendar'
import { chinaDayStart } from '#shared/dates/china-time'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { signIn } from './support/api-client'
import { cellsNotWhole, chooseOption, decideThroughApi, DESKTOP_VIEWPORT, horizontalScrollThumb, pushDemoApplications, queueRows, resubmitThroughApi, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * Issue 5's statistics in a real Chromium against the real server: an agent's device
 * pushes three applications through the sync API; a supervisor opens 统计 (the
 * applications card says 3, every chart draws on its canvas), then 顾客信息日报表 for
 * today (the agent's row has 3 new applications) and downloads it as XLSX.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('desk statistics', () => {
  const suite = useE2eSuite()
  let page: Page
  let supervisor: E2eStaff
  let site: SiteRecord
  let agent: E2eStaff
  let pushed: DemoApplication[]

  beforeAll(async () => {
    const { server } = suite
    site = await server.admin.createSite({ name: '朝阳网点' })
    agent = await server.admin.createStaff({ role: 'field_agent', siteIds: [site.id], displayName: '王外勤' })
    supervisor = await server.admin.createStaff({ role: 'supervisor', siteIds: [site.id], displayName: '周主管' })
    pushed = await pushDemoApplications(server, agent, site, [1, 2, 7])
    page = await (await suite.desk()).newPage()
  })

  it('1. the supervisor opens 统计: 3 applications, and every chart draws', async () => {
    await signInOnDesk(page, supervisor.username, supervisor.password)
    await page.click('[data-test=menu-stats]')
    await page.waitForURL(/\/desk\/stats$/)
    const applications = page.locator('[data-test=stats-card-applications] [data-test=stats-card-value]')
    await expect.poll(async () => (await applications.textContent())?.trim()).toBe('3')
    for (const chart of ['perDay', 'perSite', 'perAgent'])
      await page.locator(`[data-test=stats-chart-${chart}] canvas`).first().waitFor()
    const card = async (key: string) => (await page.locator(`[data-test=stats-card-${key}] [data-test=stats-card-value]`).textContent())?.trim()
    expect(await card('approvalRate')).toBe('—')
    // No members yet: nobody is due a re-visit, none recorded, no share to give.
    expect(await card('revisitsDue')).toBe('0')
    expect(await card('revisitsRecorded')).toBe('0')
    expect(await card('revisitReachedRate')).toBe('—')
    // The site filter offers every site by name (from the desk's directory) before any answer named it.
    await chooseOption(page, 'stats-site', `朝阳网点（${site.code}）`)
    await page.waitForURL(new RegExp(`siteId=${site.id}`))
    await expect.poll(async () => (await applications.textContent())?.trim()).toBe('3')

    // A shared link with a reversed range says why it shows the last 30 days, and the address
    // bar no longer claims the range it does not show.
    await page.goto(`/desk/stats?from=2026-12-05&to=2026-12-01&siteId=${site.id}`)
    await expect.poll(() => page.locator('[data-test=stats-range-refused]').textContent()).toContain('结束日期不能早于开始日期')
    await expect.poll(() => new URL(page.url()).searchParams.has('from')).toBe(false)
    expect(new URL(page.url()).searchParams.get('siteId')).toBe(site.id)
    await expect.poll(async () => (await applications.textContent())?.trim()).toBe('3')

    // A link naming a site the desk does not know says so and shows every site, under "全部网点".
    await page.goto('/desk/stats?siteId=site-nowhere')
    await expect.poll(() => page.locator('[data-test=stats-site-refused]').textContent()).toContain('site-nowhere')
    await expect.poll(() => new URL(page.url()).searchParams.has('siteId')).toBe(false)
    await expect.poll(() => page.locator('[data-test=stats-site] .el-select__placeholder').textContent()).toContain('全部网点')

    // A link with one end of the range names the missing end.
    await page.goto('/desk/stats?from=2026-12-01')
    await expect.poll(() => page.locator('[data-test=stats-range-refused]').textContent()).toContain('结束日期：必填')
  })

  it('2. the daily report for today: the agent\'s row shows 3 new applications', async () => {
    await page.click('[data-test=menu-stats-daily]')
    await page.waitForURL(/\/desk\/stats\/daily/)
    const row = page.locator('[data-test=daily-table] tr', { has: page.locator('[data-test=daily-row][data-agent="王外勤"]') })
    await expect.poll(() => row.locator('[data-test=daily-new]').textContent()).toBe('3')
    const totals = page.locator('[data-test=daily-table] tr', { has: page.locator('[data-test=daily-totals]') })
    expect(await totals.locator('[data-test=daily-new]').textContent()).toBe('3')
    expect(await page.locator('[data-test=daily-table]').textContent()).toContain('已提交')
    expect(await page.locator('[data-test=daily-table]').textContent()).toContain('普通会员')

    // In English the columns are named in English: statuses and the programme's categories.
    await page.click('[data-test=locale-en]')
    await expect.poll(() => page.locator('[data-test=daily-table]').textContent()).toContain('Standard member')
    // Every English header whole: wrapped between words only (not "New applicati / ons"), none cut.
    // Polled: the columns take their English widths a frame or two after the text changes.
    await expect.poll(() => cellsNotWhole(page.locator('[data-test=daily-table] th .cell')), { timeout: 3_000 }).toEqual([])
    expect(await page.locator('[data-test=daily-table]').textContent()).toContain('Submitted')
    expect(await page.locator('[data-test=daily-table]').textContent()).not.toContain('普通会员')
    await page.click('[data-test=locale-zh-CN]')
    await expect.poll(() => page.locator('[data-test=daily-table]').textContent()).toContain('普通会员')

    // On a laptop's window the counts scroll sideways, the scroll bar always shown: between the
    // rows and 合计, in either language, across neither (once it lay over the last row's lower edge).
    await page.setViewportSize({ width: 1280, height: 800 })
    try {
      for (const [language, totalsLabel] of [['en', 'Total'], ['zh-CN', '合计']] as const) {
        await page.click(`[data-test=locale-${language}]`)
        await expect.poll(() => totals.locator('[data-test=daily-totals]').textContent()).toBe(totalsLabel)
        // Every header whole where the counts are narrowest: a Chinese term is one word (once 退回补 / 充).
        await expect.poll(() => cellsNotWhole(page.locator('[data-test=daily-table] th .cell')), { timeout: 3_000, message: `${language}: headers broken` }).toEqual([])
        await expect.poll(() => horizontalScrollThumb(page.locator('[data-test=daily-table]')), { timeout: 3_000 }).not.toBeNull()
        const bar = (await horizontalScrollThumb(page.locator('[data-test=daily-table]')))!
        const last = (await row.boundingBox())!
        const foot = (await totals.boundingBox())!
        expect(bar.y, `${language}: the scroll bar's top against the foot of the last row`).toBeGreaterThanOrEqual(last.y + last.height)
        expect(bar.y + bar.height, `${language}: the scroll bar's foot against the top of ${totalsLabel}`).toBeLessThanOrEqual(foot.y)
      }
    }
    finally {
      await page.setViewportSize({ ...DESKTOP_VIEWPORT })
      await page.click('[data-test=locale-zh-CN]')
    }

    // A link with a date that does not exist says so and shows today, with the address put right.
    await page.goto('/desk/stats/daily?date=2026-02-30')
    await expect.poll(() => page.locator('[data-test=daily-date-refused]').textContent()).toContain('2026-02-30')
    await expect.poll(() => new URL(page.url()).searchParams.has('date')).toBe(false)
    await expect.poll(() => row.locator('[data-test=daily-new]').textContent()).toBe('3')
  })

  it('3. downloads it as XLSX: a non-empty workbook under the server\'s name', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-test=daily-download-xlsx]'),
    ])
    expect(download.suggestedFilename()).toMatch(/^顾客信息日报表_\d{4}-\d{2}-\d{2}\.xlsx$/)
    const path = await download.path()
    const bytes = readFileSync(path)
    expect(bytes.length).toBeGreaterThan(100)
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')
  })

  it('4. with many agents on the day, on a laptop\'s window the rows scroll under the header: 合计 and the scroll bar stay in view', async () => {
    const { server } = suite
    const agents = await Promise.all(Array.from({ length: 18 }, (_, i) => server.admin.createStaff({ role: 'field_agent', siteIds: [site.id], displayName: `外勤${String(i + 1).padStart(2, '0')}` })))
    for (const [i, agent] of agents.entries())
      await pushDemoApplications(server, agent, site, [i + 1])
    await page.setViewportSize({ width: 1280, height: 800 })
    try {
      await page.goto('/desk/stats/daily')
      const table = page.locator('[data-test=daily-table]')
      await expect.poll(() => table.locator('[data-test=daily-row]').count()).toBe(19)
      const totals = table.locator('tr', { has: page.locator('[data-test=daily-totals]') })
      await expect.poll(() => totals.locator('[data-test=daily-new]').textContent()).toBe('21')
      // Once 合计 and the bar were at the foot of the 19 rows, below the fold.
      await expect.poll(async () => {
        const foot = await totals.boundingBox()
        return foot ? foot.y + foot.height : Number.POSITIVE_INFINITY
      }, { timeout: 3_000, message: '合计\'s foot' }).toBeLessThanOrEqual(800)
      const bar = (await horizontalScrollThumb(table))!
      expect(bar.y + bar.height, 'the scroll bar\'s foot').toBeLessThanOrEqual(800)
      const taller = await page.evaluate(() => {
        const w = globalThis as unknown as { innerHeight: number, document: { documentElement: { scrollHeight: number } } }
        return w.document.documentElement.scrollHeight - w.innerHeight
      })
      expect(taller, 'the page scrolls no further than the window').toBe(0)
      // The last agent is reached by scrolling the rows, above 合计.
      const lastRow = table.locator('[data-test=daily-row][data-agent="外勤18"]')
      await lastRow.scrollIntoViewIfNeeded()
      const last = (await lastRow.boundingBox())!
      expect(last.y + last.height, '外勤18 above 合计').toBeLessThanOrEqual((await totals.boundingBox())!.y)
    }
    finally {
      await page.setViewportSize({ ...DESKTOP_VIEWPORT })
    }
  })

  it('5. a figure followed to the queue lists as many applications: one that came yesterday and was resubmitted today is under yesterday in both', async () => {
    const { server } = suite
    const yesterday = addDays(todayInChina(), -1)
    // Returned, and resubmitted today; it first came yesterday (its arrival moved back a day).
    const demo = pushed.find(d => d.application.applicantType === 'individual')!
    const api = await signIn(server.url, supervisor.username, supervisor.password)
    const { version } = await api.json<{ version: number }>(`/api/review/applications/${demo.application.id}`)
    const started = await decideThroughApi(api, demo.application.id, 'start_review', version)
    const returned = await decideThroughApi(api, demo.application.id, 'return', started.version, { items: [{ kind: 'material', ref: 'id_back' }] })
    await resubmitThroughApi(server, agent, demo, returned.version, { occupation: '教师' })
    const db = new Database(join(server.dataDir, 'field-enrol.sqlite'))
    try {
      db.pragma('busy_timeout = 5000')
      db.prepare('update applications set arrived_at = ? where id = ?').run(new Date(Date.parse(chinaDayStart(yesterday)) + 3_600_000).toISOString(), demo.application.id)
    }
    finally {
      db.close()
    }

    await page.goto(`/desk/stats?from=${yesterday}&to=${yesterday}&siteId=${site.id}`)
    expect(await page.locator('[data-test=stats-hint]').textContent()).toContain('首次到达服务器')
    const applications = page.locator('[data-test=stats-card-applications] [data-test=stats-card-value]')
    await expect.poll(async () => (await applications.textContent())?.trim()).toBe('1')
    // Rates are not the queue's to list: no link.
    expect(await page.locator('[data-test=stats-card-approvalRate] a').count()).toBe(0)
    await applications.click()
    await page.waitForURL(url => url.pathname === '/desk/queue')
    const query = new URL(page.url()).searchParams
    expect([query.get('submittedFrom'), query.get('submittedTo'), query.get('siteId')]).toEqual([yesterday, yesterday, site.id])
    await expect.poll(() => queueRows(page).count()).toBe(1)
    expect(await queueRows(page).first().getAttribute('data-receipt')).toBe(demo.application.receiptNo)
    expect(await page.locator('[data-test=queue-pages] .el-pagination__total').textContent()).toContain('共 1 条')
    // The row says when it first came, its submission time being today's.
    expect(await page.locator('[data-test=queue-first-submitted]').textContent()).toContain(yesterday)
    expect(await page.locator('[data-test=filter-dates-hint]').textContent()).toContain('首次到达服务器')

    // Today: the statistics count none of it again, and nor does the queue.
    const today = todayInChina()
    await page.goto(`/desk/stats?from=${today}&to=${today}&siteId=${site.id}`)
    const todays = await api.json<{ applications: number }>(`/api/stats/overview?from=${today}&to=${today}&siteId=${site.id}`)
    await expect.poll(async () => (await applications.textContent())?.trim()).toBe(String(todays.applications))
    await applications.click()
    await page.waitForURL(url => url.pathname === '/desk/queue')
    await expect.poll(() => page.locator('[data-test=queue-pages] .el-pagination__total').textContent()).toContain(`共 ${todays.applications} 条`)
  })
})
