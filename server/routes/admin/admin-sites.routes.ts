import { NewSiteSchema as SharedNewSite, SiteChangesSchema as SharedSiteChanges } from '#shared/admin/site.schema'
import { createRoute, z } from '@hono/zod-openapi'
import { errorBodyWith, errorResponse, errorResponseWith, jsonContent } from '../../http/openapi'
import { flagParam } from '../../http/query-params'
import { ADMIN_SECURITY, IdParamSchema } from './admin.schema'

export const SiteRecordSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  regionCode: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  version: z.number().int().openapi({ description: 'Raised by every change to the site; send it as If-Match (`"3"`) to change the site' }),
}).openapi('SiteRecord')

// The request schemas are the shared ones the desk's form checks with.
const NewSiteSchema = SharedNewSite.meta({ id: 'NewSite' })
const SiteChangesSchema = SharedSiteChanges.meta({ id: 'SiteChanges' })

const errors = {
  401: errorResponse('Not signed in'),
  403: errorResponse('Not an administrator (auth.forbidden), or device revoked'),
}

export const listSitesRoute = createRoute({
  method: 'get',
  path: '/api/admin/sites',
  tags: ['admin'],
  summary: 'Sites, by code, inactive ones included unless filtered',
  security: ADMIN_SECURITY,
  request: { query: z.object({ active: flagParam.optional() }) },
  responses: {
    200: jsonContent(z.object({ items: z.array(SiteRecordSchema) }).openapi('SiteList'), 'The sites'),
    400: errorResponse('Invalid filter'),
    ...errors,
  },
})

export const createSiteRoute = createRoute({
  method: 'post',
  path: '/api/admin/sites',
  tags: ['admin'],
  summary: 'Create a site; devices receive it at their next pull',
  security: ADMIN_SECURITY,
  request: { body: { content: { 'application/json': { schema: NewSiteSchema } }, required: true } },
  responses: {
    201: jsonContent(SiteRecordSchema, 'Created'),
    400: errorResponse('Invalid site'),
    ...errors,
    409: errorResponse('The code is taken (`site.code_taken`)'),
  },
})

export const updateSiteRoute = createRoute({
  method: 'patch',
  path: '/api/admin/sites/{id}',
  tags: ['admin'],
  summary: 'Rename a site, or make it active or inactive',
  description: 'Send `If-Match` with the site\'s `version` the change was made on: without it the answer is 428 `request.version_required` (400 when it is not a version); '
    + 'when the site changed since, 409 `request.version_conflict` with `current`, the site as it now is, and nothing changes.',
  security: ADMIN_SECURITY,
  request: {
    params: IdParamSchema,
    headers: z.object({ 'if-match': z.string().optional().openapi({ description: 'The site\'s version the change was made on: `"3"`. Required.', example: '"3"' }) }),
    body: { content: { 'application/json': { schema: SiteChangesSchema } }, required: true },
  },
  responses: {
    200: jsonContent(SiteRecordSchema, 'The site as it now is (ETag: its version)'),
    400: errorResponse('Invalid change, or If-Match is not a version'),
    ...errors,
    404: errorResponse('No such site'),
    409: errorResponseWith('Changed since the version sent (`request.version_conflict`, with `current`: the site as it now is)', errorBodyWith('SiteConflictError', { current: SiteRecordSchema.optional() })),
    428: errorResponse('If-Match missing (`request.version_required`)'),
  },
})
