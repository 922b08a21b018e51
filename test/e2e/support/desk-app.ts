import type { ATTACHMENT_MEDIA_TYPES, AttachmentKind } from '#shared/application/enums'
import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { Browser, BrowserContext, Dialog, Locator, Page } from 'playwright-core'
import type { DemoAgent, DemoApplication } from '../../../server/cli/demo/demo-applications'
import type { ApiClient, E2eStaff, SiteRecord } from './api-client'
import type { E2eServer } from './e2e-server'
import { createHash } from 'node:crypto'
import { uuidv7 } from 'uuidv7'
import { demoApplication } from '../../../server/cli/demo/demo-applications'
import { pushBody, resubmit, submit } from '../../support/sync-fixtures'
import { signIn } from './api-client'

/**
 * The review desk as desk staff work it: a desktop browser (1440×900, mouse, zh-CN, China
 * time), and applications put in the queue the way tablets do it — an agent's device
 * uploads the real photos and pushes the applications through the sync API. Inputs are
 * found by name and buttons by `data-test`, and each helper waits for what the reviewer
 * would see before going on.
 */

export const DESKTOP_VIEWPORT = { width: 1440, height: 900 } as const

/** Answers waiting for a page's next browser question (`answerNextDialog`). */
const nextDialogAnswers = new WeakMap<Page, (dialog: Dialog) => Promise<void>>()

export async function newDesktopContext(browser: Browser, options: { baseURL: string, locale?: string, timezoneId?: string }): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    viewport: { ...DESKTOP_VIEWPORT },
    deviceScaleFactor: 1,
    locale: options.locale ?? 'zh-CN',
    timezoneId: options.timezoneId ?? 'Asia/Shanghai',
    // The desk is online only; the field's worker has nothing to do with these tests.
    serviceWorkers: 'block',
  })
  context.on('page', page => page.on('dialog', (dialog) => {
    const answer = nextDialogAnswers.get(page)
    nextDialogAnswers.delete(page)
    void (answer ? answer(dialog) : answerAsLeaving(dialog))
  }))
  return context
}

/**
 * The browser's own questions on a desk page. A page holding typed drafts asks before it goes
 * (`typed-drafts.ts`); a test's reload or `goto` is meant, so it leaves, as a person answering
 * 离开 would. Anything else is dismissed, as Playwright does when nobody listens.
 */
function answerAsLeaving(dialog: Dialog): Promise<void> {
  return dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss()
}

/**
 * Answers the page's next browser question with `answer` instead (a test that checks it).
 * Returns the withdrawal, for a question that should not come.
 */
export function answerNextDialog(page: Page, answer: (dialog: Dialog) => Promise<void>): () => void {
  nextDialogAnswers.set(page, answer)
  return () => nextDialogAnswers.delete(page)
}

/** One demo application: the generator's `n`, the device's receipt sequence, and changes to the applicant. */
export interface DemoSpec {
  n: number
  sequence?: number
  person?: Record<string, unknown>
  /** Files attached besides the demo's photos (a PDF, say), uploaded with them under their own media type. */
  extraFiles?: ReadonlyArray<{ kind: AttachmentKind, mediaType: (typeof ATTACHMENT_MEDIA_TYPES)[number], bytes: Buffer }>
}

/** What a device whose clock is `deviceClockMs` ahead says it read when it sent a push; nothing without. */
function sentAt(deviceClockMs: number | undefined): { sentAt?: string } {
  return deviceClockMs === undefined ? {} : { sentAt: new Date(Date.now() + deviceClockMs).toISOString() }
}

/**
 * Applications by `agent` at `site`, one per `n` of the demo generator (n % 6 < 4 and
 * n % 3 ≠ 0 give a standard individual), the applicant changed as a spec says, with every
 * photo uploaded (unless `upload: false`: the tablet has not sent them yet), submitted through
 * the sync API from a device of the agent's own (a new one each call). Returns them in the
 * order given. With `deviceClockMs` the device's clock is that far ahead (negative: behind):
 * its capture times read that clock, and the push says what it reads (`sentAt`); without, the
 * push says nothing of it, as a release before `sentAt` did.
 */
