import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateToLatest } from '../../../server/db/migrate'
import { createTestDatabase, DIALECTS } from '../../support/databases'

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>

  beforeAll(async () => {
    database = await createTestDatabase(dialect)
  })
  afterAll(() => database.dispose())

  it('creates every table', async () => {
    const tables = (await database.db.introspection.getTables()).map(t => t.name).filter(n => !n.startsWith('kysely_'))
    expect(tables.sort()).toEqual([
      'application_attachments',
      'application_events',
      'application_versions',
      'applications',
      'attachments',
      'audit_log',
      'change_feed',
      'counters',
      'dedup_keys',
      'dedup_scan',
      'devices',
      'duplicate_candidates',
      'login_attempts',
      'member_changes',
      'members',
      'mutations',
      'programme_settings',
      'sessions',
      'sites',
      'staff',
      'staff_sites',
    ])
  })

  it('is idempotent: running again changes nothing', async () => {
    await migrateToLatest(database.db)
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db)
    expect(rows.rows.map(r => r.name)).toEqual(['2026-11-23T1200-initial', '2026-11-24T0900-member-cards', '2026-11-25T0900-duplicate-keys', '2026-11-26T0900-push-indexes', '2026-12-03T0900-retention'])
  })

  it.runIf(dialect === 'sqlite')('runs SQLite in WAL mode with synchronous=FULL and foreign keys on', async () => {
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db)
    const synchronous = await sql<{ synchronous: number }>`pragma synchronous`.execute(database.db)
    const foreignKeys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(database.db)
    expect(journal.rows[0]?.journal_mode).toBe('wal')
    expect(synchronous.rows[0]?.synchronous).toBe(2)
    expect(foreignKeys.rows[0]?.foreign_keys).toBe(1)
  })
})
