import type { Kysely } from 'kysely'

/**
 * The review queue in its two time orders, whatever the filter: by submission (the
 * default, and a supervisor's "everything, newest first") and by review deadline. Without
 * them a page of a year's applications sorted every row first — ~160 ms for page 1 and
 * ~600 ms for page 200 at 200,000 applications (bench/desk-queries.bench.ts). Both columns
 * grow with time, so a push appends at the indexes' right edge.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('applications_submitted').on('applications').columns(['submitted_at', 'id']).execute()
  await db.schema.createIndex('applications_review_due').on('applications').columns(['review_due_at', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('applications_review_due').execute()
  await db.schema.dropIndex('applications_submitted').execute()
}
