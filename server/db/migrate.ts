import type { Kysely, Migration, MigrationProvider, MigrationResultSet } from 'kysely'
import { Migrator, sql, SqliteAdapter } from 'kysely'
import * as initial from './migrations/2026-11-23T1200-initial'
import * as memberCards from './migrations/2026-11-24T0900-member-cards'
import * as duplicateKeys from './migrations/2026-11-25T0900-duplicate-keys'
import * as pushIndexes from './migrations/2026-11-26T0900-push-indexes'
import * as retention from './migrations/2026-12-03T0900-retention'
import * as revisits from './migrations/2026-12-04T0900-revisits'
import * as auditActionIndex from './migrations/2026-12-05T0900-audit-action-index'
import * as serverState from './migrations/2026-12-06T0900-server-state'
import * as memberMarketing from './migrations/2026-12-07T0900-member-marketing'
import * as queueOrderIndexes from './migrations/2026-12-08T0900-queue-order-indexes'
import * as arrivalColumns from './migrations/2026-12-09T0900-arrival-columns'
import * as patternIndexes from './migrations/2026-12-10T0900-pattern-indexes'
import * as retentionIndexes from './migrations/2026-12-11T0900-retention-indexes'
import * as deviceClock from './migrations/2026-12-12T0900-device-clock'
import * as queueDeadlineOrder from './migrations/2026-12-13T0900-queue-deadline-order'
import * as mutationIdentity from './migrations/2026-12-14T0900-mutation-identity'
import * as loginAttemptKeys from './migrations/2026-12-15T0900-login-attempt-keys'
import * as staffSiteVersions from './migrations/2026-12-16T0900-staff-site-versions'
import * as duplicateResolutionNote from './migrations/2026-12-17T0900-duplicate-resolution-note'
import * as candidatesNamingIndex from './migrations/2026-12-18T0900-candidates-naming-index'

/**
 * Versioned migrations, applied at start-up on SQLite and PostgreSQL alike. Listed here
 * (not read from a folder) so that they are bundled and type-checked with the server.
 * Names sort by time; add new ones at the end.
 */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-23T1200-initial': initial,
  '2026-11-24T0900-member-cards': memberCards,
  '2026-11-25T0900-duplicate-keys': duplicateKeys,
  '2026-11-26T0900-push-indexes': pushIndexes,
  '2026-12-03T0900-retention': retention,
  '2026-12-04T0900-revisits': revisits,
  '2026-12-05T0900-audit-action-index': auditActionIndex,
  '2026-12-06T0900-server-state': serverState,
  '2026-12-07T0900-member-marketing': memberMarketing,
  '2026-12-08T0900-queue-order-indexes': queueOrderIndexes,
  '2026-12-09T0900-arrival-columns': arrivalColumns,
  '2026-12-10T0900-pattern-indexes': patternIndexes,
  '2026-12-11T0900-retention-indexes': retentionIndexes,
  '2026-12-12T0900-device-clock': deviceClock,
  '2026-12-13T0900-queue-deadline-order': queueDeadlineOrder,
  '2026-12-14T0900-mutation-identity': mutationIdentity,
  '2026-12-15T0900-login-attempt-keys': loginAttemptKeys,
  '2026-12-16T0900-staff-site-versions': staffSiteVersions,
  '2026-12-17T0900-duplicate-resolution-note': duplicateResolutionNote,
  '2026-12-18T0900-candidates-naming-index': candidatesNamingIndex,
}

/** Every migration this server knows, oldest first: a database (or a backup) at any of them can be opened. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS)

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  // Nothing to do, as on every start but the first after an update: no write lock is taken
  // (see migrateSqlite), so a command never waits behind a server's long write for nothing.
  if (await allApplied(db))
    return
  await migrate(db, migrator => migrator.migrateToLatest())
}

async function allApplied(db: Kysely<any>): Promise<boolean> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true })
  if (!tables.some(table => table.name === 'kysely_migration'))
    return false
  const applied = new Set((await db.selectFrom('kysely_migration').select('name').execute()).map(row => String(row.name)))
  return MIGRATION_NAMES.every(name => applied.has(name))
}

/** Up (or down) to the migration named, inclusive: how tests build a database as an older release left it. */
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  if (!(name in MIGRATIONS))
    throw new Error(`No migration named ${name}`)
  await migrate(db, migrator => migrator.migrateTo(name))
}

async function migrate(db: Kysely<any>, run: (migrator: Migrator) => Promise<MigrationResultSet>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter)
    return migrateSqlite(db, run)
  await runMigrator(db, run)
}

async function runMigrator(db: Kysely<any>, run: (migrator: Migrator) => Promise<MigrationResultSet>): Promise<void> {
  const { error, results } = await run(new Migrator({ db, provider }))
  const failed = results?.find(result => result.status === 'Error')
  if (error || failed)
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`)
}

/**
 * On SQLite, Kysely's migration lock is no lock at all (it guards one connection, not the
 * file), and its migrations run outside a transaction: two processes opening a fresh data
 * folder at once (two `npm run seed:demo`, a server and a command) both ran the first
 * migration, and the second stopped on `table "staff" already exists`. Run under BEGIN
 * IMMEDIATE, they take the file's write lock in turn (the second waits, busy_timeout), the
 * second finds the work done — and a migration that fails leaves nothing half-made.
 * (PostgreSQL's adapter takes an advisory lock and migrates in a transaction itself.)
 */
async function migrateSqlite(db: Kysely<any>, run: (migrator: Migrator) => Promise<MigrationResultSet>): Promise<void> {
  await db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection)
    try {
      await runMigrator(connection, run)
    }
    catch (error) {
      await sql`rollback`.execute(connection)
      throw error
    }
    await sql`commit`.execute(connection)
  })
}

/**
 * Whether the database holds a Field Enrol schema (any migration applied). The server makes
 * one in an empty database at its first start; a command that works on existing data must
 * not — an empty database is a mistyped DATABASE_URL (or DATA_DIR), and migrating it would
 * leave tables in someone else's database and report work done on nothing.
 */
export async function hasAppliedMigrations(db: Kysely<any>): Promise<boolean> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true })
  if (!tables.some(table => table.name === 'kysely_migration'))
    return false
  return (await db.selectFrom('kysely_migration').select('name').limit(1).executeTakeFirst()) !== undefined
}
