import type { Executor } from './types'

/**
 * Every stored record that holds sealed ID numbers — the applications (current version),
 * every earlier version, and the members — read in pages by a stable key and written
 * back, for `npm run key:rotate`. The only place with that SQL.
 */

export type SealedTable = 'applications' | 'application_versions' | 'members'

export interface SealedRecord {
  /** The record's key, ordered: the id, or "application id, version" for versions. */
  cursor: SealedCursor
  data: string
  /** The identity look-up hash beside the data (applications and members); null when the record holds none. */
  idNumberHmac: string | null
}

export type SealedCursor = readonly [string, number]

export async function readSealedPage(db: Executor, table: SealedTable, after: SealedCursor | null, limit: number): Promise<SealedRecord[]> {
  if (table === 'application_versions') {
    let query = db.selectFrom('application_versions').select(['application_id', 'version', 'data']).orderBy('application_id').orderBy('version').limit(limit)
    if (after)
      query = query.where(eb => eb.or([eb('application_id', '>', after[0]), eb.and([eb('application_id', '=', after[0]), eb('version', '>', after[1])])]))
    const rows = await query.execute()
    return rows.map(row => ({ cursor: [row.application_id, Number(row.version)] as const, data: row.data, idNumberHmac: null }))
  }
  let query = db.selectFrom(table).select(['id', 'data', 'id_number_hmac']).orderBy('id').limit(limit)
  if (after)
    query = query.where('id', '>', after[0])
  const rows = await query.execute()
  return rows.map(row => ({ cursor: [row.id, 0] as const, data: row.data, idNumberHmac: row.id_number_hmac }))
}

/**
 * Writes a record back only if it still holds `expected` (what was read): false when another
 * writer changed it meanwhile — a `retention:purge` run beside the rotation, say, whose
 * emptied record a blind write would have filled again with the personal data it destroyed.
 * (PostgreSQL reads committed data: another transaction may commit between a page's read
 * and its writes. SQLite holds one writer, and would refuse the stale write outright.)
 */
export async function writeSealedRecord(db: Executor, table: SealedTable, cursor: SealedCursor, change: { expected: string, data: string, idNumberHmac: string | null }): Promise<boolean> {
  if (table === 'application_versions') {
    const result = await db.updateTable('application_versions').set({ data: change.data }).where('application_id', '=', cursor[0]).where('version', '=', cursor[1]).where('data', '=', change.expected).executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }
  const result = await db.updateTable(table).set({ data: change.data, id_number_hmac: change.idNumberHmac }).where('id', '=', cursor[0]).where('data', '=', change.expected).executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** One record as it is now (after a write that found it changed); undefined when it is gone. */
export async function readSealedRecord(db: Executor, table: SealedTable, cursor: SealedCursor): Promise<SealedRecord | undefined> {
  if (table === 'application_versions') {
    const row = await db.selectFrom('application_versions').select('data').where('application_id', '=', cursor[0]).where('version', '=', cursor[1]).executeTakeFirst()
    return row && { cursor, data: row.data, idNumberHmac: null }
  }
  const row = await db.selectFrom(table).select(['data', 'id_number_hmac']).where('id', '=', cursor[0]).executeTakeFirst()
  return row && { cursor, data: row.data, idNumberHmac: row.id_number_hmac }
}

export async function countSealedRecords(db: Executor): Promise<number> {
  let total = 0
  for (const table of ['applications', 'application_versions', 'members'] as const) {
    const row = await db.selectFrom(table).select(eb => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()
    total += Number(row.n)
  }
  return total
}
