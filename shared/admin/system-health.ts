/**
 * What the administrator's overview warns about, decided here so the server's answer and
 * the desk's wording rest on one rule.
 *
 * - Backups are meant to run daily (`npm run backup` from a timer): a day's slip is
 *   tolerated, two days without one is a warning, and so is never having had one.
 * - A device that still held unsynced records at its last contact, and has not been heard
 *   from for three days, may be lost or broken with applicants' work on it (DESIGN.md §5:
 *   "so a lost device's unsynced work is known").
 */

export const BACKUP_OVERDUE_HOURS = 48
export const DEVICE_SILENT_DAYS = 3

const HOUR_MS = 3_600_000

/** True when the last backup (ISO time, or null for none) is older than BACKUP_OVERDUE_HOURS at `now`. */
export function isBackupOverdue(lastBackupAt: string | null, now: Date): boolean {
  if (lastBackupAt === null)
    return true
  return now.getTime() - Date.parse(lastBackupAt) > BACKUP_OVERDUE_HOURS * HOUR_MS
}

/** The instant before which a device's last contact makes it silent. */
export function silentDeviceCutoff(now: Date): string {
  return new Date(now.getTime() - DEVICE_SILENT_DAYS * 24 * HOUR_MS).toISOString()
}
