import type { SqliteDatabase } from 'kysely'
import type { DialectName } from './dialect'
import type { OpenReadSnapshot } from './read-snapshot'
import type { Database } from './schema'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { postgresReadSnapshots, sqliteReadSnapshots } from './read-snapshot'
import { ImmediateSqliteDialect } from './sqlite-immediate'

/**
 * The one Kysely factory: embedded SQLite by default, PostgreSQL when a URL is given.
 *
 * SQLite runs in WAL mode with synchronous=FULL: the default NORMAL can roll back a
 * commit that was already acknowledged to a device if the power fails, and an
 * acknowledged sync is a promise that the device may now forget its copy. Foreign keys
 * are on, a busy timeout covers a second process (a CLI command) on the same file — each
 * transaction taking the write lock at its start (sqlite-immediate.ts) — and the page cache
 * is 64 MB.
 */

// PostgreSQL returns bigint (int8) as strings to avoid precision loss; our sequence
// numbers stay far below 2^53, so numbers are safe and simpler everywhere.
pg.types.setTypeParser(20, value => Number(value))

export interface DatabaseHandle {
  db: Kysely<Database>
  dialect: DialectName
  /** A consistent read-only view for long reads (exports): see read-snapshot.ts. */
  readSnapshot: OpenReadSnapshot
  destroy: () => Promise<void>
}

export interface DatabaseConfig {
  databaseUrl?: string | undefined
  sqlitePath: string
  /** PostgreSQL pool size per process. */
  poolSize?: number
}

export function openSqlite(path: string): SQLite.Database {
  if (path !== ':memory:')
    mkdirSync(dirname(path), { recursive: true })
  const sqlite = new SQLite(path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  // A row updated or deleted leaves its old bytes in its page (and a freed page keeps all of
  // its own) until something overwrites them: readable with `strings` by anyone holding the
  // file. Personal data the retention purge destroys, and ID numbers sealed under a key that
  // was rotated, must not stay there: SQLite zeroes what it frees (earlier copies of a page
  // in the WAL go when the purge empties it: retention.service.ts).
  sqlite.pragma('secure_delete = ON')
  sqlite.pragma('busy_timeout = 5000')
  // The default page cache is 2 MB; inserts into random-keyed indexes (UUIDs, hashes) over
  // hundreds of thousands of rows then read pages from the OS on nearly every row.
  sqlite.pragma('cache_size = -65536')
  sqlite.pragma('temp_store = MEMORY')
  // A pushed batch of 100 writes ~1,450 WAL pages (random-keyed indexes), so the default
  // (checkpoint past 1,000 pages) ran a checkpoint — database writes and a second fsync —
  // inside nearly every commit. Every ~10,000 pages (~40 MB of WAL) instead: pages written
  // by several batches are copied once. Durability is the WAL's fsync at commit, unchanged.
  sqlite.pragma('wal_autocheckpoint = 10000')
  return sqlite
}

/**
 * Kysely prepares every statement anew; preparing costs about as much as running a
 * simple indexed query. The query shapes are few, so their statements are kept and reused
 * (Kysely runs one statement at a time on this connection, which makes reuse safe).
 */
function withStatementCache(sqlite: SQLite.Database, limit = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      let statement = cache.get(sql)
      if (!statement) {
        statement = sqlite.prepare(sql)
        if (cache.size >= limit)
          cache.delete(cache.keys().next().value!)
        cache.set(sql, statement)
      }
      return statement as unknown as ReturnType<SqliteDatabase['prepare']>
    },
  }
}

export function createDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize ?? 10 })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, dialect: 'postgres', readSnapshot: postgresReadSnapshots(db), destroy: () => db.destroy() }
  }
  const sqlite = openSqlite(config.sqlitePath)
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) })
  return { db, dialect: 'sqlite', readSnapshot: sqliteReadSnapshots(config.sqlitePath), destroy: () => db.destroy() }
}

/** One round trip: whether the database can be reached at all (a refused connection, a wrong password, an unknown database), before migrations name a migration instead. */
export async function probeDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db)
}
