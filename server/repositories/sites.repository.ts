import type { Executor } from './types'

export interface Site {
  id: string
  code: string
  name: string
  regionCode: string
}

export async function sitesByIds(db: Executor, ids: readonly string[]): Promise<Site[]> {
  if (!ids.length)
    return []
  const rows = await db.selectFrom('sites').select(['id', 'code', 'name', 'region_code']).where('id', 'in', ids).where('active', '=', 1).orderBy('code').execute()
  return rows.map(r => ({ id: r.id, code: r.code, name: r.name, regionCode: r.region_code }))
}

/** A site as administrators see it, inactive ones included. */
export interface SiteRecord extends Site {
  active: boolean
  createdAt: string
  /** Raised by every change to the site; a change names the version it was made on. */
  version: number
}

function toSiteRecord(row: { id: string, code: string, name: string, region_code: string, active: number, created_at: string, version: number }): SiteRecord {
  return { id: row.id, code: row.code, name: row.name, regionCode: row.region_code, active: Number(row.active) === 1, createdAt: row.created_at, version: Number(row.version) }
}

export async function listSites(db: Executor, filter: { active?: boolean | undefined }): Promise<SiteRecord[]> {
  let query = db.selectFrom('sites').selectAll()
  if (filter.active !== undefined)
    query = query.where('active', '=', filter.active ? 1 : 0)
  return (await query.orderBy('code').execute()).map(toSiteRecord)
}

export async function findSite(db: Executor, id: string): Promise<SiteRecord | undefined> {
  const row = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toSiteRecord(row)
}

export async function isSiteCodeTaken(db: Executor, code: string): Promise<boolean> {
  return (await db.selectFrom('sites').select('id').where('code', '=', code).executeTakeFirst()) !== undefined
}

/** Those of `ids` that name a site (active or not). */
export async function existingSiteIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length)
    return new Set()
  const rows = await db.selectFrom('sites').select('id').where('id', 'in', ids).execute()
  return new Set(rows.map(r => r.id))
}

export async function insertSite(db: Executor, site: Site, at: string): Promise<void> {
  await db.insertInto('sites').values({ id: site.id, code: site.code, name: site.name, region_code: site.regionCode, active: 1, created_at: at }).execute()
}

/**
 * Renames the site or switches it on or off, and raises its version. With `expectedVersion`,
 * only the row still at that version changes (check and write in one statement, so of two
 * changes made on the same version exactly one applies). False when none did.
 */
export async function updateSite(db: Executor, id: string, changes: { name?: string, active?: boolean }, expectedVersion?: number): Promise<boolean> {
  let query = db.updateTable('sites')
    .set(eb => ({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.active !== undefined ? { active: changes.active ? 1 : 0 } : {}),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
  if (expectedVersion !== undefined)
    query = query.where('version', '=', expectedVersion)
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
