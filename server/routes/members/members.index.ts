import { clientIp, requireAuth } from '../../http/auth-middleware'
import { versionETag } from '../../http/if-match'
import { createRouter } from '../../http/openapi'
import { listMembersFor, memberDetail } from '../../services/members.service'
import { listMembersRoute, memberDetailRoute } from './members.routes'

export const membersRouter = createRouter()

// `/api/members/*` covers `/api/members` too.
membersRouter.use('/api/members/*', requireAuth(['reviewer', 'supervisor']))

membersRouter.openapi(listMembersRoute, async (c) => {
  return c.json(await listMembersFor(c.get('deps'), c.get('actor'), c.req.valid('query')), 200)
})

membersRouter.openapi(memberDetailRoute, async (c) => {
  const member = await memberDetail(c.get('deps'), c.get('actor'), c.req.valid('param').id, clientIp(c))
  c.header('ETag', versionETag(member.version))
  return c.json(member, 200)
})
