import { createRoute, z } from '@hono/zod-openapi'
import { EXPORT_FORMATS } from '../../export/export-response'
import { errorResponse } from '../../http/openapi'
import { flagParam } from '../../http/query-params'
import { SearchHeaderSchema } from '../../http/search-header'
import { MemberListQuerySchema } from '../members/members.routes'
import { ReviewListQuerySchema } from '../review/review.routes'

/**
 * Exports of the review queue and the members list as CSV or XLSX, with the screens'
 * filters (paging aside). Masked by default; `full=true` for supervisors only. Every
 * export is audited with its filters and row count.
 */

const exportOptions = {
  format: z.enum(EXPORT_FORMATS).default('xlsx'),
  full: flagParam.optional().openapi({ description: '`true`: names, ID numbers and mobiles in full — supervisors only (403 `export.full_forbidden` for others).' }),
}

const { page: _p, pageSize: _ps, ...reviewFilters } = ReviewListQuerySchema.shape
const { page: _mp, pageSize: _mps, ...memberFilters } = MemberListQuerySchema.shape

const fileHeaders = z.object({
  'Content-Disposition': z.string().openapi({ example: 'attachment; filename="applications_2026-11-23.xlsx"; filename*=UTF-8\'\'%E5%85%A5%E4%BC%9A%E7%94%B3%E8%AF%B7_2026-11-23.xlsx' }),
  'X-Total-Rows': z.string().openapi({ description: 'Rows in the file (after the header row).', example: '42' }),
})

const fileContent = {
  'text/csv': { schema: z.string().openapi({ description: 'UTF-8 with BOM, CRLF, RFC 4180 quoting; Chinese headers.' }) },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) },
}

const security = [{ bearer: [] }]
const tags = ['exports']

const errors = {
  400: errorResponse('Invalid filter or format'),
  401: errorResponse('Not signed in'),
  403: errorResponse('Not a reviewer or supervisor (`auth.forbidden`), or full values asked by a reviewer (`export.full_forbidden`)'),
  422: errorResponse('An XLSX longer than a sheet holds (`export.too_many_rows`, with `params.rows` and `params.max`): narrow the filters or ask for CSV'),
}

/** The two list exports each hold a read snapshot while they download; the server runs a few at once. */
const busy = { 503: errorResponse('As many exports as the server runs at once are downloading (`export.busy`, with `params.max`): try again shortly') }

export const exportApplicationsRoute = createRoute({
  method: 'get',
  path: '/api/exports/applications',
  tags,
  summary: 'The review queue as CSV or XLSX, with the queue\'s filters and order (masked unless full=true)',
  security,
  request: { query: z.object({ ...reviewFilters, ...exportOptions }) },
  responses: { 200: { content: fileContent, headers: fileHeaders, description: 'The file, streamed' }, ...errors, ...busy },
})

export const exportMembersRoute = createRoute({
  method: 'get',
  path: '/api/exports/members',
  tags,
  summary: 'Members as CSV or XLSX, with the members list\'s filters and order — by member number, those due a re-visit the longest-waiting first (masked unless full=true)',
  security,
  request: { query: z.object({ ...memberFilters, ...exportOptions }), headers: SearchHeaderSchema },
  responses: { 200: { content: fileContent, headers: fileHeaders, description: 'The file, streamed' }, ...errors, ...busy },
})

export const memberPersonalCopyRoute = createRoute({
  method: 'get',
  path: '/api/exports/members/{id}/personal-copy',
  tags,
  summary: 'A member\'s copy of their personal information (个人信息副本, PIPL art. 45), unmasked, as CSV or XLSX: membership, personal information, what was done to the record',
  description: 'For the member who asked for it. Reviewers for their sites\' members, supervisors for all; audited as `export.member_copy`. 410 `record.purged` once the member\'s data was destroyed.',
  security,
  request: {
    params: z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) }),
    query: z.object({ format: exportOptions.format }),
  },
  responses: {
    200: { content: fileContent, headers: fileHeaders, description: 'The file' },
    ...errors,
    404: errorResponse('No such member, or not one of the reviewer\'s sites'),
    410: errorResponse('The member\'s personal data was destroyed (record.purged)'),
  },
})
