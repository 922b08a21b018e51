import { parseAuditAnchor } from '#shared/audit/audit-anchor'
import { createRouter } from '../../http/openapi'
import { searchAuditLog, verifyAuditLog } from '../../services/admin-audit.service'
import { searchAuditRoute, verifyAuditRoute } from './admin-audit.routes'

export const adminAuditRouter = createRouter()

adminAuditRouter.openapi(searchAuditRoute, async (c) => {
  const { page, pageSize, ...filter } = c.req.valid('query')
  return c.json(await searchAuditLog(c.get('deps'), filter, page, pageSize), 200)
})

adminAuditRouter.openapi(verifyAuditRoute, async (c) => {
  const { anchor } = c.req.valid('query')
  return c.json(await verifyAuditLog(c.get('deps'), anchor === undefined ? undefined : parseAuditAnchor(anchor)!), 200)
})
