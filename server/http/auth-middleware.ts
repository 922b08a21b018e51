import type { Role } from '#shared/status/roles'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context'
import { touchDevice } from '../repositories/devices.repository'
import { authenticate } from '../services/auth.service'
import { ApiError } from './api-error'
import { unsyncedCountOf } from './unsynced-count'

/**
 * Resolves the bearer token to the signed-in staff member and checks the role. Every
 * contact from a device also reports how many records it still holds unsynced
 * (`X-Unsynced-Count`), so the work on a lost device is known.
 */
const TOUCH_INTERVAL_MS = 60_000

export function requireAuth(roles?: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('Authorization'))
    if (!token)
      throw new ApiError(401, 'auth.required')
    const deps = c.get('deps')
    const actor = await authenticate(deps, token)
    if (roles && !roles.includes(actor.role))
      throw new ApiError(403, 'auth.forbidden')
    const unsynced = unsyncedCountOf(c.req.header('X-Unsynced-Count'))
    // A write on every request would cost a durable commit each: write when the count
    // changed or the last contact is over a minute old.
    const now = deps.now()
    if ((unsynced !== null && unsynced !== actor.device.unsyncedCount) || now.getTime() - new Date(actor.device.lastSeenAt).getTime() > TOUCH_INTERVAL_MS)
      await touchDevice(deps.db, actor.deviceId, now.toISOString(), unsynced)
    c.set('actor', actor)
    await next()
  }
}

/** The token of `Bearer <token>`; the scheme's name is case-insensitive (RFC 9110 §11.1), and scripts write `bearer`. */
function bearerToken(header: string | undefined): string {
  const match = /^bearer +(\S.*)$/i.exec(header?.trim() ?? '')
  return match ? match[1]!.trim() : ''
}

/** The client's address, for throttling and the audit log. */
export function clientIp(c: { req: { header: (name: string) => string | undefined }, env: unknown }): string | null {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  return incoming?.socket?.remoteAddress ?? null
}
