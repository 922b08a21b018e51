import type { Kysely } from 'kysely'

/**
 * What the device's clock read when it sent the push that made a version (`device_sent_at`),
 * beside the server's own time of receipt (`server_time`): the two give the device clock's
 * offset, so a device time (when the agent acted) can be read on the server's clock
 * (shared/sync/clock-offset.ts). Null for versions made before it, by the desk, or pushed
 * by a release that does not send it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('application_versions').addColumn('device_sent_at', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('application_versions').dropColumn('device_sent_at').execute()
}
