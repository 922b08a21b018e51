import type { Kysely } from 'kysely'

/**
 * Whether a member agreed to marketing messages (营销授权), as a column: the desk lists and
 * exports members by it (a campaign may reach only those who agreed), and withdrawing it
 * is a member operation. Existing members take what their signed consent says (the
 * application JSON's `consent.marketing`); purged members hold no consent.
 */

const CHUNK = 500

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').addColumn('marketing', 'integer', col => col.notNull().defaultTo(0)).execute()

  const members = await db.selectFrom('members').select(['id', 'data']).where('purged_at', 'is', null).execute() as Array<{ id: string, data: string }>
  const agreed = members.filter((member) => {
    try {
      return (JSON.parse(member.data) as { consent?: { marketing?: unknown } }).consent?.marketing === true
    }
    catch {
      return false
    }
  }).map(member => member.id)
  for (let i = 0; i < agreed.length; i += CHUNK)
    await db.updateTable('members').set({ marketing: 1 }).where('id', 'in', agreed.slice(i, i + CHUNK)).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').dropColumn('marketing').execute()
}
