import type { Kysely } from 'kysely'

/**
 * What a stored mutation was, beside whose and on which application: its kind (`submit`,
 * `resubmit`, `withdraw`) and the version it was based on. A mutation id sent again is a retry
 * only when it is the same mutation; the same id under a withdrawal of the application it once
 * submitted (a device's bug, a tablet restored from an image) is not, and answering it with the
 * stored receipt would tell the device a withdrawal it never made was done. Null for mutations
 * stored before: those are compared by application and agent alone, as they were.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mutations').addColumn('kind', 'text').execute()
  await db.schema.alterTable('mutations').addColumn('base_version', 'integer').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mutations').dropColumn('base_version').execute()
  await db.schema.alterTable('mutations').dropColumn('kind').execute()
}
