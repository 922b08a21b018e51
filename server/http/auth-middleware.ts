import type { Role } from '#shared/status/roles'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context'
import { touchDevice } from '../repositories/devices.repository'
import { authenticate } from '../services/auth.service'
import { ApiError } from './api-error'

/**
 * Resolves the bearer token to the signed-in staff member and checks the role. Every
 * contact from a device also reports how many records it still holds unsynced
 * (`X-Unsynced-Count`), so the work on a lost device is known.
 */
export function requireAuth(roles?: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization')
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : ''
    if (!token)
      throw new ApiError(401, 'auth.required')
    const deps = c.get('deps')
    const actor = await authenticate(deps, token)
    if (roles && !roles.includes(actor.role))
      throw new ApiError(403, 'auth.forbidden')
    const unsynced = Number.parseInt(c.req.header('X-Unsynced-Count') ?? '', 10)
    await touchDevice(deps.db, actor.deviceId, deps.now().toISOString(), Number.isFinite(unsynced) && unsynced >= 0 ? unsynced : null)
    c.set('actor', actor)
    await next()
  }
}

/** The client's address, for throttling and the audit log. */
export function clientIp(c: { req: { header: (name: string) => string | undefined }, env: unknown }): string | null {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  return incoming?.socket?.remoteAddress ?? null
}
