import { checkRegionCode } from '#shared/identity/region-prefix'
import { isSiteCode } from '#shared/receipt/receipt-number'
import { createRoute, z } from '@hono/zod-openapi'
import { errorResponse, jsonContent } from '../../http/openapi'
import { flagParam } from '../../http/query-params'
import { ADMIN_SECURITY, IdParamSchema } from './admin.schema'

export const SiteRecordSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  regionCode: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
}).openapi('SiteRecord')

const SiteNameSchema = z.string().trim().min(1).max(100)

export const NewSiteSchema = z.object({
  code: z.string().trim().toUpperCase().refine(isSiteCode, { params: { code: 'site.code_format' } }).openapi({ description: '2–6 characters of the GB 32100 alphabet (no I, O, Z, S, V); it begins every receipt number issued at the site, so it is unique and never changes.', example: 'BJ02' }),
  name: SiteNameSchema,
  regionCode: z.string().trim().superRefine((value, ctx) => {
    const result = checkRegionCode(value)
    if (!result.ok)
      ctx.addIssue({ code: 'custom', message: result.code, params: { ...result.params, code: result.code } })
  }).openapi({ description: '6-digit administrative region code (GB/T 2260)', example: '110105' }),
}).openapi('NewSite')

export const SiteChangesSchema = z.object({
  name: SiteNameSchema.optional(),
  active: z.boolean().optional().openapi({ description: 'An inactive site is no longer sent to devices.' }),
}).openapi('SiteChanges')

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
  security: ADMIN_SECURITY,
  request: { params: IdParamSchema, body: { content: { 'application/json': { schema: SiteChangesSchema } }, required: true } },
  responses: {
    200: jsonContent(SiteRecordSchema, 'The site as it now is'),
    400: errorResponse('Invalid change'),
    ...errors,
    404: errorResponse('No such site'),
  },
})
