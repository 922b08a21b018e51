import type { App } from 'vue'
import { isPageLoadFailure } from './page-load-failure'

/**
 * The last line for failures no screen expected: an exception in a component or a handler,
 * or a promise nobody awaited. Logged as before, and also said to the person using the app,
 * by whichever area is on screen (a Vant toast on the tablet, an Element Plus message on the
 * desk): a tap that silently does nothing leaves an agent believing their work was stored.
 * The failures a screen expects (a refusal, a save that failed) are handled where they
 * happen, with their own words; this only catches what slipped past. A page that could not
 * be downloaded (page-load-failure.ts) comes here too, as the navigation's rejection: it is
 * no fault, so it is logged as a warning and the area says it in words of its own.
 */

export type UnexpectedErrorReporter = (error: unknown) => void

let reporter: UnexpectedErrorReporter | null = null

/** The area on screen says unexpected errors its way until the returned function is called. */
export function reportUnexpectedErrorsWith(next: UnexpectedErrorReporter): () => void {
  reporter = next
  return () => {
    if (reporter === next)
      reporter = null
  }
}

export function reportUnexpectedError(error: unknown): void {
  if (isPageLoadFailure(error))
    console.warn('page not loaded', error)
  else
    console.error('unexpected error', error)
  try {
    reporter?.(error)
  }
  catch (failed) {
    console.error('the error reporter failed', failed)
  }
}

/** The text of an error for a person: its message, or its name when it has none. */
export function errorText(error: unknown): string {
  if (error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException))
    return error.message || error.name
  return String(error)
}

export function installUnexpectedErrorHandling(app: App, events: Pick<EventTarget, 'addEventListener'> | null = globalThis.window ?? null): void {
  app.config.errorHandler = error => reportUnexpectedError(error)
  events?.addEventListener('unhandledrejection', (event) => {
    const reason = (event as PromiseRejectionEvent).reason
    // A navigation to a page that could not be downloaded: said here, so no fault to report.
    if (isPageLoadFailure(reason))
      event.preventDefault()
    reportUnexpectedError(reason)
  })
}
