import type { DatabaseConnection, Driver, SqliteDialectConfig } from 'kysely'
import { CompiledQuery, SqliteDialect, SqliteDriver } from 'kysely'

/**
 * Kysely over better-sqlite3, its transactions begun IMMEDIATE: each takes the database's
 * write lock at its start, waiting its turn (the busy timeout) while another process holds it.
 *
 * Kysely begins them DEFERRED: the first read takes a snapshot, and the first write then
 * asks for the lock. When another process (a CLI command — `seed:demo`, `dedup:scan`,
 * `retention:purge` — or a second server on the file) committed in between, the snapshot is
 * stale and SQLite refuses the write at once with SQLITE_BUSY_SNAPSHOT, which no busy timeout
 * retries: an administrator's new site failed with a 500 while `seed:demo` ran. Within one
 * process nothing changes — its one connection runs one transaction at a time — and the
 * read-only snapshots for exports are a connection of their own (read-snapshot.ts).
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig

  constructor(config: SqliteDialectConfig) {
    super(config)
    this.#config = config
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config)
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}