export async function pushDemoApplications(server: E2eServer, agent: E2eStaff, site: SiteRecord, items: ReadonlyArray<number | DemoSpec>, { upload = true, deviceClockMs }: { upload?: boolean, deviceClockMs?: number } = {}): Promise<DemoApplication[]> {
  const device = await signIn(server.url, agent.username, agent.password)
  const { settings } = await server.admin.json<{ settings: ProgrammeSettings }>('/api/admin/programme')
  const demoAgent: DemoAgent = {
    staffId: device.login.staff.id,
    deviceId: device.login.device.id,
    deviceCode: device.login.device.code,
    siteId: site.id,
    siteCode: site.code,
    regionCode: site.regionCode,
  }
  const now = Date.now() + (deviceClockMs ?? 0)
  const demos = items.map((item, i) => {
    const { n, sequence = i + 1, person, extraFiles = [] } = typeof item === 'number' ? { n: item } : item
    const demo = demoApplication(demoAgent, settings, n, sequence, new Date(now - (items.length - i) * 3_600_000).toISOString())
    for (const file of extraFiles) {
      const sha256 = createHash('sha256').update(file.bytes).digest('hex')
      demo.files.push({ sha256, bytes: file.bytes })
      demo.application.attachments.push({ id: uuidv7(), kind: file.kind, sha256, mediaType: file.mediaType, size: file.bytes.length })
    }
    if (person) {
      if (demo.application.applicantType !== 'individual')
        throw new Error(`demo application ${n} is not an individual's: no person to change`)
      Object.assign(demo.application.person, person)
    }
    return demo
  })
  for (const demo of upload ? demos : []) {
    for (const file of demo.files) {
      const mediaType = demo.application.attachments.find(attachment => attachment.sha256 === file.sha256)?.mediaType ?? 'image/png'
      await device.json(`/api/attachments/${file.sha256}`, { method: 'PUT', body: file.bytes, headers: { 'Content-Type': mediaType } })
    }
  }
  const { results } = await device.json<{ results: Array<{ outcome: string }> }>('/api/sync/push', { method: 'POST', json: { ...pushBody(demos.map(demo => submit(demo.application))), ...sentAt(deviceClockMs) } })
  if (results.some(result => result.outcome !== 'applied'))
    throw new Error(`push refused: ${JSON.stringify(results)}`)
  return demos
}

/**
 * The agent resubmits a returned application, the applicant changed as `person` says and with
 * `extraFiles` attached besides (uploaded first), from a device of their own (a new one, as
 * after a tablet was replaced), on `baseVersion` (the version the return left). Returns the server's receipt: the new version and status.
 */
export async function resubmitThroughApi(server: E2eServer, agent: E2eStaff, demo: DemoApplication, baseVersion: number, person: Record<string, unknown>, { deviceClockMs, extraFiles = [] }: { deviceClockMs?: number, extraFiles?: DemoSpec['extraFiles'] } = {}): Promise<{ version: number, status: string }> {
  if (demo.application.applicantType !== 'individual')
    throw new Error(`${demo.application.receiptNo} is not an individual's application: no person to change`)
  const device = await signIn(server.url, agent.username, agent.password)
  const attachments = [...demo.application.attachments]
  for (const file of extraFiles) {
    const sha256 = createHash('sha256').update(file.bytes).digest('hex')
    await device.json(`/api/attachments/${sha256}`, { method: 'PUT', body: file.bytes, headers: { 'Content-Type': file.mediaType } })
    attachments.push({ id: uuidv7(), kind: file.kind, sha256, mediaType: file.mediaType, size: file.bytes.length })
  }
  const application = { ...demo.application, attachments, person: { ...demo.application.person, ...person } }
  const { results } = await device.json<{ results: Array<{ outcome: string, receipt?: { version: number, status: string } }> }>('/api/sync/push', { method: 'POST', json: { ...pushBody([resubmit(application, baseVersion)]), ...sentAt(deviceClockMs) } })
  if (results[0]?.outcome !== 'applied' || !results[0].receipt)
    throw new Error(`resubmission refused: ${JSON.stringify(results)}`)
  return results[0].receipt
}

/** A decision through the API (another reviewer acting behind the page's back). */
export async function decideThroughApi(api: ApiClient, id: string, action: string, version: number, json: unknown = {}): Promise<{ version: number, status: string }> {
  return api.json(`/api/review/applications/${id}/actions/${action}`, { method: 'POST', headers: { 'If-Match': `"${version}"` }, json })
}

