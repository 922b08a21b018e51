import type { FieldDb, FileRefusal, LocalApplication } from '../storage/field-db'
import type { SyncTransport } from './sync-transport'
import { SyncHttpError } from './sync-transport'

/**
 * Uploads, before the push that names them, every file a waiting application names and the
 * server does not have yet: those of applications in the outbox, and those a stored receipt
 * still lists as missing (even when this device marked them uploaded once). Idempotent: the server keys files by SHA-256, a HEAD skips what
 * has arrived, and a file is marked uploaded only after a 200/201 (or a HEAD that finds it).
 *
 * A file the server refuses (type, size, hash) is left unuploaded and does not stop the
 * others; the receipt will list it as missing, and every waiting record naming it keeps the
 * refusal with its code (`fileRefusals`) for the agent to see — the file will never arrive
 * as it is. So does a file a record names that is not on this tablet and that the server
 * does not have either (`attachment.not_on_device`); one the server has (a returned
 * application fetched from the server, its photos left there) is no problem. A later upload
 * that succeeds, or a record that no longer names the file, clears it.
 * No answer at all (network, 5xx) stops the run.
 */

export interface UploadSummary {
  uploaded: number
  /** The server's answer and code; a file not on this tablet is the 404 of its HEAD. */
  refused: { sha256: string, status: number, code: string, params?: Record<string, string | number> }[]
}

async function applicationsWaiting(db: FieldDb): Promise<LocalApplication[]> {
  const outboxIds = new Set((await db.outbox.toArray()).filter(e => e.setAsideAt === null).map(e => e.applicationId))
  const byOutbox = await db.applications.bulkGet([...outboxIds])
  const incomplete = await db.applications.where('syncState').equals('queued').filter(a => (a.receipt?.missingAttachments.length ?? 0) > 0).toArray()
  const all = [...byOutbox.filter((a): a is LocalApplication => a !== undefined), ...incomplete]
  return [...new Map(all.map(a => [a.id, a])).values()]
}

function isPermanentRefusal(error: unknown): error is SyncHttpError {
  return error instanceof SyncHttpError && error.status >= 400 && error.status < 500 && !error.deviceRevoked && error.status !== 401
}

/** Each waiting record keeps the refusals of the files it names from this run's uploads; the others are cleared. */
async function recordRefusals(db: FieldDb, waiting: readonly LocalApplication[], refused: UploadSummary['refused']): Promise<void> {
  const byHash = new Map(refused.map(r => [r.sha256, r]))
  const ids = waiting.filter(app => (app.fileRefusals?.length ?? 0) > 0 || app.data.attachments.some(a => byHash.has(a.sha256))).map(app => app.id)
  if (ids.length === 0)
    return
  await db.applications.where('id').anyOf(ids).modify((app) => {
    const refusals: FileRefusal[] = app.data.attachments.flatMap((a) => {
      const refusal = byHash.get(a.sha256)
      return refusal ? [{ attachmentId: a.id, kind: a.kind, code: refusal.code, ...(refusal.params ? { params: refusal.params } : {}) }] : []
    })
    if (refusals.length > 0)
      app.fileRefusals = refusals
    else
      delete app.fileRefusals
  })
}

export async function uploadAttachments(db: FieldDb, transport: SyncTransport, onProgress?: (done: number, total: number) => void): Promise<UploadSummary> {
  const waiting = await applicationsWaiting(db)
  const hashes = new Set(waiting.flatMap(a => a.data.attachments.map(att => att.sha256)))
  const local = await db.attachments.where('sha256').anyOf([...hashes]).toArray()
  const onDevice = new Set(local.map(a => a.sha256))
  const absent = [...hashes].filter(sha256 => !onDevice.has(sha256))
  // A file marked uploaded that a receipt still lists as missing is sent again: the server lost
  // it (restored from a backup older than the upload), and marking is this device's belief only.
  const missingOnServer = new Set(waiting.flatMap(app => app.receipt?.missingAttachments ?? []))
  const files = [...new Map(local.filter(a => !a.uploaded || missingOnServer.has(a.sha256)).map(a => [a.sha256, a])).values()]
  const summary: UploadSummary = { uploaded: 0, refused: [] }
  let done = 0
  onProgress?.(done, files.length)
  for (const file of files) {
    try {
      if (!(await transport.headAttachment(file.sha256)))
        await transport.uploadAttachment(file.sha256, file.blob, file.mediaType)
      await db.attachments.where('sha256').equals(file.sha256).modify({ uploaded: true })
      summary.uploaded++
    }
    catch (error) {
      if (!isPermanentRefusal(error))
        throw error
      const params = error.body?.error?.params
      summary.refused.push({ sha256: file.sha256, status: error.status, code: error.body?.error?.code ?? 'request.invalid', ...(params ? { params } : {}) })
    }
    onProgress?.(++done, files.length)
  }
  for (const sha256 of absent) {
    if (!(await transport.headAttachment(sha256)))
      summary.refused.push({ sha256, status: 404, code: 'attachment.not_on_device' })
  }
  await recordRefusals(db, waiting, summary.refused)
  return summary
}
