import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../../context'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Hono } from 'hono'
import { withEdgeResponses } from '../../http/edge-responses'

/**
 * `/api/openapi.json` comes from the same Zod schemas that validate requests; `/api/docs`
 * is Swagger UI over it, served from the installed package (no CDN: the server often runs
 * on a network without the internet).
 */

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
}

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>外勤入会 API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui' })`

export function mountDocs(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' })
  // Generated on each request like doc31 does, with the answers of the middleware in front of every route added.
  app.get('/api/openapi.json', c => c.json(withEdgeResponses(app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'Field Enrol API (外勤入会)', version: '1', description: 'Errors are `{ error: { code, message, issues? } }`; messages follow Accept-Language (zh-CN by default).' },
  }))))

  const docs = new Hono()
  docs.get('/api/docs', c => c.html(PAGE))
  docs.get('/api/docs/init.js', c => c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
  docs.get('/api/docs/:asset', async (c) => {
    const asset = c.req.param('asset')
    const type = ASSETS[asset]
    if (!type)
      return c.notFound()
    return c.body(await readFile(join(swaggerDir, asset)), 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' })
  })
  app.route('/', docs)
}
