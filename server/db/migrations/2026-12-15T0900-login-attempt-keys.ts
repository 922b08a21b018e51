import type { Kysely } from 'kysely'

/**
 * Failed sign-ins are counted per user name under the name's keyed hash
 * (server/services/login-throttle.ts). The counts kept before held the name as typed — often
 * a password typed into the name field — and outlive their lock: they are dropped. A count
 * or a lock under way starts again (a lock lasts 15 minutes; the upgrade restarts the server).
 * Nothing to restore going down: a count kept as typed is what this removes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', 'like', 'user:%').execute()
}

export async function down(_db: Kysely<any>): Promise<void> {}
