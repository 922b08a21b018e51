import type { Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import type { E2eStaff } from './support/api-client'
import { beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { signIn } from './support/api-client'
import { applicationStatus, decideThroughApi, openApplication, pushDemoApplications, queueRows, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'

/**
 * The application page's materials (申请材料) as a reviewer checks them: an application
 * from a tablet with its ID photos, the signature and a PDF (其他材料). A photo clicked opens
 * large in the viewer at that photo, zooms in, moves to the next and closes with Esc; the
 * photos are buttons named for what they show, so the viewer opens from the keyboard too,
 * and its close and previous/next controls are buttons Tab reaches.
 * The PDF's link is named for the material and opens it in a new tab, shown as a PDF.
 * While the viewer is open the decision shortcuts do nothing: the viewer says no aria-modal,
 * and A pressed there once opened the approval on top of the photo.
 */

const chromiumPath = inject('chromiumPath')

/** A one-page PDF, as a scanner would give (a printed form, say). */
const PDF = Buffer.from([
  '%PDF-1.4',
  '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
  '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
  '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
  'trailer << /Root 1 0 R >>',
  '%%EOF',
].join('\n'))

describe.skipIf(!chromiumPath)('application materials: zoom and PDF', () => {
  const suite = useE2eSuite()
  let page: Page
  let reviewer: E2eStaff
  let demo: DemoApplication
  /** Taken into review by the reviewer: A, R and J would decide it. */
  let inReview: DemoApplication

  const viewer = () => page.locator('.el-image-viewer__wrapper')
  /** The viewer's image now shown (the others are hidden). */
  const shownImage = () => viewer().locator('img.el-image-viewer__img:visible')

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '门头沟网点' })
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id] })
    ;[demo] = await pushDemoApplications(suite.server, agent, site, [{ n: 1, extraFiles: [{ kind: 'other', mediaType: 'application/pdf', bytes: PDF }] }]) as [DemoApplication]
    ;[inReview] = await pushDemoApplications(suite.server, agent, site, [2]) as [DemoApplication]
    await decideThroughApi(await signIn(suite.server.url, reviewer.username, reviewer.password), inReview.application.id, 'start_review', 1)
    page = await (await suite.desk()).newPage()
    await signInOnDesk(page, reviewer.username, reviewer.password)
    await queueRows(page).first().waitFor()
    await openApplication(page, demo.application.receiptNo)
  })

  beforeEach(async () => {
    await page.goto(`/desk/applications/${demo.application.id}`)
    await page.waitForSelector(`[data-test=receipt-no]:has-text("${demo.application.receiptNo}")`)
  })

  it('opens a photo large at that photo, zooms in, moves to the next and closes with Esc', async () => {
    const back = page.locator('[data-test=material-id_back] img')
    await back.waitFor()
    const backSrc = await back.getAttribute('src')
    expect(backSrc).toMatch(/^blob:/)
    await back.click()
    await viewer().waitFor()
    expect(await shownImage().getAttribute('src')).toBe(backSrc)

    // The viewer zooms with an inline `transform: scale(…)`.
    const scale = async () => Number(/scale\(([\d.]+)\)/.exec(await shownImage().getAttribute('style') ?? '')?.[1])
    const before = await scale()
    // The toolbar: zoom out, zoom in, actual size, rotate left and right — buttons with names.
    const toolbar = viewer().locator('.el-image-viewer__actions__inner').getByRole('button')
    expect(await toolbar.evaluateAll(buttons => buttons.map(b => b.getAttribute('aria-label')))).toEqual(['缩小', '放大', '原始大小 / 适合窗口', '向左旋转', '向右旋转'])
    await viewer().getByRole('button', { name: '放大', exact: true }).click()
    await expect.poll(scale).toBeGreaterThan(before)

    await viewer().locator('.el-image-viewer__next').click()
    const signature = await page.locator('[data-test=material-signature] img').getAttribute('src')
    await expect.poll(() => shownImage().getAttribute('src')).toBe(signature)

    await page.keyboard.press('Escape')
    await viewer().waitFor({ state: 'hidden' })
  })

  it('opens a photo large from the keyboard', async () => {
    const front = page.locator('[data-test=material-id_front]')
    await front.locator('img').waitFor()
    // Named for what it shows, and reached with Tab as a keyboard user reaches it.
    const enlarge = page.getByRole('button', { name: '放大查看：证件正面照片' })
    expect(await enlarge.count()).toBe(1)
    let reached = false
    await page.locator('[data-test=receipt-no]').click()
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab')
      reached = await front.evaluate(element => element.contains(element.ownerDocument.activeElement))
    }
    expect(reached).toBe(true)
    await page.keyboard.press('Enter')
    await viewer().waitFor()
    expect(await shownImage().getAttribute('src')).toBe(await front.locator('img').getAttribute('src'))
    // The toolbar is reached with Tab too: 向右旋转 turns the photo a quarter.
    const rotateRight = viewer().getByRole('button', { name: '向右旋转' })
    let onRotate = false
    for (let i = 0; i < 10 && !onRotate; i++) {
      await page.keyboard.press('Tab')
      onRotate = await rotateRight.evaluate(element => element === element.ownerDocument.activeElement)
    }
    expect(onRotate).toBe(true)
    await page.keyboard.press('Enter')
    await expect.poll(() => shownImage().getAttribute('style')).toContain('rotate(90deg)')
    await page.keyboard.press('Escape')
    await viewer().waitFor({ state: 'hidden' })
  })

  it('the viewer\'s close and previous/next controls are named buttons reached with Tab and pressed with Enter or Space', async () => {
    const front = page.locator('[data-test=material-id_front]')
    await front.locator('img').waitFor()
    await page.getByRole('button', { name: '放大查看：证件正面照片' }).focus()
    await page.keyboard.press('Enter')
    await viewer().waitFor()
    const frontSrc = await front.locator('img').getAttribute('src')
    expect(await shownImage().getAttribute('src')).toBe(frontSrc)
    const backSrc = await page.locator('[data-test=material-id_back] img').getAttribute('src')

    /** Tabs until `name` has the focus (the viewer traps it: every control comes round). */
    const tabTo = async (name: string) => {
      const control = viewer().getByRole('button', { name, exact: true })
      expect(await control.count(), name).toBe(1)
      let reached = false
      for (let i = 0; i < 12 && !reached; i++) {
        await page.keyboard.press('Tab')
        reached = await control.evaluate(element => element === element.ownerDocument.activeElement)
      }
      expect(reached, name).toBe(true)
    }

    await tabTo('下一张')
    await page.keyboard.press('Enter')
    await expect.poll(() => shownImage().getAttribute('src')).toBe(backSrc)
    await tabTo('上一张')
    await page.keyboard.press(' ')
    await expect.poll(() => shownImage().getAttribute('src')).toBe(frontSrc)
    // Space pressed the button and nothing else: the viewer's own Space (actual size) left the photo fitted.
    expect(await shownImage().getAttribute('style')).toContain('max-width: 100%')
    await tabTo('关闭')
    await page.keyboard.press('Enter')
    await viewer().waitFor({ state: 'hidden' })
  })

  it('while the viewer is open, A, R and J do nothing; closed, they decide again', async () => {
    await page.goto(`/desk/applications/${inReview.application.id}`)
    await page.waitForSelector(`[data-test=receipt-no]:has-text("${inReview.application.receiptNo}")`)
    await page.locator('[data-test=action-approve]').waitFor()
    const dialogs = page.locator('.el-dialog:visible')
    await page.locator('[data-test=material-id_front] img').click()
    await viewer().waitFor()
    for (const key of ['a', 'r', 'j', 'A']) {
      await page.keyboard.press(key)
      // A dialog opens in the frame after the key: two frames are enough to see one.
      await page.evaluate('new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))')
      expect(await dialogs.count(), key).toBe(0)
    }
    expect(await viewer().isVisible()).toBe(true)
    expect(await applicationStatus(page)).toBe('in_review')

    // Closed (and faded out), the page's keys are the page's again.
    await page.keyboard.press('Escape')
    await viewer().waitFor({ state: 'hidden' })
    await page.keyboard.press('a')
    const approve = page.locator('[data-test=approve-dialog]')
    await approve.waitFor()
    await approve.locator('.el-dialog__headerbtn').click()
    await approve.waitFor({ state: 'hidden' })
    expect(await applicationStatus(page)).toBe('in_review')
  })

  it('opens the PDF from its named link in a new tab, shown as a PDF', async () => {
    const other = page.locator('[data-test=material-other]')
    await expect.poll(() => other.textContent()).toContain('其他材料')
    const link = other.getByRole('link', { name: '在新标签页打开：其他材料（PDF）' })
    await link.waitFor()
    const [popup] = await Promise.all([
      page.context().waitForEvent('page'),
      link.click(),
    ])
    await popup.waitForLoadState()
    // The page's own copy (a blob: URL of this origin), shown by the browser as a PDF.
    expect(popup.url()).toMatch(new RegExp(`^blob:${suite.server.url.replace(/\/$/, '')}/`))
    expect(await popup.evaluate(() => (globalThis as unknown as { document: { contentType: string } }).document.contentType)).toBe('application/pdf')
    expect(await other.locator('small').textContent()).toBe(`${Math.max(1, Math.round(PDF.length / 1024))}\u00A0KB`)
    await popup.close()
  })

  it('a photo that could not be fetched says so and offers 重试, which shows it once the server answers', async () => {
    await page.route('**/api/attachments/**', route => route.abort())
    try {
      await page.goto(`/desk/applications/${demo.application.id}`)
      const failed = page.locator('[data-test=material-id_front] [data-test=material-failed]')
      await expect.poll(() => failed.textContent()).toContain('无法加载')
      expect(await page.locator('[data-test=material-id_front] img').count()).toBe(0)
    }
    finally {
      await page.unroute('**/api/attachments/**')
    }
    await page.click('[data-test=material-id_front] [data-test=material-retry]')
    await expect.poll(() => page.locator('[data-test=material-id_front] img').getAttribute('src')).toMatch(/^blob:/)
    expect(await page.locator('[data-test=material-id_front] [data-test=material-failed]').count()).toBe(0)
  })
})
