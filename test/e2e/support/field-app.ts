import type { BrowserContext, Page } from 'playwright-core'
import { demoPng } from '../../../server/cli/demo/demo-images'

/**
 * The page's document as callbacks run inside the page see it, typed minimally: the root
 * tsconfig has no DOM types on purpose (it proves shared/ uses none).
 */
export interface InPageDocument {
  document: {
    querySelector: (selector: string) => { getAttribute: (name: string) => string | null } | null
    querySelectorAll: (selector: string) => { length: number }
  }
}

/**
 * The field app as an agent works it, in terms of the screens (inputs are found by their
 * field path, buttons by `data-test`). Each helper waits for what the agent would see
 * before going on, so tests read as the journey they check.
 */

export async function signInOnField(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/field')
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await page.click('[data-test=sign-in]')
  await page.waitForURL(/\/field$/)
}

/** After a reload the app comes back locked (same user): unlock with the password. */
export async function unlock(page: Page, password: string): Promise<void> {
  await page.waitForSelector('[data-test=lock-screen]')
  // Says why it locked: the tab was reopened, not left idle.
  await page.waitForSelector('[data-test=lock-reason][data-reason=reload]')
  await page.fill('[data-test=unlock-password] input, input[name=unlock-password]', password)
  await page.click('[data-test=unlock]')
  await page.waitForSelector('[data-test=lock-screen]', { state: 'hidden' })
}

/** The first pull has stored the programme settings and sites (needed to enrol offline). */
export async function waitForFirstSync(page: Page): Promise<void> {
  try {
    await page.waitForFunction(() => {
      const chip = (globalThis as unknown as InPageDocument).document.querySelector('[data-test=sync-chip]')
      return chip?.getAttribute('data-running') === 'false' && !!chip.getAttribute('data-last-sync') && !chip.getAttribute('data-error')
    }, undefined, { timeout: 30_000 })
  }
  catch (error) {
    const chip = page.locator('[data-test=sync-chip]')
    throw new Error(`no first sync: chip ${await chip.evaluate(el => el.outerHTML).catch(() => 'missing')}`, { cause: error })
  }
}

export async function startEnrolment(page: Page, type: '个人' | '家庭' | '单位/企业'): Promise<void> {
  await page.click('[data-test=new-application]')
  await page.locator('.van-action-sheet').getByText(type, { exact: true }).click()
  await page.waitForURL(/\/field\/enrol\/[0-9a-f-]{36}/)
}

/**
 * Waits for a toast saying `text` to be on screen. Vant keeps one toast element and only
 * hides it, so a toast shown earlier still holds its words: reading `.van-toast` without
 * asking for a visible one can pass before the awaited message ever appears.
 */
export async function toastSaying(page: Page, text: string): Promise<void> {
  await page.locator('.van-toast:visible', { hasText: text }).first().waitFor()
}

/** Waits until no toast is on screen, so the next one awaited is a new one. */
export async function noToastShown(page: Page): Promise<void> {
  await page.locator('.van-toast:visible').first().waitFor({ state: 'hidden' })
}

export async function next(page: Page): Promise<void> {
  await page.click('[data-test=next]')
}

export async function goToStep(page: Page, step: string): Promise<void> {
  await page.click(`.van-tab:has-text("${step}")`)
}

/** A text field by its path, e.g. `person.name`; leaves it, as an agent moving on would. */
export async function fill(page: Page, path: string, value: string): Promise<void> {
  const input = page.locator(`input[name="${path}"], textarea[name="${path}"]`)
  await input.fill(value)
  await input.blur()
}

/** A choice from a bottom picker: opens it, picks the option by its label, confirms. */
export async function choose(page: Page, path: string, label: string): Promise<void> {
  await page.click(`[data-field="${path}"]`)
  const popup = page.locator('.van-popup--bottom:visible')
  await popup.locator('.van-picker-column__item', { hasText: label }).first().click()
  await page.waitForTimeout(300)
  await popup.locator('.van-picker__confirm').click()
  await popup.waitFor({ state: 'hidden' })
}

/** What a picker field (a choice, a date, a region) shows, by its path. */
export async function pickedValue(page: Page, path: string): Promise<string | undefined> {
  return (await page.textContent(`[data-field="${path}"] [data-test=picker-value]`))?.trim()
}

