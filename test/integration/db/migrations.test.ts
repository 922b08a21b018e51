import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateToLatest } from '../../../server/db/migrate'
import { createTestDatabase, DIALECTS, postgresUrl } from '../../support/databases'
import { queryPlan } from '../../support/query-plan'

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
      'server_state',
      'sessions',
      'sites',
      'staff',
      'staff_sites',
    ])
  })

  it('is idempotent: running again changes nothing', async () => {
    await migrateToLatest(database.db)
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db)
    expect(rows.rows.map(r => r.name)).toEqual(['2026-11-23T1200-initial', '2026-11-24T0900-member-cards', '2026-11-25T0900-duplicate-keys', '2026-11-26T0900-push-indexes', '2026-12-03T0900-retention', '2026-12-04T0900-revisits', '2026-12-05T0900-audit-action-index', '2026-12-06T0900-server-state', '2026-12-07T0900-member-marketing', '2026-12-08T0900-queue-order-indexes', '2026-12-09T0900-arrival-columns', '2026-12-10T0900-pattern-indexes', '2026-12-11T0900-retention-indexes', '2026-12-12T0900-device-clock', '2026-12-13T0900-queue-deadline-order', '2026-12-14T0900-mutation-identity', '2026-12-15T0900-login-attempt-keys', '2026-12-16T0900-staff-site-versions', '2026-12-17T0900-duplicate-resolution-note', '2026-12-18T0900-candidates-naming-index'])
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

describe.each(DIALECTS)('the re-visits migration on %s', (dialect) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>

  beforeAll(async () => {
    database = await createTestDatabase(dialect, { upTo: '2026-12-03T0900-retention' })
  })
  afterAll(() => database.dispose())

  /** A member as the release before re-visits stored it (with the application it references). */
  async function insertOldMember(id: string, status: string, createdAt: string, purgedAt: string | null = null): Promise<void> {
    const db = database.db as any
    await db.insertInto('applications').values({ id: `app-${id}`, receipt_no: `R-${id}`, version: 1, status: 'approved', applicant_type: 'individual', category: 'regular', site_id: 'site-1', agent_id: 'agent-1', device_id: 'device-1', form_version: 1, data: '{}', display_name: '', mobile: '', warnings: '[]', attachments_complete: 1, captured_at: createdAt, submitted_at: createdAt, updated_at: createdAt, review_due_at: createdAt }).execute()
    await db.insertInto('members').values({ id, member_no: `FE${id}`, application_id: `app-${id}`, applicant_type: 'individual', category: 'regular', site_id: 'site-1', display_name: '', mobile: '', data: '{}', status, card_status: 'pending', valid_from: createdAt.slice(0, 10), valid_until: '2099-01-01', version: 1, created_at: createdAt, updated_at: createdAt, purged_at: purgedAt }).execute()
  }

  it('makes members who joined before it due 30 days after the day they joined in China; cancelled and purged ones never', async () => {
    await insertOldMember('1', 'active', '2026-11-23T02:00:00.000Z')
    // 20:00 UTC on 30 November is 1 December in China.
    await insertOldMember('2', 'frozen', '2026-11-30T20:00:00.000Z')
    await insertOldMember('3', 'cancelled', '2026-11-23T02:00:00.000Z')
    await insertOldMember('4', 'cancelled', '2026-11-23T02:00:00.000Z', '2026-12-01T00:00:00.000Z')
    await migrateToLatest(database.db)
    const rows = await database.db.selectFrom('members').select(['id', 'revisit_due']).orderBy('id').execute()
    expect(rows).toEqual([
      { id: '1', revisit_due: '2026-12-23' },
      { id: '2', revisit_due: '2026-12-31' },
      { id: '3', revisit_due: null },
      { id: '4', revisit_due: null },
    ])
  })
})

