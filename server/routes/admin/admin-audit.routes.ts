import { parseAuditAnchor } from '#shared/audit/audit-anchor'
import { queryInteger } from '#shared/schemas/query-integer'
import { createRoute, z } from '@hono/zod-openapi'
import { errorResponse, jsonContent } from '../../http/openapi'
import { ADMIN_SECURITY } from './admin.schema'

export const MAX_AUDIT_PAGE = 200

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  targetLabel: z.string().nullable().openapi({ description: 'The target as people know it: a receipt or member number, a user name, a site (code and name) or device code, a programme version; a document by its application\'s receipt number. Null when it no longer resolves.' }),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
}).openapi('AuditEntry')

const errors = {
  401: errorResponse('Not signed in'),
  403: errorResponse('Not an administrator (auth.forbidden), or device revoked'),
}

export const searchAuditRoute = createRoute({
  method: 'get',
  path: '/api/admin/audit',
  tags: ['admin'],
  summary: 'The audit log, newest first, filtered and paged',
  security: ADMIN_SECURITY,
  request: {
    query: z.object({
      actorId: z.string().max(100).optional(),
      action: z.string().max(64).optional().openapi({ description: 'An action (`staff.update`), or every action under a prefix (`staff.*`)' }),
      targetType: z.string().max(32).optional(),
      targetId: z.string().max(100).optional(),
      target: z.string().max(100).optional().openapi({ description: 'A reference as typed: an id, a receipt or member number (the application, its member and its documents), a user name, a site or device code' }),
      from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Entries at or after this instant' }),
      to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Entries before this instant' }),
      page: queryInteger({ min: 1 }).default(1),
      pageSize: queryInteger({ min: 1, max: MAX_AUDIT_PAGE }).default(50),
    }).refine(query => !query.from || !query.to || Date.parse(query.from) <= Date.parse(query.to), { path: ['to'], params: { code: 'date.range_reversed' } }),
  },
  responses: {
    200: jsonContent(z.object({
      items: z.array(AuditEntrySchema),
      page: z.number().int(),
      pageSize: z.number().int(),
      total: z.number().int().openapi({ description: 'Entries matching the filter, all pages' }),
    }).openapi('AuditPage'), 'A page of entries'),
    400: errorResponse('Invalid filter'),
    ...errors,
  },
})

export const verifyAuditRoute = createRoute({
  method: 'get',
  path: '/api/admin/audit/verify',
  tags: ['admin'],
  summary: 'Check every link and hash of the audit chain, and that it still reaches an end noted earlier',
  description: 'A chain proves what lies between its ends: entries removed from its end leave a shorter chain that holds. '
    + 'Note `head` (its `seq` and the first 16 characters of its `hash`) outside the database, and give it back as `anchor` later: '
    + 'the report is then ok only when the chain still reaches that entry with that hash.',
  security: ADMIN_SECURITY,
  request: {
    query: z.object({
      anchor: z.string().optional().refine(value => value === undefined || parseAuditAnchor(value) !== null, { params: { code: 'audit.anchor_format' } }).openapi({ description: 'An end noted earlier: `<seq>:<hash>`, the hash whole or its first 16 characters or more', example: '1234:9f86d081884c7d65' }),
    }),
  },
  responses: {
    200: jsonContent(z.object({
      ok: z.boolean(),
      checked: z.number().int().openapi({ description: 'Entries that hold, from the first' }),
      brokenAt: z.number().int().optional().openapi({ description: 'The first entry whose link or hash does not hold' }),
      head: z.object({ seq: z.number().int(), hash: z.string(), at: z.string() }).nullable().openapi({ description: 'The last entry that holds, the anchor to note (null for an empty log)' }),
      anchor: z.enum(['holds', 'missing', 'different']).optional().openapi({ description: 'With an anchor: `holds`; `missing` when the chain ends before it (entries were removed from its end); `different` when that entry has another hash (the chain was rewritten)' }),
    }).openapi('AuditChainReport'), 'The report (ok false names the first broken entry, or what became of the anchor)'),
    400: errorResponse('Not an anchor (`audit.anchor_format`)'),
    ...errors,
  },
})