/** The region picker's first entry (北京市 / 北京市 / 东城区) and a street address. */
export async function fillAddress(page: Page, path: string, detail: string): Promise<void> {
  await page.click(`[data-field="${path}.regionCode"]`)
  const popup = page.locator('.van-popup--bottom:visible')
  await popup.locator('.van-picker__confirm').click()
  await popup.waitFor({ state: 'hidden' })
  await fill(page, `${path}.detail`, detail)
}

/** Gives the hidden camera input an image file, as the tablet camera would, and waits for the preview. */
export async function takePhoto(page: Page, kind: string, seed: number): Promise<void> {
  await page.setInputFiles(`input[name=file-${kind}]`, { name: `${kind}.png`, mimeType: 'image/png', buffer: demoPng(seed, 1600, 1000) })
  await page.waitForSelector(`[data-test=material-${kind}] img`)
}

/**
 * Draws on the signature pad with touch events (Vant's pad listens to touch), then confirms.
 * The touches are dispatched on the canvas, not sent through a DevTools session of our own:
 * a second session makes Chromium drop the offline emulation's `navigator.onLine` when it
 * detaches or the page navigates, and the app then believes it is online, and says so, while
 * the network stays cut off. (`context` is no longer used; callers still pass it.)
 */
export async function sign(page: Page, _context: BrowserContext, role: 'applicant' | 'guardian' = 'applicant'): Promise<void> {
  await page.click(`[data-test=sign-${role}]`)
  const confirm = page.locator(`[data-test=signature-${role}] .van-signature__footer .van-button--primary`)
  await confirm.waitFor()
  if (!await padInView(page, role))
    throw new Error(`the ${role}'s signature pad opened out of sight: its pad or its Confirm is off screen or behind a bar`)
  const canvas = page.locator(`[data-test=signature-${role}] canvas`)
  const box = (await canvas.boundingBox())!
  const points = Array.from({ length: 24 }, (_, i) => ({ identifier: 1, clientX: box.x + 30 + i * 14, clientY: box.y + box.height / 2 + Math.sin(i / 2) * 30 }))
  const touch = (type: string, point: typeof points[number], touching: boolean) => canvas.dispatchEvent(type, { bubbles: true, cancelable: true, touches: touching ? [point] : [], targetTouches: touching ? [point] : [], changedTouches: [point] })
  await touch('touchstart', points[0]!, true)
  for (const point of points.slice(1))
    await touch('touchmove', point, true)
  await touch('touchend', points.at(-1)!, false)
  await confirm.click()
  await page.waitForSelector(`[data-test=signature-${role}] img`)
}

/**
 * Whether the open signature pad is wholly on screen, as the agent sees it without scrolling:
 * its drawing area and its buttons inside the viewport, and the Confirm button and the pad's
 * top edge the topmost things there (not under the wizard's title bar, its action bar or the tab bar). Asked before any click,
 * which would scroll it into view by itself.
 */
export async function padInView(page: Page, role: 'applicant' | 'guardian' = 'applicant'): Promise<boolean> {
  return page.locator(`[data-test=signature-${role}] .van-signature`).evaluate((pad) => {
    const g = globalThis as any
    const box = pad.getBoundingClientRect()
    const confirm = pad.querySelector('.van-signature__footer .van-button--primary')!
    const at = confirm.getBoundingClientRect()
    const hit = g.document.elementFromPoint(at.x + at.width / 2, at.y + at.height / 2)
    // The drawing area's top edge, not under the wizard's title bar held at the top.
    const top = g.document.elementFromPoint(box.x + box.width / 2, box.top + 2)
    return box.top >= 0 && box.bottom <= g.innerHeight && confirm.contains(hit) && pad.contains(top)
  })
}

/** Ticks a Vant checkbox unless it is ticked already (a resubmission keeps the earlier consents). */
export async function check(page: Page, selector: string): Promise<void> {
  const box = page.locator(selector)
  if (await box.getAttribute('aria-checked') !== 'true')
    await box.click()
  await page.waitForFunction(s => (globalThis as unknown as InPageDocument).document.querySelector(s)?.getAttribute('aria-checked') === 'true', selector)
}

