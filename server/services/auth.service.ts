import type { AppDeps, SessionActor } from '../context'
import type { StaffRecord } from '../repositories/staff.repository'
import type { Executor } from '../repositories/types'
import { randomInt, randomUUID } from 'node:crypto'
import { MOD31_ALPHABET } from '#shared/checksums/mod31'
import { ApiError } from '../http/api-error'
import { appendAudit } from '../repositories/audit.repository'
import { findDevice, insertDevice, isDeviceCodeTaken, touchDevice } from '../repositories/devices.repository'
import { clearLoginAttempts } from '../repositories/login-attempts.repository'
import { findSession, insertSession, revokeSession } from '../repositories/sessions.repository'
import { findStaffByUsername, siteIdsOf } from '../repositories/staff.repository'
import { hashPassword, verifyPassword } from '../security/passwords'
import { hashToken, newToken } from '../security/tokens'
import { beginPasswordAttempt, MAX_FAILURES, throttleKeys } from './login-throttle'

/**
 * Sign-in, sessions and devices. A sign-in binds a bearer token to one device; the device
 * is registered at its first sign-in and given the 4-character code its receipt numbers
 * carry. Repeated failures lock the user name (and, with a higher threshold, the
 * address) for a while. Every sign-in, failure and sign-out is audited.
 */

// Verifying against a fixed hash when the user does not exist keeps the answer's timing
// from telling which user names exist.
const DUMMY_HASH = hashPassword('not-a-real-password-0000')

export interface LoginInput {
  username: string
  password: string
  deviceId: string
  deviceLabel: string
  ip: string | null
}

export interface LoginResult {
  token: string
  expiresAt: string
  staff: { id: string, username: string, displayName: string, role: StaffRecord['role'], siteIds: string[] }
  device: { id: string, code: string }
}

async function newDeviceCode(db: Executor): Promise<string> {
  for (;;) {
    const code = Array.from({ length: 4 }, () => MOD31_ALPHABET[randomInt(MOD31_ALPHABET.length)]).join('')
    if (!await isDeviceCodeTaken(db, code))
      return code
  }
}

export async function login(deps: AppDeps, input: LoginInput): Promise<LoginResult> {
  const keys = throttleKeys(deps.cipher, input.username, input.ip)
  const attempt = await beginPasswordAttempt(deps, [{ key: keys.user, max: MAX_FAILURES.user }, ...(keys.ip ? [{ key: keys.ip, max: MAX_FAILURES.ip }] : [])])

  const staff = await findStaffByUsername(deps.db, input.username)
  const passwordOk = await verifyPassword(input.password, staff?.passwordHash ?? await DUMMY_HASH)
  const at = deps.now().toISOString()
  if (!staff || !passwordOk) {
    await attempt.failed()
    // The name typed is kept only when it is an account's: one that is none is, as often as
    // not, the password typed into the wrong field, and administrators read this log.
    await appendAudit(deps.db, { actorId: staff?.id ?? null, action: 'auth.login_failed', ip: input.ip, detail: staff ? { username: staff.username } : { unknownUser: true } }, at)
    throw new ApiError(401, 'auth.invalid_credentials')
  }
  await attempt.passed()
  if (staff.disabled)
    throw new ApiError(403, 'auth.account_disabled')

  const token = newToken()
  const expiresAt = new Date(deps.now().getTime() + deps.env.SESSION_TTL_DAYS * 86_400_000).toISOString()
  const device = await deps.db.transaction().execute(async (trx) => {
    let existing = await findDevice(trx, input.deviceId)
    if (!existing) {
      // A sign-in from the same new device at the same moment may register it first: the
      // device is then that one's, checked below like any other.
      await insertDevice(trx, { id: input.deviceId, code: await newDeviceCode(trx), staffId: staff.id, label: input.deviceLabel, at })
      existing = (await findDevice(trx, input.deviceId))!
    }
    if (existing.staffId !== staff.id)
      throw new ApiError(409, 'auth.device_other_user')
    if (existing.revokedAt)
      throw new ApiError(403, 'auth.device_revoked', { extra: { wipe: true } })
    await insertSession(trx, { tokenHash: hashToken(token), staffId: staff.id, deviceId: existing.id, createdAt: at, expiresAt })
    await appendAudit(trx, { actorId: staff.id, action: 'auth.login', targetType: 'device', targetId: existing.id, ip: input.ip }, at)
    return existing
  })
  await clearLoginAttempts(deps.db, keys.user)

  return {
    token,
    expiresAt,
    staff: { id: staff.id, username: staff.username, displayName: staff.displayName, role: staff.role, siteIds: staff.siteIds },
    device: { id: device.id, code: device.code },
  }
}

/** What a request says of its device (`X-Unsynced-Count`, `X-Device-Time`); null: not said. */
export interface DeviceReport { unsyncedCount: number | null, clockOffsetMs: number | null }

/**
 * The actor behind a bearer token, or the reason there is none. A revoked device's contact
 * is recorded with its report before it is told to wipe: that answer erases what the tablet
 * still held unsynced, and its own count is the only record of how much that was (the one
 * stored at revocation is from an earlier contact, before any work done offline since).
 */
export async function authenticate(deps: AppDeps, token: string, report?: DeviceReport): Promise<SessionActor> {
  const tokenHash = hashToken(token)
  const session = await findSession(deps.db, tokenHash)
  if (!session)
    throw new ApiError(401, 'auth.required')
  // Before the session's own state: revoking a device also ends its sessions, and a device
  // back after weeks offline has an expired one, yet either must still be told to wipe.
  if (session.deviceRevokedAt) {
    if (report)
      await touchDevice(deps.db, session.deviceId, deps.now().toISOString(), report)
    throw new ApiError(403, 'auth.device_revoked', { extra: { wipe: true } })
  }
  if (session.revokedAt)
    throw new ApiError(401, 'auth.required')
  if (new Date(session.expiresAt) <= deps.now())
    throw new ApiError(401, 'auth.session_expired')
  if (session.staffDisabled)
    throw new ApiError(403, 'auth.account_disabled')
  return {
    id: session.staffId,
    username: session.username,
    displayName: session.displayName,
    role: session.role,
    siteIds: await siteIdsOf(deps.db, session.staffId),
    deviceId: session.deviceId,
    tokenHash,
    device: { lastSeenAt: session.deviceLastSeenAt, unsyncedCount: session.deviceUnsyncedCount, clockOffsetMs: session.deviceClockOffsetMs },
  }
}

export async function logout(deps: AppDeps, actor: SessionActor, ip: string | null): Promise<void> {
  const at = deps.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    await revokeSession(trx, actor.tokenHash, at)
    await appendAudit(trx, { actorId: actor.id, action: 'auth.logout', targetType: 'device', targetId: actor.deviceId, ip }, at)
  })
}

export function newStaffId(): string {
  return randomUUID()
}
