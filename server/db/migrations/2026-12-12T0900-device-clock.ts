import type { Kysely } from 'kysely'

/**
 * Device clocks against the server's (shared/sync/clock-offset.ts).
 * - `application_versions.device_sent_at`: what the device's clock read when it sent the
 *   push that made the version, beside the server's own time of receipt (`server_time`):
 *   together they give the clock's offset, so a device time (when the agent acted) can be
 *   read on the server's clock. Null for versions made before it, by the desk, or pushed
 *   by a release that does not send it.
 * - `devices.clock_offset_s`: how far the device's clock was ahead of the server's
 *   (negative: behind) at its last contact that said (`X-Device-Time`), in whole seconds —
 *   a 32-bit column holds 68 years of them, where milliseconds would overflow past 24 days.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('application_versions').addColumn('device_sent_at', 'text').execute()
  await db.schema.alterTable('devices').addColumn('clock_offset_s', 'integer').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('devices').dropColumn('clock_offset_s').execute()
  await db.schema.alterTable('application_versions').dropColumn('device_sent_at').execute()
}
