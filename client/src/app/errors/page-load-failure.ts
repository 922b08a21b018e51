/**
 * A lazily loaded page (its JavaScript chunk, or the styles Vite preloads before it) that
 * could not be fetched: offline before the service worker had stored it, or the server out
 * of reach. No fault of the app, so it is said in the agent's words, never the browser's
 * English ("Failed to fetch dynamically imported module: …"). Nothing reloads by itself: a
 * reload locks the app (the password again) and, with no worker controlling the page, could
 * end on the browser's own error page; tapping again fetches the page afresh instead
 * (Chromium does not keep a failed dynamic import).
 */

/** How each browser words a dynamic import that failed, and Vite's failed style preload. */
const PAGE_LOAD_FAILURE = /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|^Unable to preload CSS for /

export function isPageLoadFailure(error: unknown): boolean {
  return error instanceof Error && PAGE_LOAD_FAILURE.test(error.message)
}

/** The message key: offline the page is not on the device; online it could not be loaded just now. */
export function pageLoadFailureKey(online: boolean): 'pwa.page.notOnDevice' | 'pwa.page.notLoaded' {
  return online ? 'pwa.page.notLoaded' : 'pwa.page.notOnDevice'
}
