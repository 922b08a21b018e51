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

const FILE_FOLDERS = /^\/(?:assets|icons)\//
const FILE_EXTENSIONS = /\.(?:m?js|css|map|json|webmanifest|png|jpe?g|gif|svg|ico|webp|avif|woff2?|ttf|txt|xml|html?)$/i

/** A path naming a file of the build, not a page of the app (whose paths have no extension). */
function isFilePath(path: string): boolean {
  return FILE_FOLDERS.test(path) || FILE_EXTENSIONS.test(path)
}

export function mountStaticClient(app: Hono<any>, distDir: string): void {
  const indexPath = join(distDir, 'index.html')
  if (!existsSync(indexPath))
    return

  app.use('*', async (c, next) => {
    await next()
    const path = c.req.path
    // Only a file that was there: a year-long cache of a 404 would outlive the next deploy.
    if (path.startsWith('/assets/') && c.res.status === 200)
      c.header('Cache-Control', 'public, max-age=31536000, immutable')
    else if (NEVER_CACHED.test(path) || c.res.headers.get('Content-Type')?.startsWith('text/html'))
      c.header('Cache-Control', 'no-cache')
  })
  app.use('*', serveStatic({ root: distDir }))
  // SPA fallback: any other GET for a page gets the app shell. A file that is not there — a
  // chunk of a release since replaced, a mistyped icon — is a 404: answered with the shell, a
  // script would receive HTML, fail with a MIME-type error and be cached under its name.
  app.get('*', async (c) => {
    if (c.req.path.startsWith('/api/') || isFilePath(c.req.path))
      return c.notFound()
    return c.html(await readFile(indexPath, 'utf8'))
  })
}
