import type { AppDeps } from '../context'
import type { DeviceSyncSummary } from '../repositories/devices.repository'
import { DEVICE_SILENT_DAYS, isBackupOverdue, isStorageLow, silentDeviceCutoff } from '#shared/admin/system-health'
import { latestAuditEntryOf } from '../repositories/audit.repository'
import { latestMigration } from '../repositories/backup.repository'
import { deviceSyncSummary } from '../repositories/devices.repository'
import { readServerState } from '../repositories/server-state.repository'

/**
 * The administrator's first screen: is the data safe, and is any field work stuck? The
 * last backup comes from the audit log (every `npm run backup` records one, whichever
 * machine ran it); devices from what each reported at its last contact; the room left on
 * the disk of this server's data folder. No applicant data.
 */

export interface AdminOverview {
  database: { kind: 'sqlite' | 'postgres', schemaVersion: string | null }
  /**
   * Where the data key comes from: `environment` (FIELD_ENROL_DATA_KEY, kept apart from the
   * data) or `file` (DATA_DIR/data.key beside the database: a stolen disk holds both), and the
   * fingerprint the database is held to.
   */
  dataKey: { source: 'environment' | 'file', fingerprint: string | null }
  backup: {
    last: { at: string, folder: string | null, applications: number | null, members: number | null, attachmentFiles: number | null } | null
    overdue: boolean
  }
  devices: DeviceSyncSummary & { silentDays: number }
  /** The disk of the data folder's attachments; null when the system cannot tell. */
  storage: { freeBytes: number, totalBytes: number, low: boolean } | null
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null
}

export async function adminOverview(deps: AppDeps): Promise<AdminOverview> {
  const now = deps.now()
  const backup = await latestAuditEntryOf(deps.db, 'backup.create')
  const counts = (backup?.detail.counts ?? {}) as Record<string, unknown>
  const space = await deps.storage.space()
  return {
    database: { kind: deps.dialect, schemaVersion: await latestMigration(deps.db) ?? null },
    dataKey: { source: deps.env.FIELD_ENROL_DATA_KEY ? 'environment' : 'file', fingerprint: await readServerState(deps.db, 'data_key_fingerprint') ?? null },
    backup: {
      last: backup
        ? {
            at: backup.at,
            folder: typeof backup.detail.folder === 'string' ? backup.detail.folder : null,
            applications: numberOrNull(counts.applications),
            members: numberOrNull(counts.members),
            attachmentFiles: numberOrNull(backup.detail.attachmentFiles),
          }
        : null,
      overdue: isBackupOverdue(backup?.at ?? null, now),
    },
    devices: { ...await deviceSyncSummary(deps.db, silentDeviceCutoff(now)), silentDays: DEVICE_SILENT_DAYS },
    storage: space && { ...space, low: isStorageLow(space) },
  }
}
