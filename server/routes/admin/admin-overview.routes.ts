import { createRoute, z } from '@hono/zod-openapi'
import { errorResponse, jsonContent } from '../../http/openapi'
import { ADMIN_SECURITY } from './admin.schema'

export const AdminOverviewSchema = z.object({
  database: z.object({
    kind: z.enum(['sqlite', 'postgres']),
    schemaVersion: z.string().nullable().openapi({ description: 'The last migration applied' }),
  }),
  dataKey: z.object({
    source: z.enum(['environment', 'file']).openapi({ description: '`environment`: FIELD_ENROL_DATA_KEY; `file`: DATA_DIR/data.key, beside the database (a warning in production)' }),
    fingerprint: z.string().nullable().openapi({ description: 'The fingerprint of the key the database is held to (never the key)' }),
  }),
  backup: z.object({
    last: z.object({
      at: z.string(),
      folder: z.string().nullable(),
      applications: z.number().int().nullable(),
      members: z.number().int().nullable(),
      attachmentFiles: z.number().int().nullable(),
    }).nullable().openapi({ description: 'The latest `npm run backup`, from the audit log; null when there has been none' }),
    overdue: z.boolean().openapi({ description: 'No backup, or the last is older than 48 hours (shared/admin/system-health.ts)' }),
  }),
  devices: z.object({
    active: z.number().int().openapi({ description: 'Tablets not revoked; desk browsers, which never sync, are not counted' }),
    withUnsynced: z.number().int().openapi({ description: 'Active devices that held unsynced records at their last contact' }),
    unsyncedRecords: z.number().int(),
    silentWithUnsynced: z.number().int().openapi({ description: 'Of those, the ones not heard from for `silentDays` days' }),
    silentDays: z.number().int(),
    clockOff: z.number().int().openapi({ description: 'Active devices whose clock was more than five minutes off the server\'s at their last report (X-Device-Time): their capture times read that clock' }),
  }),
  storage: z.object({
    freeBytes: z.number().int().openapi({ description: 'What this server may still write to the disk holding DATA_DIR\'s attachments' }),
    totalBytes: z.number().int(),
    low: z.boolean().openapi({ description: 'Less than 5 % or 2 GiB free (shared/admin/system-health.ts): a full disk refuses every sync and upload' }),
  }).nullable().openapi({ description: 'The disk of the data folder (this server process\'s; with PostgreSQL, the database\'s own disk is not in it); null when the system cannot tell' }),
}).openapi('AdminOverview')

export const adminOverviewRoute = createRoute({
  method: 'get',
  path: '/api/admin/overview',
  tags: ['admin'],
  summary: 'The administrator\'s overview: the last backup (and whether one is overdue), devices holding unsynced work, the database, the room left on the data folder\'s disk',
  security: ADMIN_SECURITY,
  responses: {
    200: jsonContent(AdminOverviewSchema, 'The overview'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not an administrator (auth.forbidden), or device revoked'),
  },
})
