import type { Context } from 'hono'
import type { AppEnv } from '../../context'
import type { DecisionInput, ReviewAction } from '../../services/review.service'
import { clientIp, requireAuth } from '../../http/auth-middleware'
import { versionETag, versionFromIfMatch } from '../../http/if-match'
import { createRouter } from '../../http/openapi'
import { resolveDuplicate } from '../../services/duplicate-resolution.service'
import { compareVersions, decide, listReviewQueue, reviewDetail, reviewHistory, reviewVersion } from '../../services/review.service'
import { approveRoute, compareVersionsRoute, detailRoute, historyRoute, listRoute, rejectRoute, resolveDuplicateRoute, returnRoute, startReviewRoute, versionRoute } from './review.routes'

export const reviewRouter = createRouter()

reviewRouter.use('/api/review/*', requireAuth(['reviewer', 'supervisor']))

reviewRouter.openapi(listRoute, async (c) => {
  return c.json(await listReviewQueue(c.get('deps'), c.get('actor'), c.req.valid('query')), 200)
})

reviewRouter.openapi(detailRoute, async (c) => {
  const detail = await reviewDetail(c.get('deps'), c.get('actor'), c.req.valid('param').id, clientIp(c), c.req.valid('query').reveal === true)
  c.header('ETag', versionETag(detail.version))
  return c.json(detail, 200)
})

reviewRouter.openapi(historyRoute, async (c) => {
  return c.json(await reviewHistory(c.get('deps'), c.get('actor'), c.req.valid('param').id), 200)
})

reviewRouter.openapi(versionRoute, async (c) => {
  const { id, version } = c.req.valid('param')
  return c.json(await reviewVersion(c.get('deps'), c.get('actor'), id, version, clientIp(c), c.req.valid('query').reveal === true), 200)
})

reviewRouter.openapi(compareVersionsRoute, async (c) => {
  const { from, to, reveal } = c.req.valid('query')
  return c.json(await compareVersions(c.get('deps'), c.get('actor'), c.req.valid('param').id, { from, to }, clientIp(c), reveal === true), 200)
})

async function decideFor(c: Context<AppEnv>, id: string, action: ReviewAction, input: DecisionInput) {
  const expected = versionFromIfMatch(c.req.header('If-Match'))
  const result = await decide(c.get('deps'), c.get('actor'), id, action, expected, input, clientIp(c))
  c.header('ETag', versionETag(result.version))
  return result
}

reviewRouter.openapi(startReviewRoute, async (c) => {
  return c.json(await decideFor(c, c.req.valid('param').id, 'start_review', {}), 200)
})

reviewRouter.openapi(approveRoute, async (c) => {
  const body = c.req.valid('json') as { note?: string } | undefined
  return c.json(await decideFor(c, c.req.valid('param').id, 'approve', { note: body?.note }), 200)
})

reviewRouter.openapi(rejectRoute, async (c) => {
  const { reason, note } = c.req.valid('json')
  return c.json(await decideFor(c, c.req.valid('param').id, 'reject', { reason, note }), 200)
})

reviewRouter.openapi(returnRoute, async (c) => {
  const { items, comment } = c.req.valid('json')
  return c.json(await decideFor(c, c.req.valid('param').id, 'return', { items, note: comment }), 200)
})

reviewRouter.openapi(resolveDuplicateRoute, async (c) => {
  const { id, candidateId } = c.req.valid('param')
  const expected = versionFromIfMatch(c.req.header('If-Match'))
  const result = await resolveDuplicate(c.get('deps'), c.get('actor'), id, candidateId, expected, c.req.valid('json'), clientIp(c))
  c.header('ETag', versionETag(result.decision?.version ?? expected))
  return c.json(result, 200)
})
