import type { Kysely } from 'kysely'
import type { DialectName } from '../../server/db/dialect'
import type { Executor } from '../../server/repositories/types'
import { sql } from 'kysely'

/**
 * The database's plan for a query, as text, to assert which index serves it. On PostgreSQL
 * sequential scans are turned off for it: a test's empty table is cheapest read whole, and the
 * question is whether the index can serve the query at all.
 */
export async function queryPlan(db: Kysely<any>, dialect: DialectName, query: string): Promise<string> {
  if (dialect === 'sqlite') {
    const rows = await sql.raw<{ detail: string }>(`explain query plan ${query}`).execute(db)
    return rows.rows.map(row => row.detail).join('\n')
  }
  return db.transaction().execute(async (trx: Executor) => {
    await sql`set local enable_seqscan = off`.execute(trx)
    const rows = await sql.raw<{ 'QUERY PLAN': string }>(`explain ${query}`).execute(trx)
    return rows.rows.map(row => row['QUERY PLAN']).join('\n')
  })
}
