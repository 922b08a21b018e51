import type { ServerCopy } from '#shared/sync/protocol'
import type { FieldDb } from '../storage/field-db'
import type { SyncTransport } from './sync-transport'
import { readMeta } from '../storage/field-db'
import { recordFromServerCopy } from '../storage/from-server-copy'
import { SyncHttpError } from './sync-transport'

/**
 * Brings onto this device the agent's returned applications it does not hold (noted by
 * pullChanges): captured on a tablet since replaced, wiped or revoked, they would otherwise
 * wait in 退回补充 on a device nobody has. Each is fetched in full and stored as the server
 * holds it — synced, returned, with the reviewer's items — ready to fix and resubmit; its
 * photos stay on the server (already uploaded), so the device has only their names.
 *
 * One at a time, each removed from the note only in the transaction that stores it (or
 * when the server no longer gives it: fixed elsewhere, or not this agent's any more), so an
 * interrupted run resumes at the next sync. No answer at all stops the run, as for pull.
 */

async function settle(db: FieldDb, applicationId: string, copy: ServerCopy | null, at: string): Promise<boolean> {
  return db.transaction('rw', [db.applications, db.meta], async () => {
    const queue = (await readMeta<string[]>(db, 'adoptQueue')) ?? []
    await db.meta.put({ key: 'adoptQueue', value: queue.filter(id => id !== applicationId) })
    if (!copy || copy.status !== 'returned' || await db.applications.get(applicationId))
      return false
    await db.applications.add(recordFromServerCopy(copy, at))
    return true
  })
}

export async function adoptReturned(db: FieldDb, transport: SyncTransport, now: () => Date = () => new Date()): Promise<number> {
  let count = 0
  for (const applicationId of (await readMeta<string[]>(db, 'adoptQueue')) ?? []) {
    let copy: ServerCopy | null = null
    if (!await db.applications.get(applicationId)) {
      try {
        copy = await transport.fetchApplication(applicationId)
      }
      catch (error) {
        if (!(error instanceof SyncHttpError && error.status === 404))
          throw error
      }
    }
    if (await settle(db, applicationId, copy, now().toISOString()))
      count++
  }
  return count
}
