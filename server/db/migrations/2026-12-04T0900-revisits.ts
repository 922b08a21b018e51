import type { Kysely } from 'kysely'

/**
 * Re-visits (回访, shared/members/revisit.ts): each member carries the date its next
 * re-visit is due, indexed for the desk's list of members to call. Members that exist
 * already are due 30 days (the default first re-visit) after the day they joined; cancelled
 * and purged members are never due. The dates are computed here rather than by the shared
 * rule, so this migration does the same thing whatever the rule later becomes.
 */

const FIRST_AFTER_DAYS = 30
const CHINA_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000
const CHUNK = 500

/** The China date `days` after the instant `iso`. */
function chinaDatePlus(iso: string, days: number): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10)
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').addColumn('revisit_due', 'text').execute()
  await db.schema.createIndex('members_revisit_due').on('members').column('revisit_due').execute()

  const members = await db.selectFrom('members').select(['id', 'created_at']).where('status', '<>', 'cancelled').where('purged_at', 'is', null).execute() as Array<{ id: string, created_at: string }>
  const byDate = new Map<string, string[]>()
  for (const member of members) {
    const due = chinaDatePlus(member.created_at, FIRST_AFTER_DAYS)
    byDate.set(due, [...byDate.get(due) ?? [], member.id])
  }
  for (const [due, ids] of byDate) {
    for (let i = 0; i < ids.length; i += CHUNK)
      await db.updateTable('members').set({ revisit_due: due }).where('id', 'in', ids.slice(i, i + CHUNK)).execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('members_revisit_due').execute()
  await db.schema.alterTable('members').dropColumn('revisit_due').execute()
}
