import { clientIp } from '../../http/auth-middleware'
import { createRouter } from '../../http/openapi'
import { createSite, listSiteRecords, updateSiteRecord } from '../../services/admin-sites.service'
import { createSiteRoute, listSitesRoute, updateSiteRoute } from './admin-sites.routes'

export const adminSitesRouter = createRouter()

adminSitesRouter.openapi(listSitesRoute, async (c) => {
  const items = await listSiteRecords(c.get('deps'), { active: c.req.valid('query').active })
  return c.json({ items }, 200)
})

adminSitesRouter.openapi(createSiteRoute, async (c) => {
  return c.json(await createSite(c.get('deps'), c.get('actor'), c.req.valid('json'), clientIp(c)), 201)
})

adminSitesRouter.openapi(updateSiteRoute, async (c) => {
  return c.json(await updateSiteRecord(c.get('deps'), c.get('actor'), c.req.valid('param').id, c.req.valid('json'), clientIp(c)), 200)
})
