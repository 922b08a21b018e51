import type { Kysely } from 'kysely'

/**
 * `duplicate_candidates.resolution_note`: the reviewer's note on a verdict (why two records
 * are different people, 夫妻共用手机). The resolution accepted a note and kept it only for a
 * same-person verdict, as the rejection's note; a different-person verdict's was lost.
 * Null for candidates resolved before, without a note, or not resolved.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('duplicate_candidates').addColumn('resolution_note', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('duplicate_candidates').dropColumn('resolution_note').execute()
}
