import { ApplicationSchema } from '#shared/application/application.schema'
import { CARD_STATUSES, MEMBER_STATUSES } from '#shared/members/member-status'
import { createRoute, z } from '@hono/zod-openapi'
import { errorResponse, jsonContent } from '../../http/openapi'
import { listParam, pageParams } from '../../http/query-params'

/** Members: search and list (masked), and one member in full with its change history (audited). */

const MemberListQuerySchema = z.object({
  q: z.string().trim().min(1).max(64).optional().openapi({ description: 'A member number or its prefix (`FE0000`), an exact mobile, or an exact identity document / USCC number.' }),
  status: listParam(MEMBER_STATUSES).optional(),
  siteId: z.string().min(1).max(64).optional(),
  ...pageParams,
})

const memberColumns = {
  id: z.string(),
  memberNo: z.string(),
  applicantType: z.string(),
  category: z.string(),
  level: z.string().nullable(),
  siteId: z.string(),
  status: z.enum(MEMBER_STATUSES),
  cardStatus: z.enum(CARD_STATUSES),
  validFrom: z.string(),
  validUntil: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
}

const MemberListItemSchema = z.object({
  ...memberColumns,
  displayName: z.string().openapi({ description: 'Masked.', example: '张*' }),
  mobile: z.string().openapi({ description: 'Masked.', example: '138****8000' }),
}).openapi('MemberListItem')

const MemberListSchema = z.object({
  items: z.array(MemberListItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
}).openapi('MemberList')

const MemberChangeSchema = z.object({
  version: z.number().int(),
  action: z.string(),
  actorId: z.string(),
  actorName: z.string().nullable(),
  at: z.string(),
  detail: z.record(z.string(), z.unknown()),
}).openapi('MemberChange')

const MemberDetailSchema = z.object({
  ...memberColumns,
  applicationId: z.string(),
  displayName: z.string(),
  mobile: z.string(),
  cardNo: z.string().nullable(),
  updatedAt: z.string(),
  data: ApplicationSchema.or(z.record(z.string(), z.unknown())).openapi({ description: 'The approved application, identity numbers in full.' }),
  changes: z.array(MemberChangeSchema),
}).openapi('MemberDetail')

const security = [{ bearer: [] }]
const tags = ['members']

export const listMembersRoute = createRoute({
  method: 'get',
  path: '/api/members',
  tags,
  summary: 'Search and list members; names and mobiles masked',
  security,
  request: { query: MemberListQuerySchema },
  responses: {
    200: jsonContent(MemberListSchema, 'A page of members, by member number'),
    400: errorResponse('Invalid query'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a reviewer or supervisor'),
  },
})

export const memberDetailRoute = createRoute({
  method: 'get',
  path: '/api/members/{id}',
  tags,
  summary: 'A member in full with its change history; the view is audited',
  security,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: {
    200: jsonContent(MemberDetailSchema, 'The member (ETag: its version)'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a reviewer or supervisor'),
    404: errorResponse('No such member in your sites'),
  },
})
