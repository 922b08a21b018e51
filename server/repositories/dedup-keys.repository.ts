import type { Executor } from './types'
import { sql } from 'kysely'

/**
 * The blocking index (`dedup_keys`): which applications hold which hashed blocking key.
 * A member is found through the application it came from.
 */

const CHUNK = 400

/** The application's keys become exactly `keys` (`isNew`: it has none yet, nothing to delete). */
export async function replaceDedupKeys(db: Executor, applicationId: string, keys: readonly string[], isNew = false): Promise<void> {
  if (!isNew)
    await db.deleteFrom('dedup_keys').where('application_id', '=', applicationId).execute()
  await insertDedupKeys(db, keys.map(key => ({ key, application_id: applicationId })))
}

export async function insertDedupKeys(db: Executor, rows: ReadonlyArray<{ key: string, application_id: string }>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.insertInto('dedup_keys').values(rows.slice(i, i + CHUNK)).onConflict(oc => oc.columns(['key', 'application_id']).doNothing()).execute()
  }
}

/**
 * Applications (other than `excludeId`) sharing any of `keys`, in one query, those sharing
 * the most keys first. A key shared by very many records (a site's shared phone, a namesake
 * born on 1 January) says little: at most `perKeyLimit` holders per key are taken, and at
 * most `limit` in all, so hot keys cannot make a look-up slow.
 */
export async function applicationsSharingKeys(db: Executor, keys: readonly string[], excludeId: string, { perKeyLimit = 50, limit = 100 } = {}): Promise<string[]> {
  if (!keys.length)
    return []
  // row_number() over the primary key's own order: each key is a short range scan.
  const { rows } = await sql<{ application_id: string }>`
    select application_id from (
      select application_id, row_number() over (partition by key order by application_id) as n
      from dedup_keys where key in (${sql.join(keys)})
    ) ranked where n <= ${perKeyLimit + 1}`.execute(db)
  const shared = new Map<string, number>()
  for (const { application_id: id } of rows) {
    if (id !== excludeId)
      shared.set(id, (shared.get(id) ?? 0) + 1)
  }
  return [...shared].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([id]) => id)
}
