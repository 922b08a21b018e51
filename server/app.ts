import type { Env } from './config/env'
import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { mountStaticClient } from './http/static-client'
import { healthRoutes } from './routes/health/health.routes'

/**
 * Composes the HTTP application. Tests call `createApp(...)` and use `app.request(...)`
 * in-process; main.ts serves the same app on a port.
 */
export function createApp(env: Pick<Env, 'CLIENT_DIST_DIR'>): Hono {
  const app = new Hono()
  app.use('*', secureHeaders())
  app.route('/', healthRoutes)
  mountStaticClient(app, env.CLIENT_DIST_DIR)
  return app
}
