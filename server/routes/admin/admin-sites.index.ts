import { clientIp } from '../../http/auth-middleware'
import { versionETag, versionFromIfMatch } from '../../http/if-match'
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
  const expected = versionFromIfMatch(c.req.valid('header')['if-match'])
  const site = await updateSiteRecord(c.get('deps'), c.get('actor'), c.req.valid('param').id, expected, c.req.valid('json'), clientIp(c))
  return c.json(site, 200, { ETag: versionETag(site.version) })
})