describe.each(DIALECTS)('the marketing-consent migration on %s', (dialect) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>

  beforeAll(async () => {
    database = await createTestDatabase(dialect, { upTo: '2026-12-06T0900-server-state' })
  })
  afterAll(() => database.dispose())

  it('gives existing members the marketing consent their signed application holds; purged ones none', async () => {
    const db = database.db as any
    const at = '2026-11-23T02:00:00.000Z'
    const members: Array<[string, string, string | null]> = [
      ['1', JSON.stringify({ consent: { marketing: true } }), null],
      ['2', JSON.stringify({ consent: { marketing: false } }), null],
      ['3', JSON.stringify({ consent: {} }), null],
      ['4', '{}', '2026-12-01T00:00:00.000Z'],
    ]
    for (const [id, data, purgedAt] of members) {
      await db.insertInto('applications').values({ id: `app-${id}`, receipt_no: `R-${id}`, version: 1, status: 'approved', applicant_type: 'individual', category: 'regular', site_id: 'site-1', agent_id: 'agent-1', device_id: 'device-1', form_version: 1, data, display_name: '', mobile: '', warnings: '[]', attachments_complete: 1, captured_at: at, submitted_at: at, updated_at: at, review_due_at: at }).execute()
      await db.insertInto('members').values({ id, member_no: `FE${id}`, application_id: `app-${id}`, applicant_type: 'individual', category: 'regular', site_id: 'site-1', display_name: '', mobile: '', data, status: 'active', card_status: 'pending', valid_from: '2026-11-23', valid_until: '2099-01-01', version: 1, created_at: at, updated_at: at, purged_at: purgedAt }).execute()
    }
    await migrateToLatest(database.db)
    const rows = await database.db.selectFrom('members').select(['id', 'marketing']).orderBy('id').execute()
    expect(rows.map(row => [row.id, Number(row.marketing)])).toEqual([['1', 1], ['2', 0], ['3', 0], ['4', 0]])
  })
})

describe.each(DIALECTS)('the arrival-columns migration on %s', (dialect) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>

  beforeAll(async () => {
    database = await createTestDatabase(dialect, { upTo: '2026-12-08T0900-queue-order-indexes' })
  })
  afterAll(() => database.dispose())

  it('takes each application\'s arrival and first decision from its history, not from what moved since', async () => {
    const db = database.db as any
    const application = (id: string, submittedAt: string) => ({ id, receipt_no: `R-${id}`, version: 3, status: 'submitted', applicant_type: 'individual', category: 'regular', site_id: 'site-1', agent_id: 'agent-1', device_id: 'device-1', form_version: 1, data: '{}', display_name: '', mobile: '', warnings: '[]', attachments_complete: 1, captured_at: submittedAt, submitted_at: submittedAt, updated_at: submittedAt, review_due_at: '2026-12-01' })
    const event = (applicationId: string, version: number, action: string, at: string) => ({ application_id: applicationId, version, action, from_status: 'x', to_status: 'y', actor_id: 'someone', at })
    // Returned, then resubmitted (submitted_at moved on), then approved: arrival stays the ingest, decision the return.
    await db.insertInto('applications').values(application('a', '2026-11-25T09:00:00.000Z')).execute()
    await db.insertInto('application_events').values([
      event('a', 1, 'ingest', '2026-11-23T02:00:00.000Z'),
      event('a', 2, 'start_review', '2026-11-23T03:00:00.000Z'),
      event('a', 3, 'return', '2026-11-23T05:00:00.000Z'),
      event('a', 4, 'resubmit', '2026-11-25T09:00:00.000Z'),
      event('a', 5, 'approve', '2026-11-26T01:00:00.000Z'),
    ]).execute()
    // Undecided; and one with no history at all arrives when it was submitted.
    await db.insertInto('applications').values(application('b', '2026-11-24T02:00:00.000Z')).execute()
    await db.insertInto('application_events').values(event('b', 1, 'ingest', '2026-11-24T02:00:00.000Z')).execute()
    await db.insertInto('applications').values(application('c', '2026-11-24T08:00:00.000Z')).execute()
    await migrateToLatest(database.db)
    const rows = await database.db.selectFrom('applications').select(['id', 'arrived_at', 'first_decided_at']).orderBy('id').execute()
    expect(rows).toEqual([
      { id: 'a', arrived_at: '2026-11-23T02:00:00.000Z', first_decided_at: '2026-11-23T05:00:00.000Z' },
      { id: 'b', arrived_at: '2026-11-24T02:00:00.000Z', first_decided_at: null },
      { id: 'c', arrived_at: '2026-11-24T08:00:00.000Z', first_decided_at: null },
    ])
  })
})

