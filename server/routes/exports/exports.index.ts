import { exportResponse } from '../../export/export-response'
import { clientIp, requireAuth } from '../../http/auth-middleware'
import { createRouter } from '../../http/openapi'
import { withSearchHeader } from '../../http/search-header'
import { exportApplications, exportMembers } from '../../services/exports.service'
import { memberPersonalCopy } from '../../services/personal-copy.service'
import { MemberListQuerySchema } from '../members/members.routes'
import { exportApplicationsRoute, exportMembersRoute, memberPersonalCopyRoute } from './exports.routes'

export const exportsRouter = createRouter()

// Exports carry personal data (masked or not): desk staff only, never administrators.
exportsRouter.use('/api/exports/*', requireAuth(['reviewer', 'supervisor']))

exportsRouter.openapi(exportApplicationsRoute, async (c) => {
  const { format, full, ...query } = c.req.valid('query')
  const file = await exportApplications(c.get('deps'), c.get('actor'), query, { format, full: full === true, locale: c.get('locale') }, clientIp(c))
  return exportResponse(file) as never
})

exportsRouter.openapi(exportMembersRoute, async (c) => {
  const { format, full, ...query } = withSearchHeader(c, c.req.valid('query'), MemberListQuerySchema.shape.q)
  const file = await exportMembers(c.get('deps'), c.get('actor'), query, { format, full: full === true, locale: c.get('locale') }, clientIp(c))
  return exportResponse(file) as never
})

exportsRouter.openapi(memberPersonalCopyRoute, async (c) => {
  const file = await memberPersonalCopy(c.get('deps'), c.get('actor'), c.req.valid('param').id, c.req.valid('query').format, clientIp(c))
  return exportResponse(file) as never
})
