/**
 * The tablet's side of retention (its period is the programme's `retention.deviceDays`).
 * Kept apart from retention.ts, which holds the settings' schema, so the sync engine that
 * runs this does not load Zod into the tablet's first screen.
 */

const DAY_MS = 86_400_000

/** Statuses the server never moves an application out of. */
export const FINAL_STATUSES = ['approved', 'rejected', 'withdrawn'] as const

/**
 * Whether a tablet may forget its copy of an application: the server decided it for good,
 * the device holds that answer with nothing of its own left to send (synced), and it has
 * known so for `deviceDays` (counted from the record's last change on the device).
 */
export function deviceMayForget(record: { status: string, syncState: string, updatedAt: string }, now: Date, deviceDays: number): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(record.status)
    && record.syncState === 'synced'
    && Date.parse(record.updatedAt) <= Date.parse(deviceForgetBefore(now, deviceDays))
}

/** The last change time (ISO) at or before which a decided record may be forgotten: for an index range. */
export function deviceForgetBefore(now: Date, deviceDays: number): string {
  return new Date(now.getTime() - deviceDays * DAY_MS).toISOString()
}
