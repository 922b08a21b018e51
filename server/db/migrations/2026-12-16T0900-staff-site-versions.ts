import type { Kysely } from 'kysely'

/**
 * Staff accounts and sites get a version, as applications, members and the programme
 * settings have: every change to the row raises it, and an administrator's change names
 * the version it was made on (If-Match), so two administrators editing the same account
 * or site no longer overwrite each other silently. Existing rows start at 1.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff').addColumn('version', 'integer', col => col.notNull().defaultTo(1)).execute()
  await db.schema.alterTable('sites').addColumn('version', 'integer', col => col.notNull().defaultTo(1)).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sites').dropColumn('version').execute()
  await db.schema.alterTable('staff').dropColumn('version').execute()
}
