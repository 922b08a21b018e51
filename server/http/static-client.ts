import type { Hono } from 'hono'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'

/**
 * Serves the built PWA with an SPA fallback. Vite's hashed files under /assets never
 * change, so they are cached as immutable; index.html, the service worker and the
 * manifest must always be revalidated, or a device would keep an old app shell forever.
 */

const NEVER_CACHED = /^\/(?:index\.html|sw\.js|manifest\.webmanifest|registerSW\.js)?$/

export function mountStaticClient(app: Hono<any>, distDir: string): void {
  const indexPath = join(distDir, 'index.html')
  if (!existsSync(indexPath))
    return

  app.use('*', async (c, next) => {
    await next()
    const path = c.req.path
    if (path.startsWith('/assets/'))
      c.header('Cache-Control', 'public, max-age=31536000, immutable')
    else if (NEVER_CACHED.test(path) || c.res.headers.get('Content-Type')?.startsWith('text/html'))
      c.header('Cache-Control', 'no-cache')
  })
  app.use('*', serveStatic({ root: distDir }))
  // SPA fallback: any other GET that is not an API call gets the app shell.
  app.get('*', async (c) => {
    if (c.req.path.startsWith('/api/'))
      return c.notFound()
    return c.html(await readFile(indexPath, 'utf8'))
  })
}
