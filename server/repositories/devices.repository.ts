import type { DeviceKind } from '#shared/admin/device-kind'
import type { Executor } from './types'
import { DESK_DEVICE_ID_PREFIX, deviceKind } from '#shared/admin/device-kind'
import { NOTABLE_CLOCK_OFFSET_MS } from '#shared/sync/clock-offset'
import { sql } from 'kysely'
import { MAX_INTEGER_COLUMN } from '../db/errors'

export interface DeviceRecord {
  id: string
  code: string
  staffId: string
  label: string
  registeredAt: string
  lastSeenAt: string
  revokedAt: string | null
  unsyncedCount: number
  /** How far its clock was ahead of the server's (negative: behind) at its last contact that said; null until one did. */
  clockOffsetMs: number | null
}

/** `clock_offset_s` holds whole seconds (a 32-bit column: 68 years); the API speaks milliseconds. */
export function clockOffsetFromColumn(seconds: number | null): number | null {
  return seconds === null ? null : Number(seconds) * 1000
}

function clockOffsetColumn(offsetMs: number): number {
  return Math.max(-MAX_INTEGER_COLUMN, Math.min(MAX_INTEGER_COLUMN, Math.round(offsetMs / 1000)))
}

function toRecord(row: { id: string, code: string, staff_id: string, label: string, registered_at: string, last_seen_at: string, revoked_at: string | null, unsynced_count: number, clock_offset_s: number | null }): DeviceRecord {
  return {
    id: row.id,
    code: row.code,
    staffId: row.staff_id,
    label: row.label,
    registeredAt: row.registered_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
    unsyncedCount: Number(row.unsynced_count),
    clockOffsetMs: clockOffsetFromColumn(row.clock_offset_s),
  }
}

export async function findDevice(db: Executor, id: string): Promise<DeviceRecord | undefined> {
  const row = await db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toRecord(row)
}

/**
 * Registers a device unless one with its id exists: two first sign-ins from one tablet at
 * once (a double tap, a retry after a timeout) both find none. On PostgreSQL the second
 * insert waits for the first to commit and then does nothing (the caller reads the row the
 * first wrote) instead of failing on the primary key; SQLite runs them one after another.
 */
export async function insertDevice(db: Executor, device: { id: string, code: string, staffId: string, label: string, at: string }): Promise<void> {
  await db.insertInto('devices').values({
    id: device.id,
    code: device.code,
    staff_id: device.staffId,
    label: device.label,
    registered_at: device.at,
    last_seen_at: device.at,
    revoked_at: null,
    unsynced_count: 0,
    clock_offset_s: null,
  }).onConflict(oc => oc.column('id').doNothing()).execute()
}

export async function isDeviceCodeTaken(db: Executor, code: string): Promise<boolean> {
  return (await db.selectFrom('devices').select('id').where('code', '=', code).executeTakeFirst()) !== undefined
}

/**
 * Records the device's latest contact, how much work it still holds unsynced and how far
 * its clock is off; a report the contact did not make leaves the last one standing.
 */
export async function touchDevice(db: Executor, id: string, at: string, reported: { unsyncedCount: number | null, clockOffsetMs: number | null }): Promise<void> {
  await db.updateTable('devices')
    .set({
      last_seen_at: at,
      ...(reported.unsyncedCount === null ? {} : { unsynced_count: reported.unsyncedCount }),
      ...(reported.clockOffsetMs === null ? {} : { clock_offset_s: clockOffsetColumn(reported.clockOffsetMs) }),
    })
    .where('id', '=', id)
    .execute()
}

/** A device as administrators see it, with the user name and display name of the staff member it belongs to. */
export interface DeviceListItem extends DeviceRecord {
  kind: DeviceKind
  staffUsername: string
  staffName: string
}

export async function listDevices(db: Executor, filter: { staffId?: string | undefined, revoked?: boolean | undefined }): Promise<DeviceListItem[]> {
  let query = db.selectFrom('devices').innerJoin('staff', 'staff.id', 'devices.staff_id').selectAll('devices').select(['staff.username', 'staff.display_name'])
  if (filter.staffId)
    query = query.where('devices.staff_id', '=', filter.staffId)
  if (filter.revoked !== undefined)
    query = query.where('devices.revoked_at', filter.revoked ? 'is not' : 'is', null)
  const rows = await query.orderBy('devices.registered_at', 'desc').orderBy('devices.id').execute()
  return rows.map(row => ({ ...toRecord(row), kind: deviceKind(row.id), staffUsername: row.username, staffName: row.display_name }))
}

/** Marks a device revoked; false when it already was (the first revocation time stays). */
export async function revokeDevice(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db.updateTable('devices').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** An offset is notable beyond this many of the column's seconds (shared/sync/clock-offset.ts). */
const NOTABLE_CLOCK_OFFSET_S = NOTABLE_CLOCK_OFFSET_MS / 1000

export interface DeviceSyncSummary {
  /** Tablets not revoked (desk browsers never sync: shared/admin/device-kind.ts). */
  active: number
  /** Of those, the ones that still held unsynced records at their last contact… */
  withUnsynced: number
  /** …how many records that is in all… */
  unsyncedRecords: number
  /** …and how many of them have been silent since before `silentBefore`. */
  silentWithUnsynced: number
  /** Active devices whose clock was off the server's by more than transit time at their last report. */
  clockOff: number
}

export async function deviceSyncSummary(db: Executor, silentBefore: string): Promise<DeviceSyncSummary> {
  const row = await db.selectFrom('devices')
    .where('revoked_at', 'is', null)
    // substr, not LIKE: the same on both databases whatever their case rules, and no wildcard to escape.
    .where(sql<string>`substr(id, 1, ${sql.lit(DESK_DEVICE_ID_PREFIX.length)})`, '<>', DESK_DEVICE_ID_PREFIX)
    .select(eb => [
      eb.fn.countAll<number | string>().as('active'),
      eb.fn.sum<number | string | null>(eb.case().when('unsynced_count', '>', 0).then(1).else(0).end()).as('with_unsynced'),
      eb.fn.sum<number | string | null>('unsynced_count').as('unsynced_records'),
      eb.fn.sum<number | string | null>(eb.case().when(eb.and([eb('unsynced_count', '>', 0), eb('last_seen_at', '<', silentBefore)])).then(1).else(0).end()).as('silent_with_unsynced'),
      eb.fn.sum<number | string | null>(eb.case().when(eb.or([eb('clock_offset_s', '>', NOTABLE_CLOCK_OFFSET_S), eb('clock_offset_s', '<', -NOTABLE_CLOCK_OFFSET_S)])).then(1).else(0).end()).as('clock_off'),
    ])
    .executeTakeFirstOrThrow()
  return {
    active: Number(row.active),
    withUnsynced: Number(row.with_unsynced ?? 0),
    unsyncedRecords: Number(row.unsynced_records ?? 0),
    silentWithUnsynced: Number(row.silent_with_unsynced ?? 0),
    clockOff: Number(row.clock_off ?? 0),
  }
}
