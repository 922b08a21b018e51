import type { Role } from '#shared/status/roles'
import type { Hook } from '@hono/zod-openapi'
import type { ReadableStream } from 'node:stream/web'
import type { AppEnv } from '../../context'
import { ApiError } from '../../http/api-error'
import { clientIp, requireAuth } from '../../http/auth-middleware'
import { createRouter } from '../../http/openapi'
import { attachmentInfo, uploadAttachment, viewAttachment } from '../../services/attachments.service'
import { headRoute, uploadRoute, viewRoute } from './attachments.routes'

export const attachmentsRouter = createRouter()

/** A malformed hash in the URL gets its own code rather than the generic `request.invalid`. */
const sha256Hook: Hook<any, AppEnv, any, any> = (result) => {
  if (!result.success)
    throw new ApiError(400, 'attachment.sha256_format')
}

const NEVER_CACHED = 'private, no-store'

// Every method needs a signed-in user; who may download is decided per file, in the service.
attachmentsRouter.use(uploadRoute.getRoutingPath(), requireAuth())
// Devices upload and check their files; desk staff only download (and only what they may see).
attachmentsRouter.use(uploadRoute.getRoutingPath(), async (c, next) => {
  const role = c.get('actor').role
  const allowed: readonly Role[] = c.req.method === 'GET' ? ['field_agent', 'reviewer', 'supervisor'] : ['field_agent']
  if (!allowed.includes(role))
    throw new ApiError(403, 'auth.forbidden')
  await next()
})

attachmentsRouter.openapi<typeof uploadRoute>(uploadRoute, async (c) => {
  const { sha256 } = c.req.valid('param')
  const result = await uploadAttachment(c.get('deps'), {
    sha256,
    contentType: c.req.header('Content-Type'),
    contentLength: c.req.header('Content-Length'),
    body: c.req.raw.body as ReadableStream<Uint8Array> | null,
  })
  if (result.alreadyStored)
    return c.json(result, 200)
  return c.json(result, 201)
}, sha256Hook)

attachmentsRouter.openAPIRegistry.registerPath(headRoute)

attachmentsRouter.openapi<typeof viewRoute>(viewRoute, async (c) => {
  const { sha256 } = c.req.valid('param')
  const deps = c.get('deps')
  if (c.req.method === 'HEAD') {
    const info = await attachmentInfo(deps, sha256)
    return c.body(null, 200, { 'Content-Type': info.mediaType, 'Content-Length': String(info.size), 'Cache-Control': NEVER_CACHED })
  }
  const file = await viewAttachment(deps, c.get('actor'), sha256, clientIp(c))
  // Node's web stream is the one Hono sends; the cast keeps this file compiling where DOM
  // types are loaded too (the device's tests run the server in-process: test/integration/client).
  return c.body(file.stream as globalThis.ReadableStream<Uint8Array<ArrayBuffer>>, 200, { 'Content-Type': file.mediaType, 'Content-Length': String(file.size), 'Cache-Control': NEVER_CACHED })
}, sha256Hook)
