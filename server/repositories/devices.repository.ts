import type { Executor } from './types'

export interface DeviceRecord {
  id: string
  code: string
  staffId: string
  label: string
  registeredAt: string
  lastSeenAt: string
  revokedAt: string | null
  unsyncedCount: number
}

function toRecord(row: { id: string, code: string, staff_id: string, label: string, registered_at: string, last_seen_at: string, revoked_at: string | null, unsynced_count: number }): DeviceRecord {
  return {
    id: row.id,
    code: row.code,
    staffId: row.staff_id,
    label: row.label,
    registeredAt: row.registered_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
    unsyncedCount: Number(row.unsynced_count),
  }
}

export async function findDevice(db: Executor, id: string): Promise<DeviceRecord | undefined> {
  const row = await db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toRecord(row)
}

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
  }).execute()
}

export async function isDeviceCodeTaken(db: Executor, code: string): Promise<boolean> {
  return (await db.selectFrom('devices').select('id').where('code', '=', code).executeTakeFirst()) !== undefined
}

/** Records the device's latest contact and how much work it still holds unsynced. */
export async function touchDevice(db: Executor, id: string, at: string, unsyncedCount: number | null): Promise<void> {
  await db.updateTable('devices')
    .set(unsyncedCount === null ? { last_seen_at: at } : { last_seen_at: at, unsynced_count: unsyncedCount })
    .where('id', '=', id)
    .execute()
}
