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
 * The applications holding each of `keys`, in one query. A key shared by very many records
 * (a site's shared phone, a namesake born on 1 January) says little: at most `perKeyLimit`
 * holders per key are read, so one hot key cannot make a look-up slow.
 */
export async function holdersOfKeys(db: Executor, keys: readonly string[], perKeyLimit = 50): Promise<Map<string, string[]>> {
  const holders = new Map<string, string[]>()
  for (let i = 0; i < keys.length; i += CHUNK) {
    // row_number() over the primary key's own order: each key is a short range scan.
    const { rows } = await sql<{ key: string, application_id: string }>`
      select key, application_id from (
        select key, application_id, row_number() over (partition by key order by application_id) as n
        from dedup_keys where key in (${sql.join(keys.slice(i, i + CHUNK))})
      ) ranked where n <= ${perKeyLimit + 1}`.execute(db)
    for (const row of rows) {
      const list = holders.get(row.key)
      if (list)
        list.push(row.application_id)
      else
        holders.set(row.key, [row.application_id])
    }
  }
  return holders
}

/** Application ids, those named most often first (they share the most keys), at most `limit`. */
export function mostShared(ids: Iterable<string>, limit = 100): string[] {
  const counts = new Map<string, number>()
  for (const id of ids)
    counts.set(id, (counts.get(id) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([id]) => id)
}

/** Applications (other than `excludeId`) sharing any of `keys`, those sharing the most first, at most 100. */
export async function applicationsSharingKeys(db: Executor, keys: readonly string[], excludeId: string): Promise<string[]> {
  if (!keys.length)
    return []
  const holders = await holdersOfKeys(db, keys)
  return mostShared(keys.flatMap(key => holders.get(key) ?? []).filter(id => id !== excludeId))
}