describe.runIf(postgresUrl)('prefix searches on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>

  beforeAll(async () => {
    database = await createTestDatabase('postgres')
  })
  afterAll(() => database.dispose())

  it('runs in a linguistic collation, as a programme\'s database does (the test cluster collates zh-CN)', async () => {
    const { rows: [collation] } = await sql<{ provider: string, locale: string | null }>`select datlocprovider as provider, daticulocale as locale from pg_database where datname = current_database()`.execute(database.db)
    expect(collation).toEqual({ provider: 'i', locale: 'zh-CN' })
  })

  it.each([
    ['the members list by member-number prefix', `select id from members where member_no like 'FE0001%'`, 'members_member_no_pattern'],
    ['the audit screen by action prefix', `select count(*) from audit_log where action like 'staff.%' escape '\\'`, 'audit_log_action_pattern'],
  ])('answers %s from an index', async (_name, query, index) => {
    const plan = await queryPlan(database.db, 'postgres', query)
    expect(plan).toContain(index)
    expect(plan).not.toContain('Seq Scan')
  })
})

describe.each(DIALECTS)('the retention-indexes migration on %s', (dialect) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>

  beforeAll(async () => {
    database = await createTestDatabase(dialect, { upTo: '2026-12-10T0900-pattern-indexes' })
  })
  afterAll(() => database.dispose())

  it('names the application of every application entry already in the feed, and of no other entry', async () => {
    const db = database.db as any
    const at = '2026-11-23T02:00:00.000Z'
    await db.insertInto('change_feed').values([
      { seq: 1, kind: 'application', agent_id: 'agent-1', device_id: null, payload: JSON.stringify({ kind: 'application', applicationId: 'app-1', status: 'submitted' }), created_at: at },
      { seq: 2, kind: 'reference', agent_id: null, device_id: null, payload: JSON.stringify({ what: 'programme', version: 2 }), created_at: at },
      { seq: 3, kind: 'application', agent_id: 'agent-1', device_id: null, payload: JSON.stringify({ kind: 'application', applicationId: 'app-2', status: 'rejected', decisionNote: '电话无法接通' }), created_at: at },
    ]).execute()
    await migrateToLatest(database.db)
    const rows = await database.db.selectFrom('change_feed').select(['seq', 'application_id']).orderBy('seq').execute()
    expect(rows.map(row => [Number(row.seq), row.application_id])).toEqual([[1, 'app-1'], [2, null], [3, 'app-2']])
  })
})

describe.each(DIALECTS)('the login-attempt-keys migration on %s', (dialect) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>

  beforeAll(async () => {
    database = await createTestDatabase(dialect, { upTo: '2026-12-14T0900-mutation-identity' })
  })
  afterAll(() => database.dispose())

  it('drops the failure counts kept under a name as typed (often a password), and keeps those by address', async () => {
    const at = '2026-12-06T02:00:00.000Z'
    await database.db.insertInto('login_attempts').values([
      { key: 'user:correct horse battery', failures: 1, window_started_at: at, locked_until: null },
      { key: 'user:agent.li', failures: 5, window_started_at: at, locked_until: '2026-12-06T02:15:00.000Z' },
      { key: 'ip:192.0.2.7', failures: 6, window_started_at: at, locked_until: null },
    ]).execute()
    await migrateToLatest(database.db)
    const rows = await database.db.selectFrom('login_attempts').select(['key', 'failures']).execute()
    expect(rows).toEqual([{ key: 'ip:192.0.2.7', failures: 6 }])
  })
})
