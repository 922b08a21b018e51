import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { dialectOf } from '../dialect'

/**
 * Duplicate reconciliation (DESIGN.md §6). `dedup_keys` is the blocking index: each
 * application's blocking keys, stored as keyed hashes (they hold ID numbers and mobiles),
 * looked up by key at ingest — never a scan. A member's keys are those of the application
 * it came from, refreshed when a resolution updates the member.
 *
 * Candidates gain the application behind the other record (a member's own application), so
 * a "different person" verdict holds for the pair whichever side it is seen from and after
 * the other application becomes a member; and the field-by-field comparison for the desk.
 * `dedup_scan` holds the re-scan's progress, so an interrupted scan resumes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // On SQLite the table is its primary key (WITHOUT ROWID): one B-tree fewer to write for
  // the eight or so random keys every pushed application adds.
  const keys = db.schema.createTable('dedup_keys')
    .addColumn('key', 'text', col => col.notNull())
    .addColumn('application_id', 'text', col => col.notNull())
    .addPrimaryKeyConstraint('dedup_keys_pk', ['key', 'application_id'])
  await (dialectOf(db) === 'sqlite' ? keys.modifyEnd(sql`without rowid`) : keys).execute()
  await db.schema.createIndex('dedup_keys_application').on('dedup_keys').column('application_id').execute()

  await db.schema.alterTable('duplicate_candidates').addColumn('other_application_id', 'text').execute()
  await db.schema.alterTable('duplicate_candidates').addColumn('comparison', 'text').execute()
  await db.schema.createIndex('duplicate_candidates_other').on('duplicate_candidates').columns(['other_application_id', 'application_id']).execute()

  await db.schema.createTable('dedup_scan')
    .addColumn('name', 'text', col => col.primaryKey())
    .addColumn('rules_version', 'integer', col => col.notNull())
    .addColumn('phase', 'text', col => col.notNull())
    .addColumn('after_submitted_at', 'text')
    .addColumn('after_id', 'text')
    .addColumn('done', 'integer', col => col.notNull())
    .addColumn('total', 'integer', col => col.notNull())
    .addColumn('started_at', 'text', col => col.notNull())
    .addColumn('finished_at', 'text')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dedup_scan').execute()
  await db.schema.dropIndex('duplicate_candidates_other').execute()
  await db.schema.alterTable('duplicate_candidates').dropColumn('comparison').execute()
  await db.schema.alterTable('duplicate_candidates').dropColumn('other_application_id').execute()
  await db.schema.dropIndex('dedup_keys_application').execute()
  await db.schema.dropTable('dedup_keys').execute()
}
