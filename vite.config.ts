import process from 'node:process'
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

const apiTarget = `http://127.0.0.1:${process.env.PORT ?? 3000}`

// The PWA lives in client/ and builds to dist/, which the server serves. `#shared/*`
// resolves through package.json "imports", as it does for Node and Vitest.
export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [vue()],
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
