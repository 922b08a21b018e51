import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppDeps, AppEnv } from './context'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import { ApiError } from './http/api-error'
import { dropBlankQueryParams } from './http/blank-query'
import { drainUnreadBody } from './http/drain-body'
import { toErrorResponse } from './http/error-handler'
import { DRAIN_LIMIT_BYTES, MAX_JSON_BYTES } from './http/limits'
import { localeMiddleware } from './http/locale'
import { noStore } from './http/no-store'
import { createRouter } from './http/openapi'
import { mountStaticClient } from './http/static-client'
import { refuseControlCharactersInUrl } from './http/url-characters'
import { adminRouter } from './routes/admin/admin.index'
import { attachmentsRouter } from './routes/attachments/attachments.index'
import { authRouter } from './routes/auth/auth.index'
import { directoryRouter } from './routes/directory/directory.index'
import { mountDocs } from './routes/docs/docs.index'
import { exportsRouter } from './routes/exports/exports.index'
import { healthRoutes } from './routes/health/health.routes'
import { membersRouter } from './routes/members/members.index'
import { reviewRouter } from './routes/review/review.index'
import { statsRouter } from './routes/stats/stats.index'
import { syncRouter } from './routes/sync/sync.index'

/** JSON bodies (sync batches included) up to this size; attachments have their own limit. */

/**
 * Composes the HTTP application from its dependencies. Tests call `createApp(deps)` and use
 * `app.request(...)` in-process; main.ts serves the same app on a port.
 */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = createRouter()
  app.onError(async (error, c) => {
    // Too large is answered at once: reading on would take what the limit refuses.
    if (!(error instanceof ApiError && error.status === 413))
      await drainUnreadBody(c.req.raw, DRAIN_LIMIT_BYTES)
    return toErrorResponse(error, c)
  })
  app.notFound(c => toErrorResponse(new ApiError(404, 'request.not_found'), c))
  // Strict headers for the PWA and the API: scripts, styles and connections only from this
  // origin; photos may also be blob: (previews of local files) and data: URLs; fonts may be
  // data: URLs (Vant's icon font is inlined in its CSS, so icons show offline).
  app.use('*', secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ['\'self\''],
      scriptSrc: ['\'self\''],
      styleSrc: ['\'self\'', '\'unsafe-inline\''],
      imgSrc: ['\'self\'', 'blob:', 'data:'],
      fontSrc: ['\'self\'', 'data:'],
      connectSrc: ['\'self\''],
      workerSrc: ['\'self\''],
      manifestSrc: ['\'self\''],
      objectSrc: ['\'none\''],
      frameAncestors: ['\'none\''],
      baseUri: ['\'self\''],
      formAction: ['\'self\''],
    },
    referrerPolicy: 'no-referrer',
    permissionsPolicy: { camera: ['self'], geolocation: ['self'], microphone: [] },
  }))
  app.use('*', async (c, next) => {
    c.set('deps', deps)
    await next()
  })
  app.use('*', localeMiddleware)
  app.use('/api/*', noStore)
  app.use('/api/*', refuseControlCharactersInUrl)
  app.use('/api/*', dropBlankQueryParams)
  app.use('/api/*', async (c, next) => {
    if (c.req.path.startsWith('/api/attachments/'))
      return next()
    return bodyLimit({
      maxSize: MAX_JSON_BYTES,
      onError: () => { throw new ApiError(413, 'request.too_large', { params: { maxMb: MAX_JSON_BYTES / 1024 / 1024 } }) },
    })(c, next)
  })

  app.route('/', healthRoutes)
  app.route('/', authRouter)
  app.route('/', attachmentsRouter)
  app.route('/', syncRouter)
  app.route('/', reviewRouter)
  app.route('/', membersRouter)
  app.route('/', exportsRouter)
  app.route('/', statsRouter)
  app.route('/', directoryRouter)
  app.route('/', adminRouter)
  mountDocs(app)
  mountStaticClient(app, deps.env.CLIENT_DIST_DIR)
  return app
}
