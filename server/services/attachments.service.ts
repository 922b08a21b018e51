import type { ReadableStream } from 'node:stream/web'
import type { AppDeps, SessionActor } from '../context'
import type { ApplicationScope } from '../repositories/attachments.repository'
import { ApiError } from '../http/api-error'
import { findAttachment, findVisibleApplicationNaming, insertAttachment, lockAttachmentHashes, markApplicationsComplete } from '../repositories/attachments.repository'
import { appendAudit } from '../repositories/audit.repository'
import { currentProgramme } from '../repositories/programme.repository'
import { AttachmentRejectedError } from '../storage/attachment-storage'
import { parseAttachmentMediaType } from '../storage/media-type'

/**
 * Content-addressed attachments (DESIGN.md §5, §8). An upload names its SHA-256; the body
 * is streamed to storage, checked for hash, type and size, then recorded, and every
 * application that names it and now has all its attachments becomes complete — in one
 * transaction. Uploading a stored hash again changes nothing (idempotent). Viewing a file
 * is allowed only through an application the viewer may see, and every view is audited.
 *
 * Status codes chosen:
 * - 400 `attachment.sha256_format`: the URL does not name a lowercase hex SHA-256.
 * - 400 `attachment.hash_mismatch`: the body's hash is not its name — a damaged or wrong
 *   upload; the request itself is wrong, as S3 (`BadDigest`) and container registries
 *   (`DIGEST_INVALID`) answer.
 * - 413 `attachment.too_large`: over the programme's `maxAttachmentBytes`, told by
 *   Content-Length before reading, or found while streaming. The attachment code (not
 *   `request.too_large`) because the device shows the same message as its own check.
 * - 415 `attachment.media_type_unsupported`: the declared Content-Type is not JPEG, PNG,
 *   WebP or PDF. 415 `attachment.media_type_mismatch`: the content's magic bytes do not
 *   show the declared type (RFC 9110 §15.5.16 names "inspecting the content directly" as a
 *   reason for 415).
 * - 403 `auth.forbidden`: administrators never see applicants' documents. 404
 *   `request.not_found`: no application the viewer may see names the file (whether the
 *   file exists is not revealed).
 */

export interface UploadInput {
  sha256: string
  contentType: string | undefined
  contentLength: string | undefined
  body: ReadableStream<Uint8Array> | null
}

export interface AttachmentInfo {
  sha256: string
  size: number
  mediaType: string
}

export interface UploadResult extends AttachmentInfo {
  /** True when the file was already stored: nothing changed. */
  alreadyStored: boolean
}

/** Megabytes for messages: whole numbers when whole, else two decimals (a 64 KiB limit is 0.06). */
function megabytes(bytes: number): number {
  return Math.round(bytes / 1024 / 1024 * 100) / 100
}

function ignoreBody(body: ReadableStream<Uint8Array> | null): void {
  body?.cancel().catch(() => {})
}

async function maxAttachmentBytes(deps: AppDeps): Promise<number> {
  const programme = await currentProgramme(deps.db)
  if (!programme)
    throw new Error('No programme settings: the server has not been bootstrapped')
  return programme.settings.maxAttachmentBytes
}

export async function uploadAttachment(deps: AppDeps, input: UploadInput): Promise<UploadResult> {
  const { sha256, body } = input
  const mediaType = parseAttachmentMediaType(input.contentType)
  if (!mediaType) {
    ignoreBody(body)
    const declared = (input.contentType ?? '').split(';')[0]!.trim() || 'none'
    throw new ApiError(415, 'attachment.media_type_unsupported', { params: { mediaType: declared } })
  }

  const existing = await findAttachment(deps.db, sha256)
  if (existing) {
    ignoreBody(body)
    return { sha256, size: existing.size, mediaType: existing.mediaType, alreadyStored: true }
  }

  const maxBytes = await maxAttachmentBytes(deps)
  const declaredLength = Number(input.contentLength)
  if (input.contentLength && Number.isFinite(declaredLength) && declaredLength > maxBytes) {
    ignoreBody(body)
    throw new ApiError(413, 'attachment.too_large', { params: { maxMb: megabytes(maxBytes) } })
  }

  let size: number
  try {
    ({ size } = await deps.storage.write(sha256, body, { maxBytes, mediaType }))
  }
  catch (error) {
    if (!(error instanceof AttachmentRejectedError))
      throw error
    switch (error.reason) {
      case 'too_large': throw new ApiError(413, 'attachment.too_large', { params: { maxMb: megabytes(maxBytes) } })
      case 'hash_mismatch': throw new ApiError(400, 'attachment.hash_mismatch')
      case 'media_type_mismatch': throw new ApiError(415, 'attachment.media_type_mismatch', { params: { mediaType } })
    }
  }

  const inserted = await deps.db.transaction().execute(async (trx) => {
    await lockAttachmentHashes(trx, [sha256])
    const fresh = await insertAttachment(trx, { sha256, mediaType, size, storedAt: deps.now().toISOString() })
    await markApplicationsComplete(trx, sha256)
    return fresh
  })
  // A concurrent upload of the same bytes may have recorded it first: then this one stored nothing new.
  return { sha256, size, mediaType, alreadyStored: !inserted }
}

/** What HEAD tells any signed-in user: whether the file has arrived, and its size and type. */
export async function attachmentInfo(deps: AppDeps, sha256: string): Promise<AttachmentInfo> {
  const record = await findAttachment(deps.db, sha256)
  if (!record)
    throw new ApiError(404, 'request.not_found')
  return { sha256, size: record.size, mediaType: record.mediaType }
}

function scopeOf(actor: SessionActor): ApplicationScope {
  switch (actor.role) {
    case 'field_agent': return { kind: 'agent', agentId: actor.id, siteIds: actor.siteIds }
    case 'reviewer': return { kind: 'sites', siteIds: actor.siteIds }
    case 'supervisor': return { kind: 'all' }
    case 'admin': throw new ApiError(403, 'auth.forbidden')
  }
}

export interface AttachmentContent extends AttachmentInfo {
  stream: globalThis.ReadableStream<Uint8Array>
}

/**
 * The file, for a viewer who may see an application that names it; the view is written
 * to the audit log before a byte is sent.
 */
export async function viewAttachment(deps: AppDeps, actor: SessionActor, sha256: string, ip: string | null): Promise<AttachmentContent> {
  const applicationId = await findVisibleApplicationNaming(deps.db, sha256, scopeOf(actor))
  const record = applicationId ? await findAttachment(deps.db, sha256) : undefined
  if (!applicationId || !record)
    throw new ApiError(404, 'request.not_found')
  const stream = await deps.storage.open(sha256)
  if (!stream)
    throw new Error(`Attachment ${sha256} is recorded but its file is missing from storage`)
  try {
    await appendAudit(deps.db, { actorId: actor.id, action: 'attachment.view', targetType: 'attachment', targetId: sha256, ip, detail: { applicationId } }, deps.now().toISOString())
  }
  catch (error) {
    await stream.cancel()
    throw error
  }
  return { sha256, size: record.size, mediaType: record.mediaType, stream }
}
