import type { Kysely } from 'kysely'

/**
 * `duplicate_candidates_naming`: the candidates that name a record, by the record. Every
 * approval reads them (they are pointed at the new member, and the open applications'
 * side of the member is reconciled), as does every rejection, member cancellation, contact
 * change and retention purge; without it each read the whole table. The index on
 * `other_application_id` cannot serve them: rows raised before that column existed may hold
 * it empty.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('duplicate_candidates_naming').on('duplicate_candidates').columns(['other_id', 'other_type']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('duplicate_candidates_naming').execute()
}
