/**
 * What the administrator's overview warns about, decided here so the server's answer and
 * the desk's wording rest on one rule.
 *
 * - Backups are meant to run daily (`npm run backup` from a timer): a day's slip is
 *   tolerated, two days without one is a warning, and so is never having had one.
 * - A device that still held unsynced records at its last contact, and has not been heard
 *   from for three days, may be lost or broken with applicants' work on it (DESIGN.md §5:
 *   "so a lost device's unsynced work is known").
 * - The disk holding the data folder (attachments; the embedded database too) is low when
 *   less than 5 % of it, or less than 2 GiB, is free: once it is full every sync and upload
 *   is refused (503 server.storage_full), and a day of field work with its document photos
 *   takes hundreds of MB — 2 GiB leaves days to make room, 5 % keeps a large disk from
 *   filling unnoticed between two looks at the overview.
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

export const STORAGE_LOW_FREE_RATIO = 0.05
export const STORAGE_LOW_FREE_BYTES = 2 * 1024 ** 3

/** True when a disk with `freeBytes` of `totalBytes` left is low on room (either threshold). */
export function isStorageLow(space: { freeBytes: number, totalBytes: number }): boolean {
  if (space.freeBytes < STORAGE_LOW_FREE_BYTES)
    return true
  return space.totalBytes > 0 && space.freeBytes / space.totalBytes < STORAGE_LOW_FREE_RATIO
}
