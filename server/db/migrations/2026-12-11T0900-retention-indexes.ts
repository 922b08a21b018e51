import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { dialectOf } from '../dialect'

/**
 * What the retention purge deletes by, indexed. Each batch of 100 is one transaction that
 * holds the database's write lock (tablets' pushes wait), and it read whole tables:
 * - the change feed's entries about the purged applications (their payloads carry
 *   reviewers' notes) were found by matching every payload with LIKE — ~10 s a batch at
 *   600,000 entries. The feed now names the application in a column of its own;
 * - the answers stored for retried pushes (`mutations`) had no index on the application,
 *   so each purged application read them all.
 * Application ids are UUIDv7, made as time goes by, so both indexes grow at their right
 * edge and a push pays little for them (bench/sync-push: +11 WAL pages per batch of 100,
 * 1,277 → 1,288).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('change_feed').addColumn('application_id', 'text').execute()
  const applicationId = dialectOf(db) === 'postgres'
    ? sql`(payload::json)->>'applicationId'`
    : sql`json_extract(payload, '$.applicationId')`
  await db.updateTable('change_feed').set({ application_id: applicationId }).where('kind', '=', 'application').execute()
  await db.schema.createIndex('change_feed_application').on('change_feed').column('application_id').where('application_id', 'is not', null).execute()
  await db.schema.createIndex('mutations_application').on('mutations').column('application_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('mutations_application').execute()
  await db.schema.dropIndex('change_feed_application').execute()
  await db.schema.alterTable('change_feed').dropColumn('application_id').execute()
}
