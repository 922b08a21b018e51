import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { dialectOf } from '../dialect'

/**
 * Prefix searches (`LIKE 'FE0001%'`) on PostgreSQL. A plain b-tree index serves LIKE only
 * under the C collation; a programme's database is usually created in its country's locale
 * (zh_CN.UTF-8, en_US.UTF-8, ICU), where the members list's member-number search and the
 * audit screen's `staff.*` filter (and its count) read every row. `text_pattern_ops`
 * indexes serve them in any collation. SQLite's LIKE uses its ordinary indexes here
 * (the values are letters, digits and dots, stored in one case): nothing to do.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres')
    return
  await db.schema.createIndex('members_member_no_pattern').on('members').expression(sql`member_no text_pattern_ops`).execute()
  await db.schema.createIndex('audit_log_action_pattern').on('audit_log').expression(sql`action text_pattern_ops`).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres')
    return
  await db.schema.dropIndex('audit_log_action_pattern').execute()
  await db.schema.dropIndex('members_member_no_pattern').execute()
}