/** Summary confirmed by the applicant, the three required consents, the signature(s), submit; returns the receipt number. */
export async function confirmSignAndSubmit(page: Page, context: BrowserContext, { guardian = false } = {}): Promise<string> {
  await confirmAndSign(page, context, { guardian })
  await page.click('[data-test=submit]')
  await page.waitForURL(/\/field\/receipt\//)
  return (await page.textContent('[data-test=receipt-number]'))!.trim()
}

/** The summary confirmed and the consent signed, the application not yet submitted. */
export async function confirmAndSign(page: Page, context: BrowserContext, { guardian = false } = {}): Promise<void> {
  await goToStep(page, '核对信息')
  await check(page, '[data-test=summary-confirm]')
  await goToStep(page, '同意与签名')
  for (const flag of ['personalInfo', 'sensitiveInfo', 'memberTerms'])
    await check(page, `[data-test=consent-${flag}]`)
  await sign(page, context, 'applicant')
  if (guardian)
    await sign(page, context, 'guardian')
}

/** An adult individual, as the wizard enrols one (e-mail declined, both ID photos). */
export interface IndividualSpec {
  name: string
  idNumber: string
  mobile: string
  street: string
  /** Seeds of the two photos, so applications do not share files by accident. */
  photoSeed: number
}

/** Enrols `person` from the home page to the receipt; returns the receipt number. */
export async function enrolIndividual(page: Page, context: BrowserContext, person: IndividualSpec): Promise<string> {
  await startEnrolment(page, '个人')
  await next(page)
  await fill(page, 'person.name', person.name)
  await fill(page, 'person.idNumber', person.idNumber)
  await fill(page, 'person.mobile', person.mobile)
  await fillAddress(page, 'person.address', person.street)
  await page.click('[data-test="declined-person.email"]')
  await next(page)
  await takePhoto(page, 'id_front', person.photoSeed)
  await takePhoto(page, 'id_back', person.photoSeed + 1)
  return confirmSignAndSubmit(page, context)
}

/** The list item of an application, by receipt number, with its sync state and status. */
export function listItem(page: Page, receiptNo: string) {
  return page.locator(`[data-test="application-${receiptNo}"]`)
}

/** Opens one of the lists from the tab bar (in-app navigation: a reload would lock the app). */
export async function openList(page: Page, list: 'drafts' | 'waiting' | 'attention' | 'returned' | 'synced'): Promise<void> {
  if (!/\/field$/.test(new URL(page.url()).pathname))
    await page.click('[data-test=tab-applications]')
  await page.waitForURL(/\/field$/)
  const titles = { drafts: '草稿', waiting: '待同步', attention: '需处理', returned: '退回补充', synced: '已同步' }
  await page.locator('.van-tab', { hasText: titles[list] }).click()
}

/** 立即同步 (the nav bar's sync chip); waits until that run has finished, and fails on a sync error. */
export async function syncNow(page: Page): Promise<void> {
  const chip = page.locator('[data-test=sync-chip]')
  const before = await chip.getAttribute('data-last-attempt')
  await chip.click()
  await page.waitForFunction((previous) => {
    const current = (globalThis as unknown as InPageDocument).document.querySelector('[data-test=sync-chip]')
    return current?.getAttribute('data-running') === 'false' && current.getAttribute('data-last-attempt') !== previous
  }, before, { timeout: 30_000 })
  const error = await chip.getAttribute('data-error')
  if (error)
    throw new Error(`sync failed: ${error}`)
}

/** The id of the application the wizard has open, from its URL. */
export function wizardApplicationId(page: Page): string {
  const match = /\/field\/enrol\/([0-9a-f-]{36})/.exec(page.url())
  if (!match)
    throw new Error(`not in the wizard: ${page.url()}`)
  return match[1]!
}

/** A record of the device's database as `deviceRecords` reads it: JSON data, a file's Blob left out. */
export type DeviceRecord = Record<string, any>

/**
 * Every record of one object store of a user's own database on the tablet
 * (`field-enrol-<staffId>`), read from IndexedDB itself — what a reload would find, not
 * what the screen holds. A stored file's Blob is left out (its metadata stays).
 */
export async function deviceRecords(page: Page, staffId: string, store: 'applications' | 'attachments' | 'outbox'): Promise<DeviceRecord[]> {
  return page.evaluate(async ({ name, store }) => {
    const g = globalThis as any
    // Opening a database that is not there would create an empty one: look first.
    if (!(await g.indexedDB.databases()).some((db: { name: string }) => db.name === name))
      throw new Error(`the device has no database ${name}`)
    const db: any = await new Promise((resolve, reject) => {
      const request = g.indexedDB.open(name)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    try {
      const all: Array<Record<string, unknown>> = await new Promise((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll()
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      return all.map(({ blob: _blob, ...rest }) => rest)
    }
    finally {
      db.close()
    }
  }, { name: `field-enrol-${staffId}`, store })
}
