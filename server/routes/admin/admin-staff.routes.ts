import { PasswordResetSchema, NewStaffSchema as SharedNewStaff, StaffChangesSchema as SharedStaffChanges } from '#shared/admin/staff.schema'
import { normaliseUsername } from '#shared/auth/username'
import { ROLES } from '#shared/status/roles'
import { createRoute, z } from '@hono/zod-openapi'
import { errorBodyWith, errorResponse, errorResponseWith, jsonContent } from '../../http/openapi'
import { flagParam } from '../../http/query-params'
import { ADMIN_SECURITY, IdParamSchema } from './admin.schema'

export const StaffAccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  siteIds: z.array(z.string()),
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().openapi({ description: 'Raised by every change to the account (a password reset too); send it as If-Match (`"3"`) to change the account' }),
}).openapi('StaffAccount')

// The request schemas are the shared ones the desk's forms check with.
const NewStaffSchema = SharedNewStaff.meta({ id: 'NewStaff' })
const StaffChangesSchema = SharedStaffChanges.meta({ id: 'StaffChanges' })

const ifMatchHeader = z.object({ 'if-match': z.string().optional().openapi({ description: 'The account\'s version the change was made on: `"3"`. Required.', example: '"3"' }) })

const errors = {
  401: errorResponse('Not signed in'),
  403: errorResponse('Not an administrator (auth.forbidden), or device revoked'),
}

export const listStaffRoute = createRoute({
  method: 'get',
  path: '/api/admin/staff',
  tags: ['admin'],
  summary: 'Staff accounts, by user name; filter by role, site, disabled, or part of the user name',
  security: ADMIN_SECURITY,
  request: {
    query: z.object({
      role: z.enum(ROLES).optional(),
      siteId: z.string().max(100).optional(),
      disabled: flagParam.optional(),
      q: z.string().trim().max(64).transform(normaliseUsername).optional().openapi({ description: 'Part of the user name, in any case or width (as at the sign-in)' }),
    }),
  },
  responses: {
    200: jsonContent(z.object({ items: z.array(StaffAccountSchema) }).openapi('StaffList'), 'The matching accounts'),
    400: errorResponse('Invalid filter'),
    ...errors,
  },
})

export const createStaffRoute = createRoute({
  method: 'post',
  path: '/api/admin/staff',
  tags: ['admin'],
  summary: 'Create a staff account',
  security: ADMIN_SECURITY,
  request: { body: { content: { 'application/json': { schema: NewStaffSchema } }, required: true } },
  responses: {
    201: jsonContent(StaffAccountSchema, 'Created'),
    400: errorResponse('Invalid account (issues name each field; `site.unknown` for a site that does not exist)'),
    ...errors,
    409: errorResponse('The user name is taken (`staff.username_taken`)'),
  },
})

export const updateStaffRoute = createRoute({
  method: 'patch',
  path: '/api/admin/staff/{id}',
  tags: ['admin'],
  summary: 'Change a staff account\'s name, role, sites or disabled flag',
  description: 'Only the fields sent change. Disabling ends the account\'s sessions. The last active administrator cannot be disabled or given another role, and no administrator can disable their own account. '
    + 'Send `If-Match` with the account\'s `version` the change was made on: without it the answer is 428 `request.version_required` (400 when it is not a version); '
    + 'when the account changed since, 409 `request.version_conflict` with `current`, the account as it now is, and nothing changes.',
  security: ADMIN_SECURITY,
  request: {
    params: IdParamSchema,
    headers: ifMatchHeader,
    body: { content: { 'application/json': { schema: StaffChangesSchema } }, required: true },
  },
  responses: {
    200: jsonContent(StaffAccountSchema, 'The account as it now is (ETag: its version)'),
    400: errorResponse('Invalid change, or If-Match is not a version'),
    ...errors,
    404: errorResponse('No such account'),
    409: errorResponseWith('Changed since the version sent (`request.version_conflict`, with `current`: the account as it now is), the last active administrator (`staff.last_admin`), or one\'s own account disabled (`staff.cannot_disable_self`)', errorBodyWith('StaffConflictError', { current: StaffAccountSchema.optional() })),
    428: errorResponse('If-Match missing (`request.version_required`)'),
  },
})

export const resetPasswordRoute = createRoute({
  method: 'post',
  path: '/api/admin/staff/{id}/reset-password',
  tags: ['admin'],
  summary: 'Set a new password; ends every session of the account',
  security: ADMIN_SECURITY,
  request: {
    params: IdParamSchema,
    body: { content: { 'application/json': { schema: PasswordResetSchema.meta({ id: 'PasswordReset' }) } }, required: true },
  },
  responses: {
    200: jsonContent(z.object({ sessionsRevoked: z.number().int() }), 'Password set; this many sessions ended'),
    400: errorResponse('Invalid password'),
    ...errors,
    404: errorResponse('No such account'),
  },
})
