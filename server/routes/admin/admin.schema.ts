import { z } from '@hono/zod-openapi'

/** Pieces the admin routes share. */

export const IdParamSchema = z.object({
  id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }),
})

export const ADMIN_SECURITY = [{ bearer: [] }]
