import type { Role } from '#shared/status/roles'
import type { MiddlewareHandler } from 'hono'
import type { AppDeps, AppEnv } from '../context'
import { isIP } from 'node:net'
import { touchDevice } from '../repositories/devices.repository'
import { authenticate } from '../services/auth.service'
import { ApiError } from './api-error'
import { deviceClockOffsetOf } from './device-clock'
import { unsyncedCountOf } from './unsynced-count'

/**
 * Resolves the bearer token to the signed-in staff member and checks the role. Every
 * contact from a device also reports how many records it still holds unsynced
 * (`X-Unsynced-Count`), so the work on a lost device is known, and what its clock reads
 * (`X-Device-Time`), so a tablet whose clock is wrong is known too.
 */
const TOUCH_INTERVAL_MS = 60_000
const CLOCK_MOVED_MS = 60_000

export function requireAuth(roles?: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('Authorization'))
    if (!token)
      throw new ApiError(401, 'auth.required')
    const deps = c.get('deps')
    const unsynced = unsyncedCountOf(c.req.header('X-Unsynced-Count'))
    const now = deps.now()
    const clockOffsetMs = deviceClockOffsetOf(c.req.header('X-Device-Time'), now)
    const actor = await authenticate(deps, token, { unsyncedCount: unsynced, clockOffsetMs })
    if (roles && !roles.includes(actor.role))
      throw new ApiError(403, 'auth.forbidden')
    // A write on every request would cost a durable commit each: write when the count
    // changed, the clock moved by more than transit time (first reported, or set right),
    // or the last contact is over a minute old.
    const clockMoved = clockOffsetMs !== null && (actor.device.clockOffsetMs === null || Math.abs(clockOffsetMs - actor.device.clockOffsetMs) > CLOCK_MOVED_MS)
    if ((unsynced !== null && unsynced !== actor.device.unsyncedCount)
      || clockMoved
      || now.getTime() - new Date(actor.device.lastSeenAt).getTime() > TOUCH_INTERVAL_MS) {
      await touchDevice(deps.db, actor.deviceId, now.toISOString(), { unsyncedCount: unsynced, clockOffsetMs })
    }
    c.set('actor', actor)
    await next()
  }
}

/** The token of `Bearer <token>`; the scheme's name is case-insensitive (RFC 9110 §11.1), and scripts write `bearer`. */
function bearerToken(header: string | undefined): string {
  const match = /^bearer +(\S.*)$/i.exec(header?.trim() ?? '')
  return match ? match[1]!.trim() : ''
}

/**
 * The client's address, for throttling and the audit log. Behind TRUST_PROXY_HOPS trusted
 * proxies it is the address the outermost of them received from: each appends one entry to
 * X-Forwarded-For, so it is that many entries from the right (entries further left are
 * whatever the client sent). Without it, every tablet behind the proxy shared its address:
 * thirty mistyped passwords anywhere locked every sign-in, and the log named the proxy.
 */
export function clientIp(c: { req: { header: (name: string) => string | undefined }, env: unknown, get: (key: 'deps') => AppDeps }): string | null {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  const connection = incoming?.socket?.remoteAddress ?? null
  const hops = c.get('deps').env.TRUST_PROXY_HOPS
  if (!hops)
    return connection
  const forwarded = (c.req.header('X-Forwarded-For') ?? '').split(',').map(entry => entry.trim()).filter(Boolean)
  const client = forwarded.at(-hops) ?? forwarded[0]
  return client && isIP(client) ? client : connection
}
