import { PasswordChangeSchema } from '#shared/auth/password-policy'
import { normaliseUsername } from '#shared/auth/username'
import { ROLES } from '#shared/status/roles'
import { withoutHiddenCharacters } from '#shared/text/hidden-characters'
import { createRoute, z } from '@hono/zod-openapi'
import { errorResponse, jsonContent } from '../../http/openapi'

export const LoginBodySchema = z.object({
  username: withoutHiddenCharacters(z.string().trim().min(1).max(64)).transform(normaliseUsername),
  password: z.string().min(1).max(256),
  /** Made by the client for its local database (one per user on a shared tablet). */
  deviceId: z.string().min(8).max(64).regex(/^[\w.-]+$/),
  deviceLabel: withoutHiddenCharacters(z.string().trim().min(1).max(100)).default('Unnamed device'),
}).openapi('LoginRequest')

export const StaffSummarySchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  siteIds: z.array(z.string()),
}).openapi('StaffSummary')

export const LoginResultSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  staff: StaffSummarySchema,
  device: z.object({ id: z.string(), code: z.string() }),
}).openapi('LoginResult')

export const loginRoute = createRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: ['auth'],
  summary: 'Sign in on a device; returns a bearer token bound to that device',
  request: { body: { content: { 'application/json': { schema: LoginBodySchema } }, required: true } },
  responses: {
    200: jsonContent(LoginResultSchema, 'Signed in'),
    400: errorResponse('Invalid request'),
    401: errorResponse('Wrong user name or password'),
    403: errorResponse('Account disabled or device revoked'),
    409: errorResponse('Device registered to another user'),
    429: errorResponse('Too many failures: locked for a while'),
  },
})

export const logoutRoute = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags: ['auth'],
  summary: 'End this session',
  security: [{ bearer: [] }],
  responses: {
    204: { description: 'Signed out' },
    401: errorResponse('Not signed in'),
    403: errorResponse('Device revoked (`auth.device_revoked`, with `wipe`: the device erases what it holds) or account disabled'),
  },
})

export const meRoute = createRoute({
  method: 'get',
  path: '/api/me',
  tags: ['auth'],
  summary: 'Who is signed in, on which device',
  security: [{ bearer: [] }],
  responses: {
    200: jsonContent(z.object({ staff: StaffSummarySchema, deviceId: z.string() }).openapi('Me'), 'The signed-in staff member'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Device revoked or account disabled'),
  },
})

export const changePasswordRoute = createRoute({
  method: 'post',
  path: '/api/me/password',
  tags: ['auth'],
  summary: 'Change one\'s own password; every other session of the account ends',
  description: 'The current password is required. A wrong one counts as a failed sign-in (throttled, then locked for a while). The new one has at least 10 characters and differs from the current one. Only its scrypt hash is kept.',
  security: [{ bearer: [] }],
  request: { body: { content: { 'application/json': { schema: PasswordChangeSchema.meta({ id: 'PasswordChange' }) } }, required: true } },
  responses: {
    200: jsonContent(z.object({ sessionsEnded: z.number().int().openapi({ description: 'Other sessions of the account that were ended.' }) }).openapi('PasswordChanged'), 'Changed'),
    400: errorResponse('Invalid new password (field.too_short, password.unchanged) or wrong current password (auth.wrong_password)'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Device revoked or account disabled'),
    429: errorResponse('Too many failures: locked for a while (auth.locked)'),
  },
})
