import type { Plugin } from 'vite'
// `.js` on the chunk-graph imports: Vite's config loader wants an extension, and TypeScript
// resolves it to chunk-graph.ts.
import type { ViteManifest } from './client/src/app/pwa/build/chunk-graph.js'
import { readFile } from 'node:fs/promises'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { VantResolver } from '@vant/auto-import-resolver'
import vue from '@vitejs/plugin-vue'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import Components from 'unplugin-vue-components/vite'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { deskOnlyFiles } from './client/src/app/pwa/build/chunk-graph.js'

const apiTarget = `http://127.0.0.1:${process.env.PORT ?? 3000}`
const outDir = fileURLToPath(new URL('./dist', import.meta.url))

/** The brand blue, also the manifest's theme colour and index.html's theme-color. */
const THEME_COLOUR = '#1677ff'

/**
 * Icons beside the manifest's: the tab icon and the iOS home-screen icon, which Safari
 * reads from <link> tags rather than from the manifest. Written by `npm run pwa:icons`.
 */
function iconLinks(): Plugin {
  return {
    name: 'field-enrol:icon-links',
    transformIndexHtml: () => [
      { tag: 'link', attrs: { rel: 'icon', type: 'image/png', sizes: '192x192', href: '/icons/icon-192.png' }, injectTo: 'head' },
      { tag: 'link', attrs: { rel: 'apple-touch-icon', href: '/icons/apple-touch-icon-180.png' }, injectTo: 'head' },
    ],
  }
}

/**
 * Vant's icon font is inlined as WOFF2 with a fallback on Alibaba's CDN. Every browser
 * the tablets run reads WOFF2, the server's CSP refuses the CDN (each page load logged
 * the refusal), and an offline app must not reach for the network: drop the fallback.
 */
function vantIconFontOffline(): Plugin {
  return {
    name: 'field-enrol:vant-icon-font-offline',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]vant[\\/].*\.css$/.test(id) || !code.includes('at.alicdn.com'))
        return null
      return { code: code.replace(/,\s*url\((["']?)(?:https?:)?\/\/at\.alicdn\.com[^)]*\)\s*format\((["']?)woff2?\2\)/g, ''), map: null }
    },
  }
}

// The PWA lives in client/ and builds to dist/, which the server serves. `#shared/*`
// resolves through package.json "imports", as it does for Node and Vitest. Vant (field)
// and Element Plus (desk) components are imported on demand, with their CSS, where a
// template uses them: each area carries only the components it renders, and the field's
// chunks never pull in Element Plus.
export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [
    vue(),
    Components({
      resolvers: [VantResolver(), ElementPlusResolver()],
      dirs: [],
      dts: fileURLToPath(new URL('./client/src/components.d.ts', import.meta.url)),
    }),
    iconLinks(),
    vantIconFontOffline(),
    // The offline shell: our own worker (client/src/sw.ts) with the precache list injected,
    // built to dist/sw.js, plus dist/manifest.webmanifest and its <link> in index.html.
    // Registration is ours too (client/src/app/pwa/register-service-worker.ts, through
    // workbox-window), so the update waits for the agent and for unsaved input.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        id: '/field',
        name: '外勤入会',
        short_name: '外勤入会',
        description: '离线优先的会员入会系统：外勤专员在平板上离线录入入会申请，联网后自动同步。',
        lang: 'zh-CN',
        dir: 'ltr',
        start_url: '/field',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: THEME_COLOUR,
        background_color: '#f7f8fa',
        categories: ['business', 'productivity'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html}'],
        // The worker is one classic script either way (it imports nothing at run time). The
        // default `es` build sets Rolldown's deprecated `inlineDynamicImports` and warns on
        // every build (vite-pwa/vite-plugin-pwa#912); the `iife` path sets no such option.
        rollupFormat: 'iife',
        // A field tablet never downloads the desk (issue 4): leave out of the precache every
        // chunk that only the desk pages reach, as read from Vite's build manifest. The desk
        // still loads from the network when opened on a desktop.
        manifestTransforms: [async (entries) => {
          const manifest = JSON.parse(await readFile(`${outDir}/.vite/manifest.json`, 'utf8')) as ViteManifest
          const deskOnly = deskOnlyFiles(manifest)
          return { manifest: entries.filter(entry => !deskOnly.has(entry.url)), warnings: [] }
        }],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    // dist/.vite/manifest.json: which chunk imports which. The worker's precache list and
    // the bundle-size benchmark read it to tell the field's chunks from the desk's.
    manifest: true,
    // One chunk is above Vite's 500 kB warning: the desk's statistics page, which is ECharts
    // (already imported piece by piece). It is desk-only, loaded when that page opens and never
    // precached for tablets; what the field loads is held to its budget by `npm run bench`
    // (bundle-size). A warning on every build for it would hide a new one worth reading.
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: true,
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
    },
  },
})
