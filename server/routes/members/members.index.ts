import type { MemberOperationRequest } from '../../services/member-operations.service'
import { clientIp, requireAuth } from '../../http/auth-middleware'
import { versionETag, versionFromIfMatch } from '../../http/if-match'
import { createRouter } from '../../http/openapi'
import { withSearchHeader } from '../../http/search-header'
import { applyMemberOperation } from '../../services/member-operations.service'
import { listMembersFor, memberDetail } from '../../services/members.service'
import { listMembersRoute, memberDetailRoute, MemberListQuerySchema, memberOperationRoute } from './members.routes'

export const membersRouter = createRouter()

// `/api/members/*` covers `/api/members` too.
membersRouter.use('/api/members/*', requireAuth(['reviewer', 'supervisor']))

membersRouter.openapi(listMembersRoute, async (c) => {
  return c.json(await listMembersFor(c.get('deps'), c.get('actor'), withSearchHeader(c, c.req.valid('query'), MemberListQuerySchema.shape.q)), 200)
})

membersRouter.openapi(memberDetailRoute, async (c) => {
  const member = await memberDetail(c.get('deps'), c.get('actor'), c.req.valid('param').id, clientIp(c), c.req.valid('query').reveal === true)
  c.header('ETag', versionETag(member.version))
  return c.json(member, 200)
})

membersRouter.openapi(memberOperationRoute, async (c) => {
  const { id, operation } = c.req.valid('param')
  const expected = versionFromIfMatch(c.req.header('If-Match'))
  const body = (c.req.valid('json') as MemberOperationRequest | undefined) ?? {}
  const result = await applyMemberOperation(c.get('deps'), c.get('actor'), id, operation, expected, body, clientIp(c))
  c.header('ETag', versionETag(result.version))
  return c.json(result, 200)
})
