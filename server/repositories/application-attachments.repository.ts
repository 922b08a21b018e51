import type { Executor } from './types'
import { chunks } from './insert-chunks'

/** Which attachments each application names (by SHA-256), and which of them have not arrived. */

export interface AttachmentLink { applicationId: string, id: string, sha256: string, kind: string }

export async function insertAttachmentLinks(db: Executor, links: readonly AttachmentLink[]): Promise<void> {
  for (const part of chunks(links))
    await db.insertInto('application_attachments').values(part.map(a => ({ application_id: a.applicationId, attachment_id: a.id, sha256: a.sha256, kind: a.kind }))).execute()
}

/** Replaces the attachment links of an application with those its current version names (`isNew`: there are none yet). */
export async function replaceAttachmentLinks(db: Executor, applicationId: string, attachments: readonly { id: string, sha256: string, kind: string }[], isNew = false): Promise<void> {
  if (!isNew)
    await db.deleteFrom('application_attachments').where('application_id', '=', applicationId).execute()
  await insertAttachmentLinks(db, attachments.map(a => ({ applicationId, ...a })))
}

/** Those of `hashes` that have not been uploaded yet. */
export async function missingAttachmentHashes(db: Executor, hashes: readonly string[]): Promise<string[]> {
  const unique = [...new Set(hashes)]
  if (!unique.length)
    return []
  const present = await db.selectFrom('attachments').select('sha256').where('sha256', 'in', unique).execute()
  const have = new Set(present.map(p => p.sha256))
  return unique.filter(h => !have.has(h))
}
