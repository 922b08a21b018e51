import type { Kysely } from 'kysely'
import { resolve } from 'node:path'
import { sql } from 'kysely'
import { openPostgres } from './postgres-dump'

/**
 * A PostgreSQL restore in progress, marked in the database itself.
 *
 * A SQLite restore is staged under another file name and renamed into place last, so a kill
 * part-way leaves nothing a server would open. A PostgreSQL database has no such name: it
 * holds the backup's tables from the moment pg_restore commits, before the change feed is
 * moved, the restore audited and the attachments put in place. So the restore first
 * creates this one-row table in the empty database, and drops it as its very last step.
 * While it is there, no server or command opens the database (runtime.ts), and a restore
 * run again into the same data folder clears what the interrupted one wrote and starts over
 * — the marker proves that the database was empty before that restore, so nothing else is
 * lost by clearing it.
 */

const MARKER = 'field_enrol_restore_unfinished'

export interface UnfinishedRestore {
  /** The data folder the interrupted restore was putting the attachments in. */
  dataDir: string
  startedAt: string
}

/** The unfinished restore this PostgreSQL database is marked with, or null. */
export async function unfinishedRestore(db: Kysely<any>): Promise<UnfinishedRestore | null> {
  const { rows: [found] } = await sql<{ name: string | null }>`select to_regclass(${MARKER})::text as name`.execute(db)
  if (!found?.name)
    return null
  const { rows: [row] } = await sql<{ data_dir: string, started_at: string }>`select data_dir, started_at from ${sql.table(MARKER)}`.execute(db)
  return { dataDir: row?.data_dir ?? '', startedAt: row?.started_at ?? '' }
}

export async function withPostgres<T>(databaseUrl: string, work: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const db = openPostgres(databaseUrl)
  try {
    return await work(db)
  }
  finally {
    await db.destroy()
  }
}

/** In the empty database, before pg_restore writes anything. */
export function markRestoreStarted(databaseUrl: string, dataDir: string, at: Date): Promise<void> {
  return withPostgres(databaseUrl, db => db.transaction().execute(async (trx) => {
    await sql`create table ${sql.table(MARKER)} (data_dir text not null, started_at text not null)`.execute(trx)
    await sql`insert into ${sql.table(MARKER)} (data_dir, started_at) values (${resolve(dataDir)}, ${at.toISOString()})`.execute(trx)
  }))
}

/** The restore's last step: from here on servers and commands may use the database. */
export function markRestoreFinished(databaseUrl: string): Promise<void> {
  return withPostgres(databaseUrl, async (db) => {
    await sql`drop table ${sql.table(MARKER)}`.execute(db)
  })
}

/**
 * Back to the empty database the interrupted restore started from: every table it created
 * (their sequences and indexes go with them) and the marker, in one transaction.
 */
export function clearUnfinishedRestore(databaseUrl: string): Promise<void> {
  return withPostgres(databaseUrl, db => db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(trx)
    for (const { name } of rows)
      await sql`drop table if exists ${sql.table(name)} cascade`.execute(trx)
  }))
}

/** Whether an unfinished restore marked in the database was writing into `dataDir`. */
export function sameDataDir(marker: UnfinishedRestore, dataDir: string): boolean {
  return marker.dataDir === resolve(dataDir)
}
