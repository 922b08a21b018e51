import type { Workbox } from 'workbox-window'
import type { PwaUpdater } from './pwa-update'
import { createPwaUpdater, isNewVersionWaiting } from './pwa-update'

/**
 * Registers the offline shell's worker (dist/sw.js, from client/src/sw.ts) through
 * workbox-window, and connects its lifecycle to the update prompt. Only in production
 * builds: Vite's dev server has no worker, and a stale one would hide hot reloads.
 * workbox-window is loaded on its own, after the app has started: registering waits for
 * the page's load event anyway, so it need not weigh on the first screen.
 */

/** How often a long-open tablet asks whether a new version was deployed. */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000

let workbox: Workbox | null = null

/** The update decision for this page; PwaUpdatePrompt shows it. */
export const appUpdater: PwaUpdater = createPwaUpdater({
  skipWaiting: () => workbox?.messageSkipWaiting(),
  reload: () => window.location.reload(),
})

let registering = false

export async function registerServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || registering)
    return
  registering = true
  let Workbox: typeof import('workbox-window').Workbox
  try {
    ({ Workbox } = await import('workbox-window'))
  }
  catch (error) {
    // Only when the chunk cannot load (offline before any worker was installed): next start.
    registering = false
    console.warn('Could not load workbox-window; the service worker is not registered.', error)
    return
  }
  const wb = new Workbox('/sw.js', { scope: '/' })
  workbox = wb
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
  await wb.register().catch((error: unknown) => console.warn('Service worker registration failed; the app will not open offline.', error))

  // Tablets keep the app open for days: look for a new version now and then, and when the
  // network comes back. A failed check (offline) is harmless and retried next time.
  const checkForUpdate = (): void => {
    if (navigator.onLine)
      wb.update().catch(() => {})
  }
  window.setInterval(checkForUpdate, UPDATE_CHECK_INTERVAL_MS)
  window.addEventListener('online', checkForUpdate)
}
