import type { AppEnv } from '../../context'
import { Hono } from 'hono'
import { sql } from 'kysely'

/**
 * `/healthz`: the process answers (liveness; also the device's "is the server reachable").
 * `/readyz`: the database answers too (readiness, for a load balancer).
 */
export const healthRoutes = new Hono<AppEnv>()
  .get('/healthz', c => c.json({ status: 'ok' }))
  .get('/readyz', async (c) => {
    try {
      await sql`select 1`.execute(c.get('deps').db)
      return c.json({ status: 'ready' })
    }
    catch {
      return c.json({ status: 'unavailable' }, 503)
    }
  })
