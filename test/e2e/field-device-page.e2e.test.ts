import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { ERROR_MESSAGES } from '#shared/errors/error-codes'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { useE2eSuite } from './support/e2e-suite'
import { signInOnField, startEnrolment, toastSaying, unlock, waitForFirstSync } from './support/field-app'

/**
 * The device page (设备) as the agent uses it: persistent storage refused by the browser and
 * asked for again with 再次请求 — refused again, then granted — and the sync card: the last
 * sync, the counts per list, a failed sync said in words (a server out of reach while online
 * is not told to wait for a network), 上次同步 kept at the last success, and 立即同步 trying
 * again; a tablet clock far off the server's, said with the remedy.
 *
 * The browser's answer to `navigator.storage.persist()` is stubbed with an init script:
 * Chromium decides it from its own signals (an installed app, site engagement) and
 * Playwright cannot grant it (it is not among the permissions `grantPermissions` knows), so
 * only a stub lets the test choose a refusal, then a grant, and count how often the app asks.
 * The stub's state lives in localStorage so it survives reloads, as the browser's would.
 */

const chromiumPath = inject('chromiumPath')

interface PersistStub { grant: boolean, granted: boolean, asked: number }

describe.skipIf(!chromiumPath)('the device page', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff

  const stub = () => page.evaluate(() => JSON.parse((globalThis as any).localStorage.getItem('e2e.persist')) as PersistStub)
  const card = () => page.locator('[data-test=device-storage]')

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '石景山网点', regionCode: '110107' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    context = await suite.tablet()
    await context.addInitScript(() => {
      const g = globalThis as any
      // Only the app's pages (not about:blank, whose storage is off limits).
      if (!g.location.protocol.startsWith('http'))
        return
      const key = 'e2e.persist'
      const read = (): PersistStub => JSON.parse(g.localStorage.getItem(key) ?? 'null') ?? { grant: false, granted: false, asked: 0 }
      const write = (state: PersistStub) => g.localStorage.setItem(key, JSON.stringify(state))
      write(read())
      Object.defineProperty(g.navigator.storage, 'persisted', { value: async () => read().granted })
      Object.defineProperty(g.navigator.storage, 'persist', {
        value: async () => {
          const state = read()
          state.asked++
          state.granted ||= state.grant
          write(state)
          return state.granted
        },
      })
    })
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
  })

  it('refused by the browser: says it is off and what that risks, and offers 再次请求', async () => {
    await page.click('[data-test=tab-device]')
    await expect.poll(async () => (await stub()).asked).toBe(1)
    await expect.poll(() => card().locator('[data-test=device-storage-persistence]').textContent()).toContain('未开启')
    expect(await card().locator('[data-test=device-storage-not-persisted]').textContent()).toContain('浏览器未授予持久存储')
    expect(await card().locator('[data-test=device-storage-request]').textContent()).toContain('再次请求')
    expect(await card().locator('[data-test=device-storage-used]').textContent()).toMatch(/已用[^\d\n\r\u2028\u2029]*\d.* \/ .*\d/)
  })

  it('after a refusal, the app does not ask again by itself (a reload, the page opened again)', async () => {
    await page.reload()
    await unlock(page, agent.password)
    await page.click('[data-test=tab-applications]')
    await page.click('[data-test=tab-device]')
    await card().locator('[data-test=device-storage-request]').waitFor()
    await page.waitForTimeout(300)
    expect((await stub()).asked).toBe(1)
  })

  it('再次请求 refused again: asked once more, and the agent is told it was refused', async () => {
    await card().locator('[data-test=device-storage-request]').click()
    await expect.poll(async () => (await stub()).asked).toBe(2)
    await toastSaying(page, '浏览器仍未授予持久存储')
    expect(await card().locator('[data-test=device-storage-persistence]').textContent()).toContain('未开启')
    expect(await card().locator('[data-test=device-storage-request]').count()).toBe(1)
  })

  it('再次请求 granted: says so, shows it on, and the warning and the button go', async () => {
    await page.evaluate(() => {
      const g = globalThis as any
      g.localStorage.setItem('e2e.persist', JSON.stringify({ ...JSON.parse(g.localStorage.getItem('e2e.persist')), grant: true }))
    })
    await card().locator('[data-test=device-storage-request]').click()
    await expect.poll(async () => (await stub()).asked).toBe(3)
    await toastSaying(page, '已开启持久存储')
    await expect.poll(() => card().locator('[data-test=device-storage-persistence]').textContent()).toContain('已开启')
    expect(await card().locator('[data-test=device-storage-not-persisted]').count()).toBe(0)
    expect(await card().locator('[data-test=device-storage-request]').count()).toBe(0)

    await page.reload()
    await unlock(page, agent.password)
    await expect.poll(() => card().locator('[data-test=device-storage-persistence]').textContent()).toContain('已开启')
    expect(await card().locator('[data-test=device-storage-request]').count()).toBe(0)
  })

  it('the sync card: the last sync, and the counts per list follow the device', async () => {
    const sync = page.locator('[data-test=sync-card]')
    expect(await sync.locator('[data-test=last-sync]').textContent()).toMatch(/上次同步：.*\d:\d{2}/)
    const drafts = sync.locator('.van-cell', { hasText: '草稿' })
    expect(await drafts.locator('.van-cell__value').textContent()).toBe('0')
    await page.click('[data-test=tab-applications]')
    await startEnrolment(page, '个人')
    await page.click('.van-nav-bar__left')
    await page.click('[data-test=tab-device]')
    await expect.poll(() => drafts.locator('.van-cell__value').textContent()).toBe('1')
  })

  it('a sync the server fails is said in words on the card; 立即同步 tries again and clears it', async () => {
    const sync = page.locator('[data-test=sync-card]')
    const chip = page.locator('[data-test=sync-chip]')
    const succeededAt = await chip.getAttribute('data-last-sync')
    await context.route('**/api/sync/pull*', route => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'server.internal', message: 'internal' } }) }))
    await sync.locator('[data-test=sync-now]').click()
    await expect.poll(() => sync.locator('[data-test=sync-error]').textContent()).toBe(`同步失败：${ERROR_MESSAGES['server.internal']['zh-CN']}`)
    expect(await chip.getAttribute('data-error')).toBe('server.internal')
    expect(await chip.getAttribute('data-last-sync')).toBe(succeededAt)

    await context.unroute('**/api/sync/pull*')
    await sync.locator('[data-test=sync-now]').click()
    await expect.poll(() => sync.locator('[data-test=sync-error]').count()).toBe(0)
    expect(await chip.getAttribute('data-error')).toBeFalsy()
    expect(await chip.getAttribute('data-last-sync')).not.toBe(succeededAt)
  })

  it('online but the server refuses the connection: says the server cannot be reached (not 联网后), and 上次同步 stays the last success', async () => {
    const sync = page.locator('[data-test=sync-card]')
    const chip = page.locator('[data-test=sync-chip]')
    const lastSync = sync.locator('[data-test=last-sync]')
    const succeededAt = await chip.getAttribute('data-last-sync')
    const shownBefore = await lastSync.textContent()
    const attemptedBefore = await chip.getAttribute('data-last-attempt')
    await context.route('**/api/**', route => route.abort('connectionrefused'))
    await sync.locator('[data-test=sync-now]').click()
    await expect.poll(() => chip.getAttribute('data-last-attempt')).not.toBe(attemptedBefore)
    expect(await chip.getAttribute('data-online')).toBe('true')
    expect(await chip.getAttribute('data-error')).toBe('sync.unreachable')
    expect(await sync.locator('[data-test=sync-error]').textContent()).toBe('同步失败：服务器暂时无法连接，稍后会自动重试')
    expect(await sync.textContent()).not.toContain('联网后')
    expect(await chip.getAttribute('data-last-sync')).toBe(succeededAt)
    expect(await lastSync.textContent()).toBe(shownBefore)

    await context.unroute('**/api/**')
    await sync.locator('[data-test=sync-now]').click()
    await expect.poll(() => sync.locator('[data-test=sync-error]').count()).toBe(0)
  })

  it('a tablet clock far off the server\'s is said on the card, with the remedy, until it is right again', async () => {
    const sync = page.locator('[data-test=sync-card]')
    expect(await sync.locator('[data-test=clock-warning]').count()).toBe(0)
    // The server's answer, as if its clock were 2 h 30 min behind this tablet's: this tablet is fast.
    await context.route('**/api/sync/pull*', async (route) => {
      const response = await route.fetch()
      const body = await response.json()
      body.serverTime = new Date(Date.parse(body.serverTime) - 150 * 60_000).toISOString()
      await route.fulfill({ response, json: body })
    })
    await sync.locator('[data-test=sync-now]').click()
    await expect.poll(() => sync.locator('[data-test=clock-warning]').textContent().then(text => text?.trim()))
      .toBe('本机时钟比服务器快 2 小时 30 分钟：请在系统设置中校准日期和时间（采集时间按本机时钟记录）')
    // Kept on the tablet: still said after a reload.
    await page.reload()
    await unlock(page, agent.password)
    await expect.poll(() => sync.locator('[data-test=clock-warning]').count()).toBe(1)

    await context.unroute('**/api/sync/pull*')
    await sync.locator('[data-test=sync-now]').click()
    await expect.poll(() => sync.locator('[data-test=clock-warning]').count()).toBe(0)
  })
})
