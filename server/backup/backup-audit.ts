import type { AuditAction } from '#shared/audit/audit-actions'
import type { Buffer } from 'node:buffer'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createDatabase } from '../db/database'
import { SQLITE_FILE } from '../db/sqlite-file'
import { OperatorError, operatorText } from '../operator-messages/operator-text'
import { appendAudit } from '../repositories/audit.repository'
import { skipFeedSequenceAfterRestore } from '../repositories/change-feed.repository'
import { emptyDatabase, openConfiguredDatabase } from '../runtime'
import { verifyDataKey } from '../security/data-key-check'
import { refuseNewerSchema } from './backup-schema'

/**
 * A backup copies every applicant's personal data, and a restore replaces what the
 * server knows: both are written to the audit log (PIPL: every export is logged), with no
 * actor (an operator's command). A restore also moves the change feed's sequence past any
 * cursor a device can hold (see skipFeedSequenceAfterRestore), in the same transaction.
 */

export interface DatabaseLocation {
  dataDir: string
  databaseUrl?: string | undefined
  /** The SQLite file, when not `<dataDir>/field-enrol.sqlite` (a restore's, before it is renamed into place). */
  sqlitePath?: string | undefined
}

async function record(location: DatabaseLocation, action: AuditAction, detail: Record<string, unknown>, at: Date, restoring: boolean): Promise<void> {
  const database = createDatabase({ databaseUrl: location.databaseUrl, sqlitePath: location.sqlitePath ?? join(location.dataDir, SQLITE_FILE), poolSize: 1 })
  try {
    await database.db.transaction().execute(async (trx) => {
      if (restoring)
        await skipFeedSequenceAfterRestore(trx)
      await appendAudit(trx, { actorId: null, action, detail }, at.toISOString())
    })
  }
  finally {
    await database.destroy()
  }
}

/** Refuses to back up with a key the live database's ID numbers are not sealed with (DataKeyMismatchError), or a database from a newer release (backup-schema.ts). */
export async function verifyBackupKey(location: DatabaseLocation, masterKey: Buffer): Promise<void> {
  // No database file: nothing to check, and opening one would create it (the copy then says it is missing).
  if (!location.databaseUrl && !existsSync(join(location.dataDir, SQLITE_FILE)))
    return
  const place = { DATA_DIR: location.dataDir, DATABASE_URL: location.databaseUrl }
  const database = await openConfiguredDatabase(place, { poolSize: 1 })
  try {
    // A DATABASE_URL naming another, empty database: said as such, before any folder is made.
    const empty = await emptyDatabase(place, database.db)
    if (empty)
      throw new OperatorError(operatorText('backup.refused', { reason: empty }))
    await refuseNewerSchema(database.db)
    await verifyDataKey(database.db, masterKey)
  }
  finally {
    await database.destroy()
  }
}

export async function auditBackup(location: DatabaseLocation, detail: Record<string, unknown>, at: Date): Promise<void> {
  await record(location, 'backup.create', detail, at, false)
}

export async function markRestored(location: DatabaseLocation, detail: Record<string, unknown>): Promise<void> {
  await record(location, 'backup.restore', detail, new Date(), true)
}
