import type { Database } from './schema'
import SQLite from 'better-sqlite3'
import { Kysely, sql, SqliteDialect } from 'kysely'

/**
 * A read-only view of the database frozen at one moment, for work that reads for long
 * while others write: an export of a million rows. Read page by page on the shared
 * connection, a row whose sort date moved during the download (a resubmission) was written
 * twice or not at all, and the file could hold fewer rows than `X-Total-Rows` promised.
 * Inside a snapshot the count and every page see the same rows.
 *
 * - SQLite: a second, read-only connection to the file holding one read transaction. WAL
 *   lets the writer go on meanwhile; checkpoints cannot pass the snapshot until it ends.
 * - PostgreSQL: a REPEATABLE READ, READ ONLY transaction on one connection of the pool.
 *
 * A snapshot must be released (release is idempotent). Few may be open at once: each holds
 * a pool connection (PostgreSQL) or keeps the WAL from being recycled (SQLite).
 */

export interface ReadSnapshot {
  db: Kysely<Database>
  release: () => Promise<void>
}

export type OpenReadSnapshot = () => Promise<ReadSnapshot>

/** `release`, run the first time it is called; later calls wait for that one. */
export function releasedOnce(release: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null
  return () => (done ??= release())
}

export function sqliteReadSnapshots(path: string): OpenReadSnapshot {
  return async () => {
    const sqlite = new SQLite(path, { readonly: true, fileMustExist: true })
    sqlite.pragma('busy_timeout = 5000')
    sqlite.exec('BEGIN')
    // A deferred transaction takes its snapshot at its first read: take it now, not at the first page.
    sqlite.prepare('select count(*) from sqlite_schema').get()
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
    return { db, release: releasedOnce(() => db.destroy()) }
  }
}

export function postgresReadSnapshots(db: Kysely<Database>): OpenReadSnapshot {
  return async () => {
    const trx = await db.startTransaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute()
    // REPEATABLE READ takes its snapshot at the first statement: take it now.
    await sql`select 1`.execute(trx)
    return { db: trx, release: releasedOnce(() => trx.rollback().execute()) }
  }
}
