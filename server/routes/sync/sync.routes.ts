import { APPLICANT_TYPES } from '#shared/application/enums'
import { queryInteger } from '#shared/schemas/query-integer'
import { APPLICATION_STATUSES } from '#shared/status/status-table'
import { MAX_PULL_PAGE, PullResponseSchema, PushRequestSchema, PushResponseSchema, ServerCopySchema } from '#shared/sync/protocol'
import { MAX_LOOKUP_QUERY } from '#shared/sync/protocol-constants'
import { createRoute, z } from '@hono/zod-openapi'
import { errorResponse, jsonContent } from '../../http/openapi'
import { pageParams } from '../../http/query-params'
import { SearchHeaderSchema } from '../../http/search-header'

export const pushRoute = createRoute({
  method: 'post',
  path: '/api/sync/push',
  tags: ['sync'],
  summary: 'Apply a batch of mutations from a device; one answer per mutation',
  security: [{ bearer: [] }],
  request: { body: { content: { 'application/json': { schema: PushRequestSchema.meta({ id: 'PushRequest' }) } }, required: true } },
  responses: {
    200: jsonContent(PushResponseSchema.meta({ id: 'PushResponse' }), 'One result per mutation, in order'),
    400: errorResponse('Malformed batch'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a field agent, or device revoked'),
    413: errorResponse('Batch too large'),
  },
})

export const pullRoute = createRoute({
  method: 'get',
  path: '/api/sync/pull',
  tags: ['sync'],
  summary: 'Changes for this agent after a cursor, and the reference data in force',
  description: 'A cursor beyond the highest sequence this server has handed out (its database was restored from an older backup, or replaced) is answered 409 `sync.cursor_ahead` (`params.end`: the feed\'s end): the device pulls again from cursor 0, keeping its unsent work.',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      cursor: queryInteger({ min: 0 }).default(0),
      limit: queryInteger({ min: 1, max: MAX_PULL_PAGE }).default(200),
    }),
  },
  responses: {
    200: jsonContent(PullResponseSchema.meta({ id: 'PullResponse' }), 'A page of changes'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a field agent, or device revoked'),
    409: errorResponse('The cursor is beyond the end of this server\'s change feed (`sync.cursor_ahead`, `params.end` the feed\'s end): pull again from 0'),
  },
})

export const fetchApplicationRoute = createRoute({
  method: 'get',
  path: '/api/sync/applications/{id}',
  tags: ['sync'],
  summary: 'One of this agent\'s applications in full, for a device that does not have it (audited)',
  description: 'A tablet that learns from a pull that one of its agent\'s applications was returned, but does not hold it (captured on a tablet since replaced, wiped or revoked), fetches it here to fix and resubmit it. Only the agent who captured it, while it is at one of their sites and returned (any other state answers 404: decided applications are not handed out in full again).',
  security: [{ bearer: [] }],
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: {
    200: jsonContent(ServerCopySchema.meta({ id: 'ServerCopy' }), 'The application as the server holds it'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a field agent, or device revoked'),
    404: errorResponse('No such returned application of this agent at their sites (request.not_found)'),
  },
})

const OwnApplicationSummarySchema = z.object({
  id: z.string(),
  receiptNo: z.string(),
  applicantType: z.enum(APPLICANT_TYPES),
  displayName: z.string().openapi({ description: 'Masked (张*); an organisation by its registered name; empty once purged.' }),
  status: z.enum(APPLICATION_STATUSES),
  rejectReason: z.string().nullable(),
  memberNo: z.string().nullable(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  purged: z.boolean().openapi({ description: 'Its personal data was destroyed at the end of its retention period.' }),
}).openapi('OwnApplicationSummary')

export const LookUpQuerySchema = z.object({
  q: z.string().trim().min(1).max(MAX_LOOKUP_QUERY).optional(),
  ...pageParams,
})

export const lookUpOwnApplicationsRoute = createRoute({
  method: 'get',
  path: '/api/sync/applications',
  tags: ['sync'],
  summary: 'The agent\'s own applications on the server (查询服务器记录), masked, newest first',
  description: 'What became of applications the tablet no longer holds: status, member number, rejection reason. Only the agent\'s own, at their current sites. `q`: an exact mobile, or a receipt number or its beginning.',
  security: [{ bearer: [] }],
  request: {
    query: LookUpQuerySchema,
    headers: SearchHeaderSchema,
  },
  responses: {
    200: jsonContent(z.object({ items: z.array(OwnApplicationSummarySchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }).openapi('OwnApplicationList'), 'A page of the agent\'s applications'),
    400: errorResponse('Invalid query'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a field agent, or device revoked'),
  },
})
