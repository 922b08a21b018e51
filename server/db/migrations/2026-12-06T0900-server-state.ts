import type { Kysely } from 'kysely'

/**
 * Facts about the installation itself, by name. First: the fingerprint of the data key the
 * stored ID numbers are sealed with, so a server started with another key refuses to start
 * (it would seal new records under a key that opens none of the old ones), and
 * `npm run key:rotate` records the new one when it has re-sealed everything.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('server_state')
    .addColumn('name', 'text', col => col.primaryKey())
    .addColumn('value', 'text', col => col.notNull())
    .addColumn('updated_at', 'text', col => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('server_state').execute()
}
