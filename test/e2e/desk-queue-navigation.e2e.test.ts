import type { Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import type { ApiClient, E2eStaff, SiteRecord } from './support/api-client'
import { join } from 'node:path'
import { addDays, todayInChina } from '#shared/dates/calendar'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { signIn } from './support/api-client'
import { cellsNotWhole, chooseOption, columnsInView, decideThroughApi, DESKTOP_VIEWPORT, horizontalScrollThumb, pushDemoApplications, queueRows, signInOnDesk, textsNotOnOneLine } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * Working through a longer review queue: thirteen applications from an agent's device, two
 * of them past their review deadline and one whose photos have not arrived. The reviewer
 * refreshes the queue to see one that came in meanwhile, sorts it by a column, pages
 * through it ten at a time, and narrows it to the overdue and the incomplete ones, then
 * clears the filters. Every view is kept in the URL and is the server's own answer to
 * the same query; one the server could not give leaves the rows shown, saying whose they are. Tab reaches the sort
 * buttons in the header's order, each column brought into view. On a laptop's window the whole queue is within reach without scrolling
 * the page: the table scrolls its rows and its columns, its scroll bar and the pager in view.
 */

const chromiumPath = inject('chromiumPath')

interface QueuePage { items: Array<{ receiptNo: string }>, total: number }

describe.skipIf(!chromiumPath)('navigating the review queue', () => {
  const suite = useE2eSuite()
  let page: Page
  let site: SiteRecord
  let agent: E2eStaff
  let reviewerApi: ApiClient
  let overdue: string[]
  let incomplete: string
  let total: number

  function receipts(): Promise<string[]> {
    return queueRows(page).evaluateAll(links => links.map(link => link.getAttribute('data-receipt') ?? ''))
  }
  /** The receipt numbers of the server's answer to `query`. */
  async function serverQueue(query: string): Promise<string[]> {
    return (await reviewerApi.json<QueuePage>(`/api/review/applications?${query}`)).items.map(item => item.receiptNo)
  }
  function param(name: string): string | null {
    return new URL(page.url()).searchParams.get(name)
  }
  function sortCaret(column: string, direction: 'ascending' | 'descending') {
    return page.locator('[data-test=queue-table] .el-table__header th', { hasText: column }).locator(`.caret-wrapper .${direction}`)
  }
  function shownTotal(): Promise<string | null> {
    return page.locator('[data-test=queue-pages] .el-pagination__total').textContent()
  }

  beforeAll(async () => {
    site = await suite.server.admin.createSite({ name: '大兴网点' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    const reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
    reviewerApi = await signIn(suite.server.url, reviewer.username, reviewer.password)
    const complete = await pushDemoApplications(suite.server, agent, site, Array.from({ length: 12 }, (_, i) => i + 1))
    const [waiting] = await pushDemoApplications(suite.server, agent, site, [{ n: 13, sequence: 13 }], { upload: false }) as [DemoApplication]
    incomplete = waiting.application.receiptNo
    total = 13
    // Two of them waited past their deadline: as if submitted well before today.
    overdue = [complete[3]!, complete[8]!].map(demo => demo.application.receiptNo).sort()
    const db = new Database(join(suite.server.dataDir, 'field-enrol.sqlite'))
    try {
      db.pragma('busy_timeout = 5000')
      const setDue = db.prepare('update applications set review_due_at = ? where receipt_no = ?')
      overdue.forEach((receiptNo, i) => setDue.run(addDays(todayInChina(), -3 - i), receiptNo))
    }
    finally {
      db.close()
    }
    page = await (await suite.desk()).newPage()
    await signInOnDesk(page, reviewer.username, reviewer.password)
  })

  it('refresh shows an application that came in after the queue was opened', async () => {
    await page.goto('/desk/queue')
    await expect.poll(() => queueRows(page).count()).toBe(total)
    expect(await shownTotal()).toContain(`共 ${total} 条`)
    const [late] = await pushDemoApplications(suite.server, agent, site, [{ n: 14, sequence: 14 }])
    total++
    // Not there by itself…
    expect(await receipts()).not.toContain(late!.application.receiptNo)
    await page.click('[data-test=queue-refresh]')
    await expect.poll(() => receipts()).toContain(late!.application.receiptNo)
    expect(await queueRows(page).count()).toBe(total)
    expect(await shownTotal()).toContain(`共 ${total} 条`)
  })

  it('sorts by a column: the URL keeps it, and the rows are the server\'s in that order', async () => {
    await sortCaret('回执编号', 'descending').click()
    await page.waitForURL(/sort=receiptNo/)
    expect(param('order')).toBe('desc')
    const descending = await serverQueue('sort=receiptNo&order=desc&pageSize=20')
    expect(descending).toEqual([...descending].sort().reverse())
    await expect.poll(() => receipts()).toEqual(descending)

    // By deadline, earliest first: the overdue ones lead.
    await sortCaret('审核期限', 'ascending').click()
    await page.waitForURL(/sort=reviewDueAt/)
    expect(param('order')).toBeNull()
    await expect.poll(() => receipts()).toEqual(await serverQueue('sort=reviewDueAt&order=asc&pageSize=20'))
    expect((await receipts()).slice(0, 2).sort()).toEqual(overdue)
    await page.reload()
    await expect.poll(() => receipts()).toEqual(await serverQueue('sort=reviewDueAt&order=asc&pageSize=20'))

    // The same caret again: back to the queue's own order (oldest first), out of the URL.
    await sortCaret('审核期限', 'ascending').click()
    await expect.poll(() => param('sort')).toBeNull()
    await expect.poll(() => receipts()).toEqual(await serverQueue('pageSize=20'))
  })

  it('pages ten at a time: the second page holds the rest, kept across a reload; a new page size starts again at page 1', async () => {
    await page.click('[data-test=queue-pages] .el-pagination__sizes .el-select')
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^\s*10条\/页\s*$/ }).click()
    await page.waitForURL(/pageSize=10/)
    await expect.poll(() => queueRows(page).count()).toBe(10)
    expect(await receipts()).toEqual(await serverQueue('pageSize=10&page=1'))

    await page.locator('[data-test=queue-pages] .el-pager li', { hasText: /^2$/ }).click()
    await page.waitForURL(/page=2/)
    await expect.poll(() => queueRows(page).count()).toBe(total - 10)
    const second = await serverQueue('pageSize=10&page=2')
    expect(await receipts()).toEqual(second)
    await page.reload()
    await expect.poll(() => receipts()).toEqual(second)
    expect(await page.locator('[data-test=queue-pages] .el-pager li.is-active').textContent()).toBe('2')

    await page.click('[data-test=queue-pages] .el-pagination__sizes .el-select')
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^\s*20条\/页\s*$/ }).click()
    await expect.poll(() => param('pageSize')).toBeNull()
    expect(param('page')).toBeNull()
    await expect.poll(() => queueRows(page).count()).toBe(total)
  })

  it('a page that could not be fetched says the rows shown are the earlier page\'s; a failed refresh says they are the same query\'s', async () => {
    await page.click('[data-test=queue-pages] .el-pagination__sizes .el-select')
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^\s*10条\/页\s*$/ }).click()
    await page.waitForURL(/pageSize=10/)
    await expect.poll(() => queueRows(page).count()).toBe(10)
    const first = await receipts()
    const error = page.locator('[data-test=queue-error]')

    // The server out of reach: page 2 asked for, page 1's rows still shown under the pager's 2.
    await page.route('**/api/**', route => route.abort())
    try {
      await page.locator('[data-test=queue-pages] .el-pager li', { hasText: /^2$/ }).click()
      await page.waitForURL(/page=2/)
      await expect.poll(() => error.textContent()).toContain('无法连接服务器')
      expect(await receipts()).toEqual(first)
      expect(await error.textContent()).toContain('未能按当前条件加载，以下仍是之前条件下的结果')
    }
    finally {
      await page.unroute('**/api/**')
    }
    // Back: 刷新 loads page 2, and the notice goes.
    await page.click('[data-test=queue-refresh]')
    await expect.poll(() => queueRows(page).count()).toBe(total - 10)
    expect(await error.count()).toBe(0)

    // A refresh of the same page refused: the rows are that page's, as loaded before.
    await page.route('**/api/**', route => route.abort())
    try {
      await page.click('[data-test=queue-refresh]')
      await expect.poll(() => error.textContent()).toContain('未能重新加载，以下仍是之前载入的内容')
    }
    finally {
      await page.unroute('**/api/**')
    }
    await page.click('[data-test=queue-refresh]')
    await expect.poll(() => error.count()).toBe(0)
    await page.goto('/desk/queue')
    await expect.poll(() => queueRows(page).count()).toBe(total)
  })

  it('narrows to the overdue, then to the incomplete among the rest; clearing the filters shows everything again', async () => {
    await chooseOption(page, 'filter-overdue', '是')
    await page.waitForURL(/overdue=true/)
    await expect.poll(async () => (await receipts()).sort()).toEqual(overdue)
    expect(await page.locator('[data-test=queue-table] [data-test=overdue]').count()).toBe(2)
    expect((await serverQueue('overdue=true')).sort()).toEqual(overdue)

    await chooseOption(page, 'filter-overdue', '否')
    await page.waitForURL(/overdue=false/)
    await expect.poll(() => queueRows(page).count()).toBe(total - 2)
    expect((await receipts()).filter(receiptNo => overdue.includes(receiptNo))).toEqual([])

    await chooseOption(page, 'filter-incomplete', '是')
    await page.waitForURL(/incomplete=true/)
    expect(param('overdue')).toBe('false')
    await expect.poll(() => receipts()).toEqual([incomplete])
    expect(await page.locator('[data-test=queue-table] [data-test=incomplete]').count()).toBe(1)
    expect(await serverQueue('overdue=false&incomplete=true')).toEqual([incomplete])

    expect(await page.locator('[data-test=filter-reset]').isDisabled()).toBe(false)
    await page.click('[data-test=filter-reset]')
    await expect.poll(() => param('overdue')).toBeNull()
    expect(param('incomplete')).toBeNull()
    await expect.poll(() => queueRows(page).count()).toBe(total)
    expect(await page.locator('[data-test=filter-reset]').isDisabled()).toBe(true)
  })

  it('on a laptop\'s window the table scrolls, not the page: its scroll bar and the pager in view, the columns off to the right within reach', async () => {
    const table = page.locator('[data-test=queue-table]')
    /** The page's own scrolling: how far it is scrolled, and how much wider and taller than the window it is. */
    const pageOverflow = () => page.evaluate(() => {
      const w = globalThis as unknown as { innerWidth: number, innerHeight: number, scrollY: number, document: { documentElement: { scrollWidth: number, scrollHeight: number } } }
      return { scrolledDown: w.scrollY, wider: w.document.documentElement.scrollWidth - w.innerWidth, taller: w.document.documentElement.scrollHeight - w.innerHeight }
    })
    await page.setViewportSize({ width: 1280, height: 800 })
    try {
      for (const [language, receiptHeader] of [['zh-CN', '回执编号'], ['en', 'Receipt number']] as const) {
        await page.click(`[data-test=locale-${language}]`)
        await expect.poll(() => columnsInView(table)).toContain(receiptHeader)
        expect(await queueRows(page).count()).toBe(total)
        // The table scrolls sideways, its bar in the window without scrolling the page (once it
        // was at the foot of the table's 14 rows, below the fold), and the pager under it.
        await expect.poll(() => horizontalScrollThumb(table), { timeout: 3_000 }).not.toBeNull()
        await expect.poll(async () => {
          const thumb = (await horizontalScrollThumb(table))!
          return thumb.y + thumb.height
        }, { timeout: 3_000, message: `${language}: the scroll bar's foot` }).toBeLessThanOrEqual(800)
        const pager = (await page.locator('[data-test=queue-pages]').boundingBox())!
        expect(pager.y + pager.height, `${language}: the pager's foot`).toBeLessThanOrEqual(800)
        // Every row is in the table, which scrolls them under its header: the page fits the window.
        expect(await pageOverflow()).toEqual({ scrolledDown: 0, wider: 0, taller: 0 })
        const thumb = (await horizontalScrollThumb(table))!

        // The columns out of view are reached by dragging the bar, where the reviewer sees it.
        const headers = (await table.locator('.el-table__header th').allTextContents()).map(text => text.trim())
        expect(headers).toHaveLength(11)
        const shown = await columnsInView(table)
        const hidden = headers.filter(header => !shown.includes(header))
        expect(hidden.length, `${language}: columns off to the right`).toBeGreaterThan(0)
        await page.mouse.move(thumb.x + thumb.width / 2, thumb.y + thumb.height / 2)
        await page.mouse.down()
        await page.mouse.move(thumb.x + thumb.width / 2 + 1_000, thumb.y + thumb.height / 2, { steps: 5 })
        await page.mouse.up()
        await expect.poll(() => columnsInView(table), { timeout: 3_000 }).toEqual(expect.arrayContaining(hidden))
        // The receipt number (pinned) still there to open the row by.
        expect(await columnsInView(table)).toContain(receiptHeader)
        await table.locator('.el-table__body-wrapper .el-scrollbar__wrap').evaluate((wrap) => {
          wrap.scrollLeft = 0
        })
      }
      // A desktop's window shows every column, rows scrolling in the table, in English too.
      await page.setViewportSize({ width: 1920, height: 1080 })
      await expect.poll(() => columnsInView(table), { timeout: 3_000 }).toHaveLength(11)
      // Element Plus redraws its scroll bar a frame or more after the columns settle: under load, later.
      await expect.poll(() => horizontalScrollThumb(table), { timeout: 3_000 }).toBeNull()
      await expect.poll(() => pageOverflow(), { timeout: 3_000 }).toEqual({ scrolledDown: 0, wider: 0, taller: 0 })
    }
    finally {
      await page.setViewportSize({ ...DESKTOP_VIEWPORT })
      await page.click('[data-test=locale-zh-CN]')
    }
  })

  it('the sort buttons are reached by Tab in the header\'s order, each one\'s column in view with its rows under it', async () => {
    const table = page.locator('[data-test=queue-table]')
    const sortButtons = table.locator('.el-table__header .caret-wrapper')
    /** The focused sort button: its name, where it is, whether anything covers it, and the header's and the rows' sideways scroll. */
    const focused = () => page.locator(':focus').evaluate((button) => {
      const doc = button.ownerDocument
      const box = button.getBoundingClientRect()
      const onTop = doc.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
      return {
        name: button.getAttribute('aria-label'),
        left: Math.round(box.left),
        covered: !button.contains(onTop) && `${onTop?.tagName}.${onTop?.className}`,
        headerScroll: doc.querySelector('[data-test=queue-table] .el-table__header-wrapper')!.scrollLeft,
        rowsScroll: doc.querySelector('[data-test=queue-table] .el-table__body-wrapper .el-scrollbar__wrap')!.scrollLeft,
      }
    })
    try {
      // The desk's window (the middle a little wider than the table shows) and a small laptop's.
      for (const viewport of [DESKTOP_VIEWPORT, { width: 1024, height: 768 }]) {
        await page.setViewportSize({ ...viewport })
        await page.goto('/desk/queue')
        await expect.poll(() => queueRows(page).count()).toBe(total)
        // Nothing else over the header: the loading mask gone, no cell's tooltip under a pointer left on the rows.
        await table.locator('.el-loading-mask').waitFor({ state: 'detached' })
        await page.mouse.move(0, 0)
        await sortButtons.first().focus()
        const seen = [await focused()]
        for (let i = 1; i < await sortButtons.count(); i++) {
          await page.keyboard.press('Tab')
          seen.push(await focused())
        }
        expect(seen.map(button => button.name), `${viewport.width}`).toEqual(['按 回执编号 排序', '按 提交时间 排序', '按 审核期限 排序'])
        // Left to right as the header reads, none under a pinned column, the header over its own rows.
        const lefts = seen.map(button => button.left)
        expect(lefts, `${viewport.width}: from the left`).toEqual([...lefts].sort((a, b) => a - b))
        expect(seen.filter(button => button.covered).map(button => `${button.name} ${button.covered}`), `${viewport.width}: covered`).toEqual([])
        expect(seen.filter(button => button.headerScroll !== button.rowsScroll).map(button => button.name), `${viewport.width}: header apart from its rows`).toEqual([])
      }
    }
    finally {
      await page.setViewportSize({ ...DESKTOP_VIEWPORT })
    }
  })

  it('on a laptop\'s window in English a status reads on one line, "Returned for more information" too', async () => {
    // One application returned for more information: the longest status label there is.
    const { items } = await reviewerApi.json<{ items: Array<{ id: string, receiptNo: string, version: number, overdue: boolean }> }>('/api/review/applications?status=submitted&overdue=false&incomplete=false&pageSize=1')
    const returned = items[0]!
    const started = await decideThroughApi(reviewerApi, returned.id, 'start_review', returned.version)
    await decideThroughApi(reviewerApi, returned.id, 'return', started.version, { items: [{ kind: 'material', ref: 'id_back' }], comment: '请补拍身份证背面' })
    const tags = page.locator('[data-test=queue-table] .el-table__body-wrapper [data-test=status-tag]')
    const statusCells = page.locator('[data-test=queue-table] .el-table__body-wrapper td .cell:has([data-test=status-tag])')
    try {
      await page.click('[data-test=locale-en]')
      for (const viewport of [{ width: 1024, height: 768 }, { width: 1280, height: 800 }]) {
        await page.setViewportSize(viewport)
        await page.goto('/desk/queue')
        await expect.poll(() => queueRows(page).count()).toBe(total)
        await expect.poll(() => page.locator(`[data-test=queue-table] .el-table__body-wrapper [data-status=returned]`).textContent()).toBe('Returned for more information')
        // Polled: the columns take their English widths a frame or two after the text changes.
        await expect.poll(() => textsNotOnOneLine(tags), { timeout: 3_000, message: `${viewport.width}: tags on more than one line` }).toEqual([])
        expect(await cellsNotWhole(statusCells), `${viewport.width}: statuses cut`).toEqual([])
        // The tag no taller than its fellows on other rows: once it was two lines high.
        const heights = new Set(await tags.evaluateAll(list => list.map(tag => Math.round(tag.getBoundingClientRect().height))))
        expect(heights.size, `${viewport.width}: tag heights ${[...heights].join(', ')}`).toBe(1)
      }
    }
    finally {
      await page.setViewportSize({ ...DESKTOP_VIEWPORT })
      await page.click('[data-test=locale-zh-CN]')
    }
  })
})
