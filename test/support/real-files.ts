import type { ApplicationInput } from '#shared/application/application.schema'
import type { NewAttachment } from '../../client/src/field/storage/applications.repository'
import { createHash, randomBytes } from 'node:crypto'

/** The first bytes of each accepted file type (the server checks them). */
export const MAGIC: Record<string, number[]> = {
  'image/jpeg': [0xFF, 0xD8, 0xFF, 0xE0],
  'image/png': [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2D],
}

/** The application with real file bytes: each attachment's sha256 and size match its Blob. */
export function withRealFiles(app: ApplicationInput): { app: ApplicationInput, files: NewAttachment[] } {
  const files: NewAttachment[] = []
  const attachments = app.attachments.map((attachment) => {
    const bytes = Buffer.concat([Buffer.from(MAGIC[attachment.mediaType]!), randomBytes(512)])
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    files.push({ id: attachment.id, sha256, kind: attachment.kind, mediaType: attachment.mediaType, size: bytes.length, blob: new Blob([bytes], { type: attachment.mediaType }) })
    return { ...attachment, sha256, size: bytes.length }
  })
  return { app: { ...app, attachments }, files }
}
