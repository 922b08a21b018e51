import type { FieldDb } from '../storage/field-db'
import type { SyncTransport } from './sync-transport'

/**
 * A record the server stored before all its files arrived keeps a receipt naming the missing
 * hashes and stays `queued`. Once every one of them is on the server (uploaded by this device
 * with a 200/201, or found by HEAD) the record becomes `synced`. The receipt is kept as the
 * server sent it.
 */
export async function confirmAttachments(db: FieldDb, transport: SyncTransport): Promise<number> {
  const waiting = await db.applications.where('syncState').equals('queued').filter(a => (a.receipt?.missingAttachments.length ?? 0) > 0).toArray()
  let confirmed = 0
  for (const app of waiting) {
    if (await db.outbox.where('applicationId').equals(app.id).count() > 0)
      continue
    let complete = true
    for (const sha256 of app.receipt!.missingAttachments) {
      if (!(await transport.headAttachment(sha256))) {
        complete = false
        break
      }
    }
    if (complete) {
      await db.applications.where('id').equals(app.id).and(a => a.syncState === 'queued').modify({ syncState: 'synced' })
      confirmed++
    }
  }
  return confirmed
}
