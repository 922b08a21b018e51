import pg from 'pg'
import { openSqlite } from '../server/db/database'

/**
 * Copies seeded tables from a SQLite file into a migrated PostgreSQL database, so a
 * benchmark seeds once, quickly, with prepared SQLite statements and measures both
 * databases on the same rows. Both schemas come from the same migrations, so the columns
 * match by name; each chunk goes over as one JSON parameter that PostgreSQL unpacks into
 * the table's own types (json_populate_recordset), then every serial id's sequence is
 * moved past the copied ids.
 */

const ROWS_PER_CHUNK = 5_000

export async function copyTablesToPostgres(sqlitePath: string, databaseUrl: string, tables: readonly string[]): Promise<number> {
  const sqlite = openSqlite(sqlitePath)
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  let copied = 0
  try {
    for (const table of tables) {
      const flush = async (rows: unknown[]): Promise<void> => {
        // The table name comes from the benchmark's own list, never from input.
        await client.query(`insert into ${table} select * from json_populate_recordset(null::${table}, $1::json)`, [JSON.stringify(rows)])
        copied += rows.length
      }
      await client.query('begin')
      let chunk: unknown[] = []
      for (const row of sqlite.prepare(`select * from ${table}`).iterate()) {
        chunk.push(row)
        if (chunk.length === ROWS_PER_CHUNK) {
          await flush(chunk)
          chunk = []
        }
      }
      if (chunk.length)
        await flush(chunk)
      const serials = await client.query<{ column: string, sequence: string }>(
        `select column_name as column, pg_get_serial_sequence(table_name, column_name) as sequence
           from information_schema.columns where table_name = $1 and column_default like 'nextval%'`,
        [table],
      )
      for (const { column, sequence } of serials.rows)
        await client.query(`select setval($1, coalesce((select max(${column}) from ${table}), 0) + 1, false)`, [sequence])
      await client.query('commit')
    }
    await client.query('analyze')
  }
  finally {
    await client.end()
    sqlite.close()
  }
  return copied
}
