import type { Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import type { ApiClient, E2eStaff, SiteRecord } from './support/api-client'
import { pathLabel } from '#shared/application/application-format'
import { maskMobile } from '#shared/privacy/masking'
import { onServerClock } from '#shared/sync/clock-offset'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { formatInstant } from '../../client/src/i18n/instant-format'
import { DEVICE_TIME } from '../support/sync-fixtures'
import { signIn } from './support/api-client'
import { cellsNotWhole, chooseOption, decideThroughApi, DESKTOP_VIEWPORT, openApplication, pushDemoApplications, resubmitThroughApi, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * The versions of an application resubmitted once, compared at the desk: an agent's
 * application is taken into review, returned for its mobile number, and resubmitted from
 * the agent's device with the number corrected (v1 submitted, v2 in review, v3 returned,
 * v4 resubmitted). The reviewer lists the versions and compares two of them; what changed,
 * and only that, is listed, masked as the page is, and two versions with the same content
 * say so. The server compares them: only the changes reach the browser, masked unless the
 * page is in the full view. Each version says its device time, and when the device's clock
 * was off by more than transit time — one tablet fast, another slow — the desk says by how
 * much, and when the application was captured on the server's clock.
 */

const chromiumPath = inject('chromiumPath')

const MOBILE = pathLabel('person.mobile', 'zh-CN')

/** A one-page PDF of 612 bytes or so, added to the materials at resubmission. */
const PDF_FILE = {
  kind: 'other' as const,
  mediaType: 'application/pdf' as const,
  bytes: Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n${'%'.repeat(400)}\n%%EOF\n`),
}

function mobileOf(demo: DemoApplication): string {
  if (demo.application.applicantType !== 'individual')
    throw new Error('expected an individual application')
  return demo.application.person.mobile
}

/** A valid mobile number that differs from `mobile` in its middle four digits only (those a masked view hides). */
function middleDigitsChanged(mobile: string): string {
  return `${mobile.slice(0, 3)}${mobile.slice(3, 7) === '2468' ? '1357' : '2468'}${mobile.slice(7)}`
}

describe.skipIf(!chromiumPath)('comparing the versions of a resubmitted application', () => {
  const suite = useE2eSuite()
  let page: Page
  let site: SiteRecord
  let agent: E2eStaff
  let reviewerApi: ApiClient
  /** Resubmitted with a new number throughout. */
  let renumbered: DemoApplication
  /** Resubmitted with the middle digits of its number corrected. */
  let corrected: DemoApplication
  /** Captured and submitted on a tablet whose clock is 2 h 30 min fast. */
  let fastClock: DemoApplication
  /** Resubmitted with a new number and a PDF added to its materials. */
  let withPdf: DemoApplication
  /** Resubmitted with a Hong Kong number. */
  let hongKong: DemoApplication
  const hongKongMobile = '+85291234567'
  const newMobile = '13911112222'
  const MINUTE = 60_000

  /** Into review, returned for its mobile, and resubmitted by the agent with `mobile`: v4. */
  async function returnAndResubmit(demo: DemoApplication, mobile: string, deviceClockMs?: number, extraFiles: typeof PDF_FILE[] = []): Promise<void> {
    const started = await decideThroughApi(reviewerApi, demo.application.id, 'start_review', 1)
    const returned = await decideThroughApi(reviewerApi, demo.application.id, 'return', started.version, { items: [{ kind: 'field', ref: 'person.mobile' }], comment: '手机号码有误' })
    const receipt = await resubmitThroughApi(suite.server, agent, demo, returned.version, { mobile }, { deviceClockMs, extraFiles })
    expect(receipt).toMatchObject({ version: 4, status: 'submitted' })
  }

  async function compare(from: string, to: string): Promise<void> {
    await chooseOption(page, 'version-from', from)
    await chooseOption(page, 'version-to', to)
    await page.click('[data-test=version-compare]')
    await expect.poll(() => page.locator('.application-versions__caption').textContent().then(text => text?.trim())).toBe(`${from} → ${to}`)
  }

  /** The comparison's rows as [field, before, after] (before and after share a cell, one under the other). */
  function diffRows(): Promise<string[][]> {
    return page.locator('[data-test=version-diff] .el-table__body-wrapper .el-table__row').evaluateAll(rows => rows.map(row => [
      row.querySelector('td')?.textContent?.trim() ?? '',
      row.querySelector('[data-test=version-before]')?.textContent?.trim() ?? '',
      row.querySelector('[data-test=version-after]')?.textContent?.trim() ?? '',
    ]))
  }

  beforeAll(async () => {
    site = await suite.server.admin.createSite({ name: '西城网点' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id], displayName: '王外勤' })
    const reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id], displayName: '李审核' })
    reviewerApi = await signIn(suite.server.url, reviewer.username, reviewer.password)
    ;[renumbered, corrected] = await pushDemoApplications(suite.server, agent, site, [1, 2]) as [DemoApplication, DemoApplication]
    ;[fastClock] = await pushDemoApplications(suite.server, agent, site, [4], { deviceClockMs: 150 * MINUTE }) as [DemoApplication]
    ;[withPdf] = await pushDemoApplications(suite.server, agent, site, [7]) as [DemoApplication]
    ;[hongKong] = await pushDemoApplications(suite.server, agent, site, [8]) as [DemoApplication]
    // Resubmitted from a tablet 45 minutes slow.
    await returnAndResubmit(renumbered, newMobile, -45 * MINUTE)
    await returnAndResubmit(corrected, middleDigitsChanged(mobileOf(corrected)))
    await returnAndResubmit(withPdf, '13922223333', undefined, [PDF_FILE])
    await returnAndResubmit(hongKong, hongKongMobile)
    page = await (await suite.desk()).newPage()
    await signInOnDesk(page, reviewer.username, reviewer.password)
  })

  it('says what the resubmission did with the return: the mobile it asked about changed, though only in its hidden digits', async () => {
    await openApplication(page, corrected.application.receiptNo)
    const answered = page.locator('[data-test=answered-return]')
    await expect.poll(() => answered.textContent()).toContain('手机号码')
    expect(await answered.locator('li[data-ref="person.mobile"]').getAttribute('data-changed')).toBe('true')
    expect(await answered.textContent()).toContain('已修改')
    expect(await answered.textContent()).toContain('手机号码有误')
    // Shown once, as the earlier return: not again above it as if it stood (the application is 已提交).
    expect(await answered.textContent()).toContain('此前的退回')
    expect(await page.locator('[data-test=decision]').count()).toBe(0)
    await page.goto('/desk/queue')
  })

  it('lists the four versions and compares them: the mobile number changed, masked, and nothing else', async () => {
    // Everything the server answers while the page is masked: no number in full among it.
    const answers: Array<Promise<string>> = []
    const record = (response: { url: () => string, text: () => Promise<string> }): void => {
      if (response.url().includes('/api/review/'))
        answers.push(response.text().catch(() => ''))
    }
    page.on('response', record)
    await openApplication(page, renumbered.application.receiptNo)
    const versions = page.locator('[data-test=versions] > .el-table .el-table__body-wrapper .el-table__row')
    await expect.poll(() => versions.count()).toBe(4)
    const listed = await versions.evaluateAll(rows => rows.map(row => [...row.querySelectorAll('td')].slice(0, 2).map(cell => cell.textContent?.trim())))
    expect(listed).toEqual([['1', '已提交'], ['2', '审核中'], ['3', '退回补充'], ['4', '已提交']])
    const history = await reviewerApi.json<{ versions: Array<{ version: number, status: string }> }>(`/api/review/applications/${renumbered.application.id}/history`)
    expect(history.versions.map(v => `${v.version}:${v.status}`)).toEqual(['1:submitted', '2:in_review', '3:returned', '4:submitted'])

    // The latest two are offered first: the return against the resubmission.
    expect(await page.locator('[data-test=version-from]').textContent()).toContain('v3')
    expect(await page.locator('[data-test=version-to]').textContent()).toContain('v4')
    await page.click('[data-test=version-compare]')
    await expect.poll(() => diffRows()).toEqual([[MOBILE, maskMobile(mobileOf(renumbered)), maskMobile(newMobile)]])
    // Masked as the page is: neither number in full.
    const table = await page.locator('[data-test=version-diff]').textContent()
    expect(table).not.toContain(mobileOf(renumbered))
    expect(table).not.toContain(newMobile)

    // The first submission against the resubmission: the same single change.
    await compare('v1', 'v4')
    await expect.poll(() => diffRows()).toEqual([[MOBILE, maskMobile(mobileOf(renumbered)), maskMobile(newMobile)]])
    // Taking it into review changed no content.
    await compare('v1', 'v2')
    await expect.poll(() => page.locator('[data-test=version-diff] .el-table__empty-text').textContent()).toBe('两个版本的内容相同')
    expect(await diffRows()).toEqual([])
    // A version against itself is no comparison.
    await chooseOption(page, 'version-to', 'v1')
    expect(await page.locator('[data-test=version-compare]').isDisabled()).toBe(true)

    page.off('response', record)
    const sent = (await Promise.all(answers)).join('\n')
    expect(sent).toContain(maskMobile(newMobile))
    expect(sent).not.toContain(mobileOf(renumbered))
    expect(sent).not.toContain(newMobile)
  })

  // Compared on the real values (by the server, which sends the changes masked): a change
  // inside the masked part of a value is still a change.
  it('a correction inside the masked digits of the mobile is listed as a change', async () => {
    await page.goto('/desk/queue')
    await openApplication(page, corrected.application.receiptNo)
    await page.click('[data-test=version-compare]')
    await expect.poll(() => page.locator('.application-versions__caption').textContent().then(text => text?.trim())).toBe('v3 → v4')
    await expect.poll(() => diffRows(), { timeout: 3_000 }).toEqual([[MOBILE, maskMobile(mobileOf(corrected)), maskMobile(middleDigitsChanged(mobileOf(corrected)))]])
  })

  it('in the full view, the comparison shows both numbers in full, and one on screen follows the view', async () => {
    await page.goto('/desk/queue')
    await openApplication(page, renumbered.application.receiptNo)
    await page.click('[data-test=version-compare]')
    await expect.poll(() => diffRows(), { timeout: 3_000 }).toEqual([[MOBILE, maskMobile(mobileOf(renumbered)), maskMobile(newMobile)]])
    // Revealed with the comparison open: asked for again, in full.
    await page.click('[data-test=reveal]')
    await page.waitForSelector('[data-test=revealed]')
    await expect.poll(() => diffRows(), { timeout: 3_000 }).toEqual([[MOBILE, mobileOf(renumbered), newMobile]])
    await compare('v1', 'v4')
    await expect.poll(() => diffRows(), { timeout: 3_000 }).toEqual([[MOBILE, mobileOf(renumbered), newMobile]])
  })

  // A file record is bookkeeping (an id, a hash, a media type): a file added is one row in
  // people's words, and the comparison stays inside its card.
  it('a material added at resubmission is one row: 申请材料 · 其他材料, 新增, PDF and its size', async () => {
    await page.goto('/desk/queue')
    await openApplication(page, withPdf.application.receiptNo)
    await page.click('[data-test=version-compare]')
    const kb = Math.max(1, Math.round(PDF_FILE.bytes.length / 1024))
    await expect.poll(() => diffRows(), { timeout: 3_000 }).toEqual([
      [MOBILE, maskMobile(mobileOf(withPdf)), maskMobile('13922223333')],
      ['申请材料 · 其他材料', '—', `新增：PDF，${kb}\u00A0KB`],
    ])
    const table = page.locator('[data-test=version-diff]')
    const text = await table.textContent() ?? ''
    for (const raw of ['sha256', 'mediaType', 'application/pdf', String(PDF_FILE.bytes.length)])
      expect(text).not.toContain(raw)
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/)
    // No sideways scrolling: the table's body is no wider than the table.
    const widths = await table.evaluate(el => ({ table: el.clientWidth, body: el.querySelector('.el-table__body')!.scrollWidth }))
    expect(widths.body).toBeLessThanOrEqual(widths.table)
  })

  it('in English, the versions\' headers and statuses wrap between words (not "informatio / n") and fit the card', async () => {
    await page.goto('/desk/queue')
    await openApplication(page, renumbered.application.receiptNo)
    await page.click('[data-test=locale-en]')
    const table = page.locator('[data-test=versions] > .el-table')
    try {
      await expect.poll(() => table.textContent()).toContain('Returned for more information')
      // Polled: the text changes at once, the columns' widths (wider in English) a frame or
      // two later, when the table lays itself out again.
      await expect.poll(() => cellsNotWhole(table.locator('th .cell, td:nth-child(2) .cell')), { timeout: 3_000 }).toEqual([])
      const widths = await table.evaluate(el => ({ table: el.clientWidth, body: el.querySelector('.el-table__body')!.scrollWidth }))
      expect(widths.body).toBeLessThanOrEqual(widths.table)
    }
    finally {
      // Back to Chinese whatever happened: the locale is kept in the browser, and the next tests read Chinese.
      await page.click('[data-test=locale-zh-CN]')
    }
    await expect.poll(() => table.textContent()).toContain('退回补充')
    // In Chinese too, no sideways scrolling.
    expect(await table.evaluate(el => el.querySelector('.el-table__body')!.scrollWidth <= el.clientWidth)).toBe(true)
  })

  // At 1280 the card is a third of 1024 px: once a fourth column (By) was cut off, and the
  // values, side by side, broke inside a number ("135****418 / 7").
  it('on a laptop, in English, the versions and the comparison fit the card and read whole: a +852 mobile on one line', async () => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto('/desk/queue')
    await openApplication(page, hongKong.application.receiptNo)
    await page.click('[data-test=locale-en]')
    try {
      await page.click('[data-test=version-compare]')
      await expect.poll(() => diffRows(), { timeout: 3_000 }).toEqual([[pathLabel('person.mobile', 'en'), maskMobile(mobileOf(hongKong)), maskMobile(hongKongMobile)]])
      const versions = page.locator('[data-test=versions] > .el-table').first()
      const diff = page.locator('[data-test=version-diff]')
      // The actor reads under the times, named.
      expect(await versions.locator('[data-test=version-actor]').allTextContents().then(list => list.map(text => text.trim()))).toEqual(['By 王外勤', 'By 李审核', 'By 李审核', 'By 王外勤'])
      await expect.poll(() => cellsNotWhole(versions.locator('th .cell, td .cell')), { timeout: 3_000 }).toEqual([])
      expect(await cellsNotWhole(diff.locator('th .cell, td .cell'))).toEqual([])
      for (const table of [versions, diff]) {
        const widths = await table.evaluate(el => ({ table: el.clientWidth, body: el.querySelector('.el-table__body')!.scrollWidth }))
        expect(widths.body).toBeLessThanOrEqual(widths.table)
      }
    }
    finally {
      await page.click('[data-test=locale-zh-CN]')
      await page.setViewportSize({ ...DESKTOP_VIEWPORT })
    }
  })

  // At 1024 the side column is a third of 768 px: the versions' three columns were cut off at
  // the card's edge (Server time), so there they go under the application, at its width.
  it('on a smaller laptop (1024), in English, the versions read whole under the application', async () => {
    await page.setViewportSize({ width: 1024, height: 768 })
    await page.goto('/desk/queue')
    await openApplication(page, hongKong.application.receiptNo)
    await page.click('[data-test=locale-en]')
    try {
      const versions = page.locator('[data-test=versions] > .el-table').first()
      await expect.poll(() => versions.locator('[data-test=version-actor]').count()).toBe(4)
      await expect.poll(() => cellsNotWhole(versions.locator('th .cell, td .cell')), { timeout: 3_000 }).toEqual([])
      const widths = await versions.evaluate(el => ({ table: el.clientWidth, body: el.querySelector('.el-table__body')!.scrollWidth }))
      expect(widths.body).toBeLessThanOrEqual(widths.table)
      // Under the application's cards, in the wide column; the decision stays beside them.
      const main = page.locator('.desk-application__main')
      expect(await main.locator('[data-test=versions]').count()).toBe(1)
      await page.click('[data-test=version-compare]')
      await expect.poll(() => diffRows(), { timeout: 3_000 }).toEqual([[pathLabel('person.mobile', 'en'), maskMobile(mobileOf(hongKong)), maskMobile(hongKongMobile)]])
      expect(await cellsNotWhole(page.locator('[data-test=version-diff] th .cell, [data-test=version-diff] td .cell'))).toEqual([])
    }
    finally {
      await page.click('[data-test=locale-zh-CN]')
      await page.setViewportSize({ ...DESKTOP_VIEWPORT })
    }
  })

  it('says when a device\'s clock was off: beside the capture time, and for each version it made', async () => {
    await page.goto('/desk/queue')
    await openApplication(page, fastClock.application.receiptNo)
    const history = await reviewerApi.json<{ versions: Array<{ clockOffsetMs: number | null }> }>(`/api/review/applications/${fastClock.application.id}/history`)
    const offset = history.versions[0]!.clockOffsetMs!
    expect(Math.abs(offset - 150 * MINUTE)).toBeLessThan(MINUTE)
    const capturedOnServerClock = formatInstant(onServerClock(fastClock.application.capturedAt, offset), 'zh-CN')
    await expect.poll(() => page.locator('[data-test=capture-clock]').textContent().then(text => text?.trim()))
      .toBe(`设备时钟快 2 小时 30 分钟（同步时测得），按服务器时钟约为 ${capturedOnServerClock}`)
    // The signing time too (read on the clock of the device's latest push).
    const signedOnServerClock = formatInstant(onServerClock(fastClock.application.consent.signedAt, offset), 'zh-CN')
    expect(await page.locator('[data-test=consent-clock]').textContent().then(text => text?.trim()))
      .toBe(`设备时钟快 2 小时 30 分钟（同步时测得），按服务器时钟约为 ${signedOnServerClock}`)
    const versions = page.locator('[data-test=versions] > .el-table .el-table__body-wrapper .el-table__row')
    await expect.poll(() => versions.count()).toBe(1)
    expect(await versions.locator('[data-test=version-clock]').textContent().then(text => text?.trim())).toBe('设备时钟快 2 小时 30 分钟')
    // Its device time is the tablet's own reading, shown as it was recorded.
    expect(await versions.locator('[data-test=version-device-time]').textContent().then(text => text?.trim())).toBe(`设备时间：${formatInstant(DEVICE_TIME, 'zh-CN')}`)

    // The resubmission came from a slow tablet; the desk's own versions have no device time.
    await page.goto('/desk/queue')
    await openApplication(page, renumbered.application.receiptNo)
    const rows = page.locator('[data-test=versions] > .el-table .el-table__body-wrapper .el-table__row')
    await expect.poll(() => rows.count()).toBe(4)
    const notes = await rows.evaluateAll(list => list.map(row => row.querySelector('[data-test=version-clock]')?.textContent?.trim() ?? null))
    expect(notes).toEqual([null, null, null, '设备时钟慢 45 分钟'])
    expect(await rows.nth(1).locator('[data-test=version-device-time]').count()).toBe(0)
    // Submitted by a release that did not say its clock: nothing said of it.
    await expect.poll(() => page.locator('[data-test=capture]').isVisible()).toBe(true)
    expect(await page.locator('[data-test=capture-clock]').count()).toBe(0)
    // Signed (again) on the slow tablet that resubmitted it.
    expect(await page.locator('[data-test=consent-clock]').textContent()).toContain('设备时钟慢 45 分钟')
  })
})
