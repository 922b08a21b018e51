import type { Role } from '#shared/status/roles'
import type { Executor } from './types'
import { sql } from 'kysely'
import { dialectOf } from '../db/dialect'
import { nextCounterValue } from './counters.repository'
import { likeLiteral } from './like-pattern'

export interface StaffRecord {
  id: string
  username: string
  displayName: string
  role: Role
  passwordHash: string
  disabled: boolean
  siteIds: string[]
}

export async function findStaffByUsername(db: Executor, username: string): Promise<StaffRecord | undefined> {
  const row = await db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst()
  if (!row)
    return undefined
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    passwordHash: row.password_hash,
    disabled: row.disabled === 1,
    siteIds: await siteIdsOf(db, row.id),
  }
}

export async function siteIdsOf(db: Executor, staffId: string): Promise<string[]> {
  const rows = await db.selectFrom('staff_sites').select('site_id').where('staff_id', '=', staffId).orderBy('site_id').execute()
  return rows.map(r => r.site_id)
}

export async function countAdmins(db: Executor): Promise<number> {
  const row = await db.selectFrom('staff').select(eb => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').executeTakeFirstOrThrow()
  return Number(row.n)
}

export interface NewStaff {
  id: string
  username: string
  displayName: string
  role: Role
  passwordHash: string
  siteIds: string[]
}

export async function insertStaff(db: Executor, staff: NewStaff, at: string): Promise<void> {
  await db.insertInto('staff').values({
    id: staff.id,
    username: staff.username,
    display_name: staff.displayName,
    role: staff.role,
    password_hash: staff.passwordHash,
    disabled: 0,
    created_at: at,
    updated_at: at,
  }).execute()
  if (staff.siteIds.length)
    await db.insertInto('staff_sites').values(staff.siteIds.map(siteId => ({ staff_id: staff.id, site_id: siteId }))).execute()
}

/** A staff account as administrators see it (never the password hash). */
export interface StaffAccount {
  id: string
  username: string
  displayName: string
  role: Role
  siteIds: string[]
  disabled: boolean
  createdAt: string
  updatedAt: string
  /** Raised by every change to the account; a change names the version it was made on. */
  version: number
}

export interface StaffFilter {
  role?: Role | undefined
  siteId?: string | undefined
  disabled?: boolean | undefined
  /** Part of the user name. */
  search?: string | undefined
}

async function siteIdsByStaff(db: Executor, staffIds: readonly string[]): Promise<Map<string, string[]>> {
  const byStaff = new Map<string, string[]>(staffIds.map(id => [id, []]))
  if (!staffIds.length)
    return byStaff
  const rows = await db.selectFrom('staff_sites').select(['staff_id', 'site_id']).where('staff_id', 'in', staffIds).orderBy('site_id').execute()
  for (const row of rows)
    byStaff.get(row.staff_id)?.push(row.site_id)
  return byStaff
}

export async function listStaff(db: Executor, filter: StaffFilter): Promise<StaffAccount[]> {
  let query = db.selectFrom('staff').select(['id', 'username', 'display_name', 'role', 'disabled', 'created_at', 'updated_at', 'version'])
  if (filter.role)
    query = query.where('role', '=', filter.role)
  if (filter.disabled !== undefined)
    query = query.where('disabled', '=', filter.disabled ? 1 : 0)
  if (filter.siteId) {
    const siteId = filter.siteId
    query = query.where(eb => eb.exists(eb.selectFrom('staff_sites').select('site_id').whereRef('staff_sites.staff_id', '=', 'staff.id').where('staff_sites.site_id', '=', siteId)))
  }
  if (filter.search)
    query = query.where(likeLiteral(dialectOf(db), 'username', '%', filter.search.toLowerCase(), '%'))
  // By the user name's characters (code points), as SQLite orders text. A PostgreSQL database
  // collates in its locale (ICU zh-CN, en_US.UTF-8), which sorts `_` before `-`, `.` and the
  // digits, or ignores punctuation outright: the same accounts came in another order there.
  const byName = dialectOf(db) === 'postgres' ? sql<string>`username collate "C"` : sql<string>`username`
  const rows = await query.orderBy(byName).execute()
  const sites = await siteIdsByStaff(db, rows.map(r => r.id))
  return rows.map(row => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    siteIds: sites.get(row.id) ?? [],
    disabled: Number(row.disabled) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  }))
}

export async function findStaffAccount(db: Executor, id: string): Promise<StaffAccount | undefined> {
  const row = await db.selectFrom('staff').select(['id', 'username', 'display_name', 'role', 'disabled', 'created_at', 'updated_at', 'version']).where('id', '=', id).executeTakeFirst()
  if (!row)
    return undefined
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    siteIds: await siteIdsOf(db, row.id),
    disabled: Number(row.disabled) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  }
}

/**
 * Changes the row and raises its version, whatever changed (a password, the sites alone:
 * the caller changes `staff_sites` in the same transaction). With `expectedVersion`, only
 * the row still at that version changes — the check and the write are one statement, so of
 * two changes made on the same version exactly one applies. False when none did.
 */
export async function updateStaff(db: Executor, id: string, changes: { displayName?: string, role?: Role, disabled?: boolean, passwordHash?: string }, at: string, expectedVersion?: number): Promise<boolean> {
  let query = db.updateTable('staff')
    .set(eb => ({
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.disabled !== undefined ? { disabled: changes.disabled ? 1 : 0 } : {}),
      ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
  if (expectedVersion !== undefined)
    query = query.where('version', '=', expectedVersion)
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export async function replaceStaffSites(db: Executor, staffId: string, siteIds: readonly string[]): Promise<void> {
  await db.deleteFrom('staff_sites').where('staff_id', '=', staffId).execute()
  if (siteIds.length)
    await db.insertInto('staff_sites').values(siteIds.map(siteId => ({ staff_id: staffId, site_id: siteId }))).execute()
}

export async function countActiveAdmins(db: Executor): Promise<number> {
  const row = await db.selectFrom('staff').select(eb => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').where('disabled', '=', 0).executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Serialises, until the transaction ends, every change that could leave no active
 * administrator (a demotion or a disabling), across processes on SQLite and PostgreSQL:
 * it takes the lock of one counter row. Without it, two administrators demoting each
 * other at once could each see the other still active and both succeed.
 */
export async function lockAdminChanges(db: Executor): Promise<void> {
  await nextCounterValue(db, 'admin_changes')
}
