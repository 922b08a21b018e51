import type { Executor } from './types'

/**
 * The blocking index (`dedup_keys`): which applications hold which hashed blocking key.
 * A member is found through the application it came from.
 */

const CHUNK = 400

/** The application's keys become exactly `keys`. */
export async function replaceDedupKeys(db: Executor, applicationId: string, keys: readonly string[]): Promise<void> {
  await db.deleteFrom('dedup_keys').where('application_id', '=', applicationId).execute()
  await insertDedupKeys(db, keys.map(key => ({ key, application_id: applicationId })))
}

export async function insertDedupKeys(db: Executor, rows: ReadonlyArray<{ key: string, application_id: string }>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.insertInto('dedup_keys').values(rows.slice(i, i + CHUNK)).onConflict(oc => oc.columns(['key', 'application_id']).doNothing()).execute()
  }
}

/**
 * Applications (other than `excludeId`) sharing any of `keys`. A key shared by very many
 * records (a site's shared phone, a namesake born on 1 January) says little: at most
 * `perKeyLimit` holders per key are taken, so one hot key cannot make a look-up slow.
 */
export async function applicationsSharingKeys(db: Executor, keys: readonly string[], excludeId: string, perKeyLimit = 50): Promise<string[]> {
  if (!keys.length)
    return []
  const found = new Set<string>()
  // One query per key: each is a short range scan of the primary key, and the limit applies per key.
  for (const key of keys) {
    const rows = await db.selectFrom('dedup_keys').select('application_id').where('key', '=', key).limit(perKeyLimit + 1).execute()
    for (const row of rows) {
      if (row.application_id !== excludeId)
        found.add(row.application_id)
    }
  }
  return [...found]
}
