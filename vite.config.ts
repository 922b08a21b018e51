import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { VantResolver } from '@vant/auto-import-resolver'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { defineConfig } from 'vite'

const apiTarget = `http://127.0.0.1:${process.env.PORT ?? 3000}`

// The PWA lives in client/ and builds to dist/, which the server serves. `#shared/*`
// resolves through package.json "imports", as it does for Node and Vitest. Vant
// components are imported on demand (with their CSS) where a template uses them, so the
// field area carries only the components it renders.
export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [
    vue(),
    Components({
      resolvers: [VantResolver()],
      dirs: [],
      dts: fileURLToPath(new URL('./client/src/components.d.ts', import.meta.url)),
    }),
  ],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    host: true,
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
    },
  },
})
