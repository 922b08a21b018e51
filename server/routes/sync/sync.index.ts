import { clientIp, requireAuth } from '../../http/auth-middleware'
import { createRouter } from '../../http/openapi'
import { withSearchHeader } from '../../http/search-header'
import { lookUpOwnApplications } from '../../services/agent-lookup.service'
import { fetchOwnApplication } from '../../services/sync-fetch.service'
import { pullChanges } from '../../services/sync-pull.service'
import { pushMutations } from '../../services/sync-push.service'
import { fetchApplicationRoute, lookUpOwnApplicationsRoute, LookUpQuerySchema, pullRoute, pushRoute } from './sync.routes'

export const syncRouter = createRouter()

syncRouter.use('/api/sync/*', requireAuth(['field_agent']))

syncRouter.openapi(pushRoute, async (c) => {
  const { mutations, sentAt } = c.req.valid('json')
  const results = await pushMutations(c.get('deps'), c.get('actor'), mutations, sentAt ?? null, clientIp(c))
  return c.json({ results, serverTime: c.get('deps').now().toISOString() }, 200)
})

syncRouter.openapi(pullRoute, async (c) => {
  const { cursor, limit } = c.req.valid('query')
  return c.json(await pullChanges(c.get('deps'), c.get('actor'), cursor, limit), 200)
})

syncRouter.openapi(fetchApplicationRoute, async (c) => {
  return c.json(await fetchOwnApplication(c.get('deps'), c.get('actor'), c.req.valid('param').id, clientIp(c)), 200)
})

syncRouter.openapi(lookUpOwnApplicationsRoute, async (c) => {
  return c.json(await lookUpOwnApplications(c.get('deps'), c.get('actor'), withSearchHeader(c, c.req.valid('query'), LookUpQuerySchema.shape.q)), 200)
})
