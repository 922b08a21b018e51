import type { Workbox } from 'workbox-window'
import type { PwaUpdater } from './pwa-update'
import { setOfflineReadiness } from './offline-readiness'
import { createPwaUpdater, isNewVersionWaiting } from './pwa-update'

/**
 * Registers the offline shell's worker (dist/sw.js, from client/src/sw.ts) through
 * workbox-window, connects its lifecycle to the update prompt, and keeps the tablet's
 * readiness for offline work (offline-readiness.ts). Only in production builds: Vite's dev
 * server has no worker, and a stale one would hide hot reloads. workbox-window is loaded on
 * its own, after the app has started: registering waits for the page's load event anyway,
 * so it need not weigh on the first screen.
 *
 * A registration or first install that failed (offline before the app was stored: the
 * browser drops the half-installed worker) is tried again when the `online` event fires,
 * and every few minutes while the tablet believes it is online (the server was out of reach).
 */

/** How often a long-open tablet asks whether a new version was deployed. */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000
/** How soon a failed registration is tried again while online. */
const RETRY_ONLINE_MS = 2 * 60 * 1000

let workbox: Workbox | null = null

/** The update decision for this page; PwaUpdatePrompt shows it. */
export const appUpdater: PwaUpdater = createPwaUpdater({
  skipWaiting: () => workbox?.messageSkipWaiting(),
  reload: () => window.location.reload(),
})

let started = false
let attempting = false
let failed = false
let retryTimer: number | undefined

function showReadiness(): void {
  setOfflineReadiness(navigator.serviceWorker.controller ? 'ready' : failed ? 'failed' : 'preparing')
}

function markFailed(): void {
  failed = true
  showReadiness()
  window.clearTimeout(retryTimer)
  if (navigator.onLine)
    retryTimer = window.setTimeout(() => void attemptRegistration(), RETRY_ONLINE_MS)
}

function connectUpdatePrompt(wb: Workbox): void {
  // Fired for a worker that finished installing while an older one controls the page —
  // found now, or at a later update check, or registered by another tab (isExternal) — and
  // for the first install seen between installed and activating: only the former is offered.
  wb.addEventListener('waiting', () => {
    void navigator.serviceWorker.getRegistration('/').then((registration) => {
      if (isNewVersionWaiting(registration))
        appUpdater.offer()
    })
  })
  // The first install takes control without a reload (clientsClaim) and is not an update:
  // nothing to do — also when workbox-window calls it external, as it does when this page
  // was loaded while that worker was still installing. An update (the page had a controller
  // when it loaded) taking control is ours (after SKIP_WAITING) or another tab's.
  wb.addEventListener('controlling', (event) => {
    if (event.isUpdate)
      appUpdater.controlled(Boolean(event.isExternal))
  })
}

/** A first install that fails (a precached file could not be fetched) ends `redundant`. */
function watchFirstInstall(registration: ServiceWorkerRegistration | undefined): void {
  const installing = registration?.installing
  if (!installing || navigator.serviceWorker.controller)
    return
  installing.addEventListener('statechange', () => {
    if (installing.state === 'redundant' && !navigator.serviceWorker.controller)
      markFailed()
  })
}

async function attemptRegistration(): Promise<void> {
  if (attempting)
    return
  attempting = true
  failed = false
  window.clearTimeout(retryTimer)
  showReadiness()
  try {
    const { Workbox } = await import('workbox-window')
    // A Workbox instance registers once: a retry takes a new one.
    const wb = new Workbox('/sw.js', { scope: '/' })
    workbox = wb
    connectUpdatePrompt(wb)
    watchFirstInstall(await wb.register())
  }
  catch (error) {
    console.warn('Service worker registration failed; the app will not open offline until it succeeds.', error)
    markFailed()
  }
  finally {
    attempting = false
  }
}

export async function registerServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || started)
    return
  started = true
  // The first install claims this page (clientsClaim): from then on it works offline.
  navigator.serviceWorker.addEventListener('controllerchange', showReadiness)
  window.addEventListener('online', () => {
    if (failed)
      void attemptRegistration()
  })
  await attemptRegistration()

  // Tablets keep the app open for days: look for a new version now and then, and when the
  // network comes back. A failed check (offline) is harmless and retried next time.
  const checkForUpdate = (): void => {
    if (navigator.onLine && !failed)
      workbox?.update().catch(() => {})
  }
  window.setInterval(checkForUpdate, UPDATE_CHECK_INTERVAL_MS)
  window.addEventListener('online', checkForUpdate)
}
