import type { Kysely } from 'kysely'

/**
 * The audit log by action, newest last: the administrator's overview asks for the latest
 * `backup.create` on every visit, and the audit screen filters by action. Without it both
 * walk the whole log backwards — every entry, when there has never been a backup. Pushes
 * write no audit entries, so this costs the sync path nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'seq']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_action').execute()
}
