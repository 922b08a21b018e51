import type { Kysely } from 'kysely'
import { sql } from 'kysely'

/**
 * The review queue by deadline puts what awaits review first, whichever way the deadlines
 * run: decided applications keep the deadline they had (shown as —), and sorted by it alone
 * a year of them came before today's work. The order's first key is 0 for an application
 * awaiting review (submitted, in review) and 1 otherwise; this index serves that order and
 * the overdue filter (awaiting, due before today) as one range, and replaces the plain
 * deadline index. The expression is written exactly as the queue's repository writes it
 * (AWAITING_RANK_SQL, checked by a test): a database uses an expression index only for the
 * same expression. New rows share a batch's deadline and carry rising ids, so a push
 * appends at the index's right edge.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index applications_queue_due on applications ((case when status in ('submitted', 'in_review') then 0 else 1 end), review_due_at, id)`.execute(db)
  await db.schema.dropIndex('applications_review_due').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('applications_review_due').on('applications').columns(['review_due_at', 'id']).execute()
  await db.schema.dropIndex('applications_queue_due').execute()
}
