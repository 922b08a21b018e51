import { Hono } from 'hono'

/** Liveness for load balancers and the device's "is the server reachable" probe. */
export const healthRoutes = new Hono()
  .get('/healthz', c => c.json({ status: 'ok' }))