export async function signInOnDesk(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/desk')
  await page.waitForURL(/\/desk\/sign-in/)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await page.click('[data-test=sign-in]')
  // Signed in: off the sign-in page (its URL may name the page to return to), in the desk's frame.
  await page.waitForURL(url => !url.pathname.startsWith('/desk/sign-in'))
  await page.locator('[data-test=desk-user]').waitFor()
}

/**
 * Ends the desk session of `page` on the server, as an expiry or a revocation would, and
 * leaves the page as it is: its next call to the server is refused (401) and the desk goes
 * to sign in. `notice`: the desk makes that call at once, as when its window comes back
 * into view (it asks for the signed-in person's role again).
 */
export async function endDeskSession(page: Page, serverUrl: string, { notice = false }: { notice?: boolean } = {}): Promise<void> {
  const token = await page.evaluate(() => {
    const session = (globalThis as unknown as { sessionStorage: { getItem: (key: string) => string | null } }).sessionStorage.getItem('field-enrol.desk.session')
    return (JSON.parse(session ?? '{}') as { token?: string }).token ?? ''
  })
  const ended = await fetch(new URL('/api/auth/logout', serverUrl), { method: 'POST', headers: { Authorization: `Bearer ${token}` } })
  if (ended.status !== 204)
    throw new Error(`the desk session did not end: ${ended.status}`)
  if (notice)
    await page.evaluate(() => (globalThis as unknown as { dispatchEvent: (event: Event) => boolean }).dispatchEvent(new Event('focus')))
}

/** Signs in again on the sign-in page an ended session sent `page` to; returns once back on `path`. */
export async function signInAgain(page: Page, username: string, password: string, path: string): Promise<void> {
  await page.waitForURL(url => url.pathname === '/desk/sign-in' && url.searchParams.get('next') === path)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await page.click('[data-test=sign-in]')
  await page.waitForURL(url => url.pathname === path)
}

/**
 * Opens an el-select by its `data-test` and clicks the option with that label; returns once
 * the list has closed (a list still fading out would offer its options to the next choice).
 */
export async function chooseOption(page: Page, testId: string, label: string): Promise<void> {
  await page.click(`[data-test=${testId}]`)
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
  await page.keyboard.press('Escape')
  await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' })
}

/**
 * Picks the option with that label in an el-select found by its `data-test`, inside a dialog:
 * the list closes on the click, and no Escape is pressed (it would close the dialog too).
 * Opened once the dialog has finished opening: a list opened while the dialog still moves
 * in is placed against where the dialog was, and on a loaded machine the option clicked
 * there was once missed and the list stayed open (CI).
 */
export async function chooseInDialog(page: Page, testId: string, label: string): Promise<void> {
  await dialogsSettled(page)
  await page.click(`[data-test=${testId}]`)
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
  await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' })
}

/**
 * Until no dialog is opening or closing: a dialog on its way out still reads as visible, so
 * whether one stayed open is known only once its transition is over.
 */
export async function dialogsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector: (selector: string) => unknown } }).document.querySelector('.dialog-fade-leave-active, .dialog-fade-enter-active'))
}

/**
 * The Element Plus message of this type that `action` brings up, once shown; its text. Messages
 * stay a few seconds and stack, often with the same words (已保存), so the one meant is the one
 * that was not on screen before.
 */
/**
 * The desk's confirmation box (confirmAction) titled `action`, answered: its button named for
 * the action, or 取消 (`cancel`). Returns its message, once the box has gone.
 */
export async function answerConfirmation(page: Page, action: string, { cancel = false }: { cancel?: boolean } = {}): Promise<string> {
  const box = page.locator('.el-message-box', { has: page.locator('.el-message-box__title', { hasText: action }) })
  await box.waitFor()
  const message = (await box.locator('.el-message-box__message').textContent())?.trim() ?? ''
  await box.locator('.el-message-box__btns .el-button', { hasText: cancel ? '取消' : action }).click()
  await box.waitFor({ state: 'hidden' })
  return message
}

