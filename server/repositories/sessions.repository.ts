import type { Role } from '#shared/status/roles'
import type { Executor } from './types'
import { clockOffsetFromColumn } from './devices.repository'

export interface SessionRow {
  tokenHash: string
  staffId: string
  username: string
  displayName: string
  role: Role
  staffDisabled: boolean
  deviceId: string
  deviceRevokedAt: string | null
  deviceLastSeenAt: string
  deviceUnsyncedCount: number
  /** The device clock's offset at its last contact that reported it, in milliseconds. */
  deviceClockOffsetMs: number | null
  expiresAt: string
  revokedAt: string | null
}

export async function findSession(db: Executor, tokenHash: string): Promise<SessionRow | undefined> {
  const row = await db.selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staff_id')
    .innerJoin('devices', 'devices.id', 'sessions.device_id')
    .select([
      'sessions.token_hash',
      'sessions.staff_id',
      'staff.username',
      'staff.display_name',
      'staff.role',
      'staff.disabled',
      'sessions.device_id',
      'devices.revoked_at as device_revoked_at',
      'devices.last_seen_at as device_last_seen_at',
      'devices.unsynced_count as device_unsynced_count',
      'devices.clock_offset_s as device_clock_offset_s',
      'sessions.expires_at',
      'sessions.revoked_at',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst()
  if (!row)
    return undefined
  return {
    tokenHash: row.token_hash,
    staffId: row.staff_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    staffDisabled: row.disabled === 1,
    deviceId: row.device_id,
    deviceRevokedAt: row.device_revoked_at,
    deviceLastSeenAt: row.device_last_seen_at,
    deviceUnsyncedCount: Number(row.device_unsynced_count),
    deviceClockOffsetMs: clockOffsetFromColumn(row.device_clock_offset_s),
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  }
}

export async function insertSession(db: Executor, session: { tokenHash: string, staffId: string, deviceId: string, createdAt: string, expiresAt: string }): Promise<void> {
  await db.insertInto('sessions').values({
    token_hash: session.tokenHash,
    staff_id: session.staffId,
    device_id: session.deviceId,
    created_at: session.createdAt,
    expires_at: session.expiresAt,
    revoked_at: null,
  }).execute()
}

export async function revokeSession(db: Executor, tokenHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: at }).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).execute()
}

/** Ends every open session of a staff member; answers how many there were. */
export async function revokeSessionsOfStaff(db: Executor, staffId: string, at: string): Promise<number> {
  const result = await db.updateTable('sessions').set({ revoked_at: at }).where('staff_id', '=', staffId).where('revoked_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Ends every open session of a staff member but one (the one that asked); answers how many there were. */
export async function revokeOtherSessionsOfStaff(db: Executor, staffId: string, keepTokenHash: string, at: string): Promise<number> {
  const result = await db.updateTable('sessions').set({ revoked_at: at }).where('staff_id', '=', staffId).where('token_hash', '!=', keepTokenHash).where('revoked_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Ends every open session on a device; answers how many there were. */
export async function revokeSessionsOfDevice(db: Executor, deviceId: string, at: string): Promise<number> {
  const result = await db.updateTable('sessions').set({ revoked_at: at }).where('device_id', '=', deviceId).where('revoked_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows)
}
