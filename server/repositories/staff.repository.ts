import type { Role } from '#shared/status/roles'
import type { Executor } from './types'

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
