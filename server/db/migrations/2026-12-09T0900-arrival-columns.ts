import type { Kysely } from 'kysely'
import { sql } from 'kysely'

/**
 * When each application first reached the server (`arrived_at`: its `ingest` event) and
 * when it was first decided (`first_decided_at`: its first approve, reject or return), on
 * the application itself, with one index the statistics read alone. Until now the
 * statistics walked the status history and joined every arrival back to its application:
 * ~3 s for a year of 200,000 applications (bench/desk-queries.bench.ts). Both columns are
 * written once: at the first push, and with the first decision's event
 * (application-history.repository.ts). Existing applications take them from their history.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('arrived_at', 'text').execute()
  await db.schema.alterTable('applications').addColumn('first_decided_at', 'text').execute()
  await sql`update applications set
    arrived_at = coalesce((select min(e.at) from application_events e where e.application_id = applications.id and e.action = 'ingest'), submitted_at),
    first_decided_at = (select min(e.at) from application_events e where e.application_id = applications.id and e.action in ('approve', 'reject', 'return'))`.execute(db)
  await db.schema.createIndex('applications_arrivals').on('applications').columns(['arrived_at', 'site_id', 'agent_id', 'status', 'review_due_at', 'first_decided_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('applications_arrivals').execute()
  await db.schema.alterTable('applications').dropColumn('first_decided_at').execute()
  await db.schema.alterTable('applications').dropColumn('arrived_at').execute()
}
