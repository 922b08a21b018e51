import type { Kysely } from 'kysely'

/**
 * Retention (shared/archive/retention.ts): when a record's personal data is destroyed, the
 * application or member row stays as a skeleton, stamped with the time it was purged.
 * No index: the purge runs rarely and finds its records by status and age.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('purged_at', 'text').execute()
  await db.schema.alterTable('members').addColumn('purged_at', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').dropColumn('purged_at').execute()
  await db.schema.alterTable('applications').dropColumn('purged_at').execute()
}
