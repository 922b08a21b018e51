import { ProgrammeSettingsBodySchema, ProgrammeSettingsSchema } from '#shared/programme/programme.schema'
import { createRoute, z } from '@hono/zod-openapi'
import { errorBodyWith, errorResponse, errorResponseWith, jsonContent } from '../../http/openapi'
import { versionParam } from '../../http/query-params'
import { ADMIN_SECURITY } from './admin.schema'

// `.meta` rather than `.openapi`: a shared schema may be built before @hono/zod-openapi
// adds `.openapi` to Zod, depending on import order; `.meta({ id })` names it either way.
const SettingsSchema = ProgrammeSettingsSchema.meta({ id: 'ProgrammeSettings' })
/** What is published: a setting the programme does not have (a misspelt key) is refused, not dropped. */
const SettingsBodySchema = ProgrammeSettingsBodySchema.meta({ id: 'ProgrammeSettingsBody' })

export const ProgrammeCurrentSchema = z.object({
  version: z.number().int(),
  settings: SettingsSchema,
}).openapi('ProgrammeVersion')

export const ProgrammeVersionInfoSchema = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable().openapi({ description: 'Null for the default settings of the first start' }),
  createdByUsername: z.string().nullable(),
}).openapi('ProgrammeVersionInfo')

const errors = {
  401: errorResponse('Not signed in'),
  403: errorResponse('Not an administrator (auth.forbidden), or device revoked'),
}

const etag = { ETag: { description: 'The version, quoted: send it back as If-Match to publish a change', schema: { type: 'string' as const } } }

export const currentProgrammeRoute = createRoute({
  method: 'get',
  path: '/api/admin/programme',
  tags: ['admin'],
  summary: 'The programme settings in force, with their version (also as ETag)',
  security: ADMIN_SECURITY,
  responses: {
    200: { ...jsonContent(ProgrammeCurrentSchema, 'The settings in force'), headers: etag },
    ...errors,
  },
})

export const programmeVersionsRoute = createRoute({
  method: 'get',
  path: '/api/admin/programme/versions',
  tags: ['admin'],
  summary: 'Every published version, newest first',
  security: ADMIN_SECURITY,
  responses: {
    200: jsonContent(z.object({ items: z.array(ProgrammeVersionInfoSchema) }).openapi('ProgrammeVersionList'), 'The versions'),
    ...errors,
  },
})

export const programmeVersionRoute = createRoute({
  method: 'get',
  path: '/api/admin/programme/versions/{version}',
  tags: ['admin'],
  summary: 'One published version with its settings',
  security: ADMIN_SECURITY,
  request: { params: z.object({ version: versionParam.openapi({ param: { name: 'version', in: 'path' } }) }) },
  responses: {
    200: jsonContent(ProgrammeCurrentSchema.extend({ createdAt: z.string(), createdBy: z.string().nullable() }).openapi('ProgrammeVersionDetail'), 'The version'),
    400: errorResponse('Not a version number'),
    ...errors,
    404: errorResponse('No such version'),
  },
})

export const publishProgrammeRoute = createRoute({
  method: 'put',
  path: '/api/admin/programme',
  tags: ['admin'],
  summary: 'Publish new programme settings as the next version',
  description: 'Send `If-Match` with the version the edit was made on (the ETag of GET /api/admin/programme). '
    + 'Without it the answer is 428 `request.version_required` (400 when it is not a version); when another version was published meanwhile, '
    + '409 `request.version_conflict` with `currentVersion`. Devices receive the new version at their next pull.',
  security: ADMIN_SECURITY,
  request: {
    headers: z.object({ 'if-match': z.string().optional().openapi({ description: 'The current version, e.g. `"3"`', example: '"3"' }) }),
    body: { content: { 'application/json': { schema: SettingsBodySchema } }, required: true },
  },
  responses: {
    200: { ...jsonContent(ProgrammeCurrentSchema, 'Published'), headers: etag },
    400: errorResponse('Invalid settings, or If-Match is not a version'),
    ...errors,
    409: errorResponseWith('Another version was published meanwhile (`request.version_conflict`, with `currentVersion`)', errorBodyWith('ProgrammeConflictError', { currentVersion: z.number().int().optional() })),
    422: errorResponse('The settings are the current version\'s (`programme.unchanged`): nothing to publish; or a privacy notice or member terms text changed under its published version label (`request.invalid`, an issue `programme.notice_version_unchanged` on the label)'),
    428: errorResponse('If-Match missing (`request.version_required`)'),
  },
})