export async function messageAfter(page: Page, type: 'success' | 'error' | 'warning', action: () => Promise<unknown>): Promise<string> {
  const shown = await page.locator(`.el-message--${type}`).evaluateAll(messages => messages.map(message => message.id))
  await action()
  const fresh = page.locator(`.el-message--${type}${shown.map(id => `:not(#${id})`).join('')}`).first()
  await fresh.waitFor()
  return (await fresh.textContent()) ?? ''
}

/**
 * The texts among `cells` not shown whole: a word split across two lines (its range draws on
 * two lines), or text wider than its cell (clipped, or cut short with …). Empty when every
 * cell reads as written. For English text: a run of Chinese characters is one "word" here
 * and may rightly wrap.
 */
export async function cellsNotWhole(cells: Locator): Promise<string[]> {
  return cells.evaluateAll(list => list.flatMap((cell) => {
    const text = cell.textContent?.trim() ?? ''
    if (!text)
      return []
    if (cell.scrollWidth > cell.clientWidth)
      return [text]
    // 4: NodeFilter.SHOW_TEXT (the page's globals are not in this file's types).
    const walker = cell.ownerDocument.createTreeWalker(cell, 4)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of (node.textContent ?? '').matchAll(/\S+/g)) {
        const range = cell.ownerDocument.createRange()
        range.setStart(node, word.index)
        range.setEnd(node, word.index + word[0].length)
        if (new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size > 1)
          return [text]
      }
    }
    return []
  }))
}

/**
 * The texts among `elements` not on one line: wrapped between words (their text draws on more
 * than one line, which cellsNotWhole allows), or wider than the element. A tag whose label
 * wraps ("Returned for more / information") is found here.
 */
export async function textsNotOnOneLine(elements: Locator): Promise<string[]> {
  return elements.evaluateAll(list => list.flatMap((element) => {
    const text = element.textContent?.trim() ?? ''
    if (!text)
      return []
    if (element.scrollWidth > element.clientWidth)
      return [text]
    const lines = new Set<number>()
    // 4: NodeFilter.SHOW_TEXT (the page's globals are not in this file's types).
    const walker = element.ownerDocument.createTreeWalker(element, 4)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = element.ownerDocument.createRange()
      range.selectNodeContents(node)
      for (const rect of range.getClientRects()) {
        if (rect.width > 0)
          lines.add(Math.round(rect.top))
      }
    }
    return lines.size > 1 ? [text] : []
  }))
}

/** The receipt links of the queue's rows. */
export function queueRows(page: Page): Locator {
  return page.locator('[data-test=queue-table] [data-test=open-application]')
}

/**
 * The headers of a table's columns wholly in view: a table narrower than its columns scrolls
 * its middle, and what must stay in sight is pinned to one side.
 */
export async function columnsInView(table: Locator): Promise<string[]> {
  return table.evaluate((element) => {
    const box = element.getBoundingClientRect()
    return [...element.querySelectorAll('.el-table__header th')]
      .filter((th) => {
        const cell = th.getBoundingClientRect()
        return cell.width > 0 && cell.left >= box.left - 1 && cell.right <= box.right + 1
      })
      .map(th => th.textContent?.trim() ?? '')
  })
}

/** A box on the page, as Playwright measures it (CSS pixels, from the viewport's top left). */
export type Box = NonNullable<Awaited<ReturnType<Locator['boundingBox']>>>

/**
 * Where a table's horizontal scroll bar is drawn — Element Plus's own thumb, laid over the
 * table's foot — or null when the table fits its width and has nothing to scroll.
 */
export async function horizontalScrollThumb(table: Locator): Promise<Box | null> {
  const box = await table.locator('.el-table__body-wrapper .el-scrollbar__bar.is-horizontal .el-scrollbar__thumb').boundingBox()
  return box && box.width > 0 ? box : null
}

export async function openApplication(page: Page, receiptNo: string): Promise<void> {
  await page.locator(`[data-test=open-application][data-receipt="${receiptNo}"]`).click()
  await page.waitForURL(/\/desk\/applications\//)
  await page.waitForSelector(`[data-test=receipt-no]:has-text("${receiptNo}")`)
}

/** The application page's status, as its tag's `data-status` (the code, whatever the language). */
export async function applicationStatus(page: Page): Promise<string | null> {
  return page.locator('[data-test=application-status]').getAttribute('data-status')
}
