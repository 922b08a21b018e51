import type { FieldDb, StoredProgramme } from '../storage/field-db'
import { deviceForgetBefore, deviceMayForget } from '#shared/archive/device-retention'
import { readReference } from '../storage/field-db'
import { filesNamedBy } from '../storage/files-named'

/**
 * Clears from the tablet the applications the server has decided for good (approved,
 * rejected, withdrawn) once the device has known so for the programme's
 * `retention.deviceDays` (30 by default), with their photos: the server keeps them, a lost
 * tablet should not, and old photos must not fill the storage that new enrolments need.
 * Only records the server has acknowledged as they are (synced) and with nothing in the
 * outbox; one transaction, so a record never loses its photos without going itself.
 */
const DEFAULT_DEVICE_DAYS = 30

export async function forgetFinished(db: FieldDb, now: Date): Promise<number> {
  const programme = await readReference<StoredProgramme>(db, 'programme')
  const days = programme?.retention?.deviceDays ?? DEFAULT_DEVICE_DAYS
  return db.transaction('rw', [db.applications, db.attachments, db.outbox], async () => {
    // Through the updatedAt index: a sync reads only records old enough, not every decided one.
    const finished = await db.applications.where('updatedAt').belowOrEqual(deviceForgetBefore(now, days)).filter(app => deviceMayForget(app, now, days)).toArray()
    const pending = new Set((await db.outbox.toArray()).map(entry => entry.applicationId))
    const forget = finished.filter(app => !pending.has(app.id))
    if (forget.length === 0)
      return 0
    const ids = new Set(forget.map(app => app.id))
    const kept = await db.applications.filter(app => !ids.has(app.id)).toArray()
    const stillNamed = new Set(kept.flatMap(filesNamedBy))
    const files = forget.flatMap(filesNamedBy).filter(id => !stillNamed.has(id))
    await db.attachments.bulkDelete(files)
    await db.applications.bulkDelete([...ids])
    return forget.length
  })
}
