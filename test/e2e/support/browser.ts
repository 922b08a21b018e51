import type { Browser, BrowserContext, Page } from 'playwright-core'
import process from 'node:process'
import { chromium } from 'playwright-core'

/**
 * Driving Debian's Chromium (/usr/bin/chromium) with playwright-core, the way a field
 * tablet uses the app: portrait 800×1280, touch, zh-CN, China's time zone, service workers
 * on. Never downloads a browser. Set E2E_HEADED=1 to watch (needs a display).
 */

export const CHROMIUM_PATH = '/usr/bin/chromium'

/** A field tablet, portrait; `landscape` swaps the sides. */
export const TABLET_VIEWPORT = { width: 800, height: 1280 } as const

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: process.env.E2E_HEADED !== '1',
    args: [
      // Running as root in a container: Chromium's sandbox needs user namespaces we may not have.
      '--no-sandbox',
      '--disable-gpu',
      // /dev/shm is small in containers; shared memory there crashes renderers.
      '--disable-dev-shm-usage',
      // Nothing but our server on the wire: no component updates, safe-browsing or sign-in traffic.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-sync',
      '--no-first-run',
      '--metrics-recording-only',
    ],
  })
}

export interface TabletOptions {
  /** The server's origin; pages then open with relative paths (`page.goto('/field')`). */
  baseURL: string
  locale?: string
  orientation?: 'portrait' | 'landscape'
}

export async function newTabletContext(browser: Browser, options: TabletOptions): Promise<BrowserContext> {
  const landscape = options.orientation === 'landscape'
  return browser.newContext({
    baseURL: options.baseURL,
    viewport: landscape ? { width: TABLET_VIEWPORT.height, height: TABLET_VIEWPORT.width } : { ...TABLET_VIEWPORT },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'allow',
  })
}

/** Network off for every page of the context (the service worker's cache still answers). */
export async function goOffline(context: BrowserContext): Promise<void> {
  await context.setOffline(true)
}

export async function goOnline(context: BrowserContext): Promise<void> {
  await context.setOffline(false)
}

/**
 * The browser globals that callbacks running in the page (`page.evaluate`,
 * `waitForFunction`) use, typed structurally: Node-side code is checked without the DOM
 * library (the root tsconfig proves shared/ uses none). Inside a callback:
 * `const w = globalThis as unknown as InPage`.
 */
export interface InPage {
  navigator: { serviceWorker?: { controller: { state: string, scriptURL: string } | null } }
  caches: {
    keys: () => Promise<string[]>
    open: (name: string) => Promise<{ keys: () => Promise<Array<{ url: string }>> }>
  }
  fetch: (url: string, init?: { cache?: 'no-store' }) => Promise<{ status: number }>
  document: {
    querySelector: (selector: string) => { getAttribute: (name: string) => string | null, textContent: string | null, outerHTML: string } | null
  }
}

/**
 * Waits until a service worker is active and controls `page` (the first visit installs it,
 * precaches the app and claims the page); returns the worker's script URL.
 */
export async function waitForServiceWorkerControl(page: Page, timeoutMs = 30_000): Promise<string> {
  await page.waitForFunction(() => {
    const w = globalThis as unknown as InPage
    if (!w.navigator.serviceWorker)
      throw new Error('this browser has no service workers')
    return w.navigator.serviceWorker.controller?.state === 'activated'
  }, undefined, { timeout: timeoutMs, polling: 100 })
  return page.evaluate(() => (globalThis as unknown as InPage).navigator.serviceWorker!.controller!.scriptURL)
}

/**
 * Every URL in the page's CacheStorage (all caches), as a path: Workbox's revision query
 * (`?__WB_REVISION__=…`, on files whose names carry no hash) is left out.
 */
export async function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const { caches } = globalThis as unknown as InPage
    const urls: string[] = []
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) {
        const url = new URL(request.url)
        url.searchParams.delete('__WB_REVISION__')
        urls.push(url.pathname + url.search)
      }
    }
    return urls.sort()
  })
}

/** The outcome of `fetch(path)` from inside the page: the status, or the error it failed with. */
export async function fetchFromPage(page: Page, path: string): Promise<{ status: number } | { error: string }> {
  return page.evaluate(async (url) => {
    try {
      return { status: (await (globalThis as unknown as InPage).fetch(url, { cache: 'no-store' })).status }
    }
    catch (error) {
      return { error: String(error) }
    }
  }, path)
}

export interface PageErrors {
  /** Uncaught exceptions and unhandled rejections in any page of the context, and what the app's unexpected-error handler caught. */
  errors: string[]
  /** `console.error` messages, resource-load failures included (expected while offline). */
  consoleErrors: string[]
  /** Fails the test when any page threw (call it in afterEach). */
  expectNone: () => void
}

/**
 * Collects page errors for a context. An uncaught error in the app is a failed test even
 * when the screen looks right, so tests call `expectNone()` after each case.
 */
export function trackPageErrors(context: BrowserContext): PageErrors {
  const errors: string[] = []
  const consoleErrors: string[] = []
  context.on('weberror', (webError) => {
    const error = webError.error()
    errors.push(`${webError.page()?.url() ?? '(no page)'}: ${error.stack ?? error.message}`)
  })
  context.on('console', (message) => {
    if (message.type() !== 'error')
      return
    consoleErrors.push(`${message.location().url}: ${message.text()}`)
    // What the app's last-line handler caught (client/src/app/errors/unexpected-errors.ts):
    // an exception in a handler, which Vue catches before the page would see it uncaught.
    if (message.text().startsWith('unexpected error'))
      errors.push(`${message.location().url}: ${message.text()}`)
  })
  return {
    errors,
    consoleErrors,
    expectNone: () => {
      if (errors.length)
        throw new Error(`Uncaught errors in the page:\n${errors.join('\n')}`)
    },
  }
}
