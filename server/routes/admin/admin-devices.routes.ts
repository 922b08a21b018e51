import { DEVICE_KINDS } from '#shared/admin/device-kind'
import { createRoute, z } from '@hono/zod-openapi'
import { errorResponse, jsonContent } from '../../http/openapi'
import { flagParam } from '../../http/query-params'
import { ADMIN_SECURITY, IdParamSchema } from './admin.schema'

export const DeviceItemSchema = z.object({
  id: z.string(),
  code: z.string().openapi({ description: 'The device part of the receipt numbers it issues' }),
  kind: z.enum(DEVICE_KINDS).openapi({ description: 'A tablet, or a desk browser (its id starts `desk-`), which never syncs and has nothing to wipe' }),
  staffId: z.string(),
  staffUsername: z.string(),
  staffName: z.string().openapi({ description: 'The staff member\'s display name.' }),
  label: z.string(),
  registeredAt: z.string(),
  lastSeenAt: z.string(),
  revokedAt: z.string().nullable(),
  unsyncedCount: z.number().int().openapi({ description: 'Records the device still held unsynced at its last contact' }),
  clockOffsetMs: z.number().int().nullable().openapi({ description: 'How far the device\'s clock was ahead of the server\'s (negative: behind) at its last contact that reported it (X-Device-Time), to the second; null until one did' }),
}).openapi('DeviceItem')

const errors = {
  401: errorResponse('Not signed in'),
  403: errorResponse('Not an administrator (auth.forbidden), or device revoked'),
}

export const listDevicesRoute = createRoute({
  method: 'get',
  path: '/api/admin/devices',
  tags: ['admin'],
  summary: 'Devices, newest first, with last contact and unsynced count; filter by staff member or revoked',
  security: ADMIN_SECURITY,
  request: { query: z.object({ staffId: z.string().max(100).optional(), revoked: flagParam.optional() }) },
  responses: {
    200: jsonContent(z.object({ items: z.array(DeviceItemSchema) }).openapi('DeviceList'), 'The devices'),
    400: errorResponse('Invalid filter'),
    ...errors,
  },
})

export const revokeDeviceRoute = createRoute({
  method: 'post',
  path: '/api/admin/devices/{id}/revoke',
  tags: ['admin'],
  summary: 'Revoke a device (remote wipe): its sessions end and its next request tells it to wipe its data',
  description: 'Idempotent: revoking a revoked device answers 200 with the first revocation time and records nothing.',
  security: ADMIN_SECURITY,
  request: { params: IdParamSchema },
  responses: {
    200: jsonContent(z.object({ id: z.string(), revokedAt: z.string(), alreadyRevoked: z.boolean() }).openapi('DeviceRevocation'), 'Revoked'),
    ...errors,
    404: errorResponse('No such device'),
  },
})
