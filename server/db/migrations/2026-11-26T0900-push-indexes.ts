import type { Kysely } from 'kysely'

/**
 * Applications were indexed by mobile and by the ID number's keyed hash for the first
 * duplicate checks; the blocking keys (`dedup_keys`) took that over, and members keep
 * their own indexes for search. Both keys are random, so every pushed application
 * dirtied two more index pages in the WAL for look-ups nothing makes any more.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('applications_id_hmac').execute()
  await db.schema.dropIndex('applications_mobile').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('applications_id_hmac').on('applications').column('id_number_hmac').execute()
  await db.schema.createIndex('applications_mobile').on('applications').column('mobile').execute()
}
