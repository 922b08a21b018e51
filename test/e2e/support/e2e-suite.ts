import type { Browser, BrowserContext } from 'playwright-core'
import type { PageErrors, TabletOptions } from './browser'
import type { E2eServer } from './e2e-server'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { launchChromium, newTabletContext, trackPageErrors } from './browser'
import { newDesktopContext } from './desk-app'
import { startE2eServer } from './e2e-server'

/**
 * What every end-to-end suite stands on: a real server process and a real Chromium,
 * started before the suite and stopped after it, and browser contexts (a tablet, a desk
 * PC) whose pages are watched: an uncaught error in any of them fails the test it
 * happened in, even when the screen looked right. A context opened during a test (or its
 * `beforeEach`) is closed after that test; one opened in `beforeAll`, after the suite.
 *
 * Call it first thing inside `describe`, so its hooks wrap the suite's own: its
 * `beforeAll` runs before the suite's, its `afterAll` after (Vitest runs "after" hooks in
 * reverse order).
 */

export interface E2eSuite {
  readonly server: E2eServer
  readonly browser: Browser
  /** A field tablet: portrait 800×1280, touch, zh-CN, service workers on. */
  tablet: (options?: Omit<TabletOptions, 'baseURL'>) => Promise<BrowserContext>
  /** A desk PC: 1440×900, mouse, zh-CN, China time (or the `timezoneId` given), no service worker. */
  desk: (options?: { locale?: string, timezoneId?: string }) => Promise<BrowserContext>
  /** The errors and console errors seen so far in a context this suite opened. */
  errorsOf: (context: BrowserContext) => PageErrors
}

interface Watched {
  context: BrowserContext
  errors: PageErrors
  /** Closed after the current test, rather than after the suite. */
  perTest: boolean
}

export interface E2eSuiteOptions {
  /** Extra environment for the server process, read when the suite starts. */
  serverEnv?: () => Record<string, string>
}

export function useE2eSuite(options: E2eSuiteOptions = {}): E2eSuite {
  let server: E2eServer | undefined
  let browser: Browser | undefined
  let inTest = false
  const watched: Watched[] = []

  function started<T>(value: T | undefined, what: string): T {
    if (value === undefined)
      throw new Error(`the e2e suite's ${what} is not started: use it from a hook or a test, not while the suite is being defined`)
    return value
  }

  async function watch(context: BrowserContext): Promise<BrowserContext> {
    watched.push({ context, errors: trackPageErrors(context), perTest: inTest })
    return context
  }

  /** Throws the uncaught page errors seen since the last check, each reported once. */
  function reportPageErrors(): void {
    const messages = watched.flatMap(w => w.errors.errors.splice(0))
    if (messages.length)
      throw new Error(`Uncaught errors in the page:\n${messages.join('\n')}`)
  }

  async function close(which: (w: Watched) => boolean): Promise<void> {
    for (let i = watched.length - 1; i >= 0; i--) {
      if (which(watched[i]!)) {
        await watched[i]!.context.close()
        watched.splice(i, 1)
      }
    }
  }

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startE2eServer(options.serverEnv?.()), launchChromium()])
  })
  beforeEach(() => {
    inTest = true
  })
  afterEach(async () => {
    inTest = false
    try {
      reportPageErrors()
    }
    finally {
      await close(w => w.perTest)
    }
  })
  afterAll(async () => {
    try {
      // Errors raised by the suite's own afterAll hooks (they ran first).
      reportPageErrors()
    }
    finally {
      await close(() => true)
      await browser?.close()
      await server?.stop()
    }
  })

  return {
    get server() {
      return started(server, 'server')
    },
    get browser() {
      return started(browser, 'browser')
    },
    tablet: async tabletOptions => watch(await newTabletContext(started(browser, 'browser'), { ...tabletOptions, baseURL: started(server, 'server').url })),
    desk: async deskOptions => watch(await newDesktopContext(started(browser, 'browser'), { ...deskOptions, baseURL: started(server, 'server').url })),
    errorsOf: (context) => {
      const found = watched.find(w => w.context === context)
      if (!found)
        throw new Error('this context was not opened by the e2e suite (or is already closed)')
      return found.errors
    },
  }
}
