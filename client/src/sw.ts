import type { PrecacheEntry } from 'workbox-precaching'
import { clientsClaim } from 'workbox-core'
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'

/**
 * The field PWA's service worker (built by vite-plugin-pwa, `injectManifest`, into
 * dist/sw.js). What it stores: one precache of the built app — the HTML shell, the field
 * area's JavaScript and CSS, the manifest icons — listed at build time with a revision per
 * file (desk-only chunks are left out: vite.config.ts). What it guarantees:
 *
 * - after one online visit the app opens with no network: precached files are served from
 *   the cache, and every in-app navigation (`/field`, `/field/device`, …) gets the cached
 *   `index.html`, whose router takes it from there;
 * - `/api/…`, `/healthz` and `/readyz` are never cached nor answered by the worker — no
 *   route matches them, so the browser goes to the network and fails when offline. Work
 *   that is not yet synced lives in IndexedDB (Dexie), never in a worker queue;
 * - a new version installs beside the running one and waits: it takes over only when the
 *   page asks (`SKIP_WAITING`, sent by workbox-window when the agent accepts "新版本可用"
 *   with no unsaved input) or when every tab has closed. Old precaches are then removed.
 */

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> }

/** Server paths a navigation must reach for real (the API reference page, health checks). */
const NETWORK_ONLY_NAVIGATIONS = [/^\/api(?:\/|$)/, /^\/healthz$/, /^\/readyz$/]

precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()

registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: NETWORK_ONLY_NAVIGATIONS }))

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING')
    void self.skipWaiting()
})

// On the very first install, take control of the page that registered us at once, so it
// works offline without a second visit. On an update this runs only after SKIP_WAITING
// (or with no tab open), which the page asked for.
clientsClaim()
