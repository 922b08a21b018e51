import type { Kysely } from 'kysely'

/**
 * Member cards and desk statistics. Card numbers are handed out by a counter, and this
 * unique index is the backstop that no two members ever hold the same number (both
 * databases allow any number of NULLs — members without a card — in a unique index).
 * The other indexes serve the statistics and exports: members by site and status,
 * and the first decision on an application (status events by action and time).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('members_card_no').on('members').column('card_no').unique().execute()
  await db.schema.createIndex('members_site_status').on('members').columns(['site_id', 'status']).execute()
  await db.schema.createIndex('application_events_action_at').on('application_events').columns(['action', 'at']).execute()
  await db.schema.createIndex('duplicate_candidates_created').on('duplicate_candidates').column('created_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['duplicate_candidates_created', 'application_events_action_at', 'members_site_status', 'members_card_no'])
    await db.schema.dropIndex(index).execute()
}
