import type { DatabaseHandle } from '../../server/db/database'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import { createDatabase } from '../../server/db/database'
import { migrateTo, migrateToLatest } from '../../server/db/migrate'

/**
 * Real databases for integration tests: a fresh SQLite file in a temporary folder, or a
 * fresh database on the test PostgreSQL cluster. Each call gives an empty, migrated
 * database that nothing else touches.
 */

export type TestDialect = 'sqlite' | 'postgres'

export const postgresUrl = inject('postgresUrl')

/** The dialects this run can test: always SQLite; PostgreSQL when the cluster is up. */
export const DIALECTS: TestDialect[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite']

export interface TestDatabase extends DatabaseHandle {
  /** The URL (PostgreSQL) or file path (SQLite), for a second process on the same database. */
  location: { databaseUrl?: string, sqlitePath: string }
  dispose: () => Promise<void>
}

/** A fresh database on `dialect`, migrated to the latest version or, with `upTo`, to the migration named (inclusive). */
export async function createTestDatabase(dialect: TestDialect, options: { upTo?: string } = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'field-enrol-test-'))
  const sqlitePath = join(dir, 'field-enrol.sqlite')
  let databaseUrl: string | undefined
  let dropDatabase = async () => {}

  if (dialect === 'postgres') {
    const created = await createEmptyPostgresDatabase()
    databaseUrl = created.databaseUrl
    dropDatabase = created.drop
  }

  const handle = createDatabase({ databaseUrl, sqlitePath, poolSize: 5 })
  await (options.upTo ? migrateTo(handle.db, options.upTo) : migrateToLatest(handle.db))
  return {
    ...handle,
    location: databaseUrl ? { databaseUrl, sqlitePath } : { sqlitePath },
    dispose: async () => {
      await handle.destroy()
      await dropDatabase()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A new database on the test cluster with nothing in it (not even migrations), and how to drop it. */
export async function createEmptyPostgresDatabase(): Promise<{ databaseUrl: string, drop: () => Promise<void> }> {
  if (!postgresUrl)
    throw new Error('PostgreSQL is not available for this run')
  const name = `fe_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: postgresUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(postgresUrl)
  url.pathname = `/${name}`
  const drop = async () => {
    const client = new pg.Client({ connectionString: postgresUrl })
    await client.connect()
    // pg's pool.end() resolves before its sockets are closed: wait for the server to see
    // them go, so that FORCE never kills a connection a pool still listens on.
    for (let i = 0; i < 50; i++) {
      const { rows } = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name])
      if (rows[0].n === 0)
        break
      await new Promise(resolve => setTimeout(resolve, 20))
    }
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await client.end()
  }
  return { databaseUrl: url.toString(), drop }
}
