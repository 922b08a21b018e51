import type { Executor } from './types'

/** The `server_state` table: facts about the installation by name. The only place with its SQL. */

export type ServerStateName = 'data_key_fingerprint' | 'demo_seeded' | 'server_heartbeat' | 'key_rotation'

export async function readServerState(db: Executor, name: ServerStateName): Promise<string | undefined> {
  const row = await db.selectFrom('server_state').select('value').where('name', '=', name).executeTakeFirst()
  return row?.value
}

export async function writeServerState(db: Executor, name: ServerStateName, value: string, at: string): Promise<void> {
  await db.insertInto('server_state')
    .values({ name, value, updated_at: at })
    .onConflict(oc => oc.column('name').doUpdateSet({ value, updated_at: at }))
    .execute()
}

export async function deleteServerState(db: Executor, name: ServerStateName): Promise<void> {
  await db.deleteFrom('server_state').where('name', '=', name).execute()
}
