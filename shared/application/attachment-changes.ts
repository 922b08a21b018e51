import type { ATTACHMENT_MEDIA_TYPES, AttachmentKind } from '#shared/application/enums'
import type { Locale } from '#shared/i18n/locale'
import { ATTACHMENT_KINDS } from '#shared/application/enums'

/**
 * The materials of two versions as a reader compares them: one change per file added,
 * removed or replaced, never the parts of a file record (its id, hash, media type, size are
 * bookkeeping, and a UUID or a hash says nothing to a reviewer). Pure.
 *
 * A file is known by its id; the tablet gives a retaken photo a new id, so a file gone and a
 * file come in the same place — the same kind of material, or the same signature — are one
 * replacement. Places are named by a path the labels know: `attachments.<kind>` for a
 * material, and the consent's own field for the applicant's and the guardian's signatures
 * (two files of one kind, told apart only by the consent that names them).
 */

export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number]

/** What a reader is told of a file: what it is and how large, nothing that identifies it. */
export interface AttachmentSummary {
  mediaType: AttachmentMediaType
  size: number
}

export interface AttachmentChange {
  path: string
  kind: 'added' | 'removed' | 'changed'
  before?: AttachmentSummary
  after?: AttachmentSummary
}

interface StoredAttachment {
  id: string
  kind: AttachmentKind
  sha256: string
  mediaType: AttachmentMediaType
  size: number
}

/** The consent fields that name a signature file: the place of that file. */
export const SIGNATURE_REFERENCES = ['consent.signatureAttachmentId', 'consent.guardianSignatureAttachmentId'] as const

const MATERIAL_PATH = /^attachments\.([a-z_]+)$/

/** The kind of material a change's path names (`attachments.other` → `other`), if it names one. */
export function materialKindAt(path: string): AttachmentKind | undefined {
  const kind = MATERIAL_PATH.exec(path)?.[1]
  return (ATTACHMENT_KINDS as readonly string[]).includes(kind ?? '') ? kind as AttachmentKind : undefined
}

/** Whether a change's path is a file's place (a material, or a signature named by the consent). */
export function isAttachmentPath(path: string): boolean {
  return materialKindAt(path) !== undefined || (SIGNATURE_REFERENCES as readonly string[]).includes(path)
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {}
}

/** An application's file records, whatever else it holds (a stored version, a draft). */
export function attachmentsOf(application: unknown): StoredAttachment[] {
  const list = record(application).attachments
  return Array.isArray(list) ? list.filter((item): item is StoredAttachment => typeof record(item).id === 'string') : []
}

function placeOf(attachment: StoredAttachment, consent: Record<string, unknown>): string {
  const reference = SIGNATURE_REFERENCES.find(path => consent[path.slice('consent.'.length)] === attachment.id)
  return reference ?? `attachments.${attachment.kind}`
}

function summary(attachment: StoredAttachment): AttachmentSummary {
  return { mediaType: attachment.mediaType, size: attachment.size }
}

function sameFile(a: StoredAttachment, b: StoredAttachment): boolean {
  return a.sha256 === b.sha256 && a.mediaType === b.mediaType && a.size === b.size
}

/**
 * One change per file added, removed or replaced, in the order of the newer version's list
 * (then the files only the older one had). A file kept under its id but with other content is
 * a replacement too.
 */
export function diffAttachments(before: unknown, after: unknown): AttachmentChange[] {
  const oldList = attachmentsOf(before)
  const newList = attachmentsOf(after)
  const oldConsent = record(record(before).consent)
  const newConsent = record(record(after).consent)
  const oldById = new Map(oldList.map(a => [a.id, a]))
  const newIds = new Set(newList.map(a => a.id))
  // The files that left, by place, waiting to be paired with a file that came to the same place.
  const gone = new Map<string, StoredAttachment[]>()
  for (const a of oldList.filter(a => !newIds.has(a.id))) {
    const place = placeOf(a, oldConsent)
    gone.set(place, [...(gone.get(place) ?? []), a])
  }
  const changes: AttachmentChange[] = []
  for (const now of newList) {
    const place = placeOf(now, newConsent)
    const kept = oldById.get(now.id)
    if (kept) {
      if (!sameFile(kept, now))
        changes.push({ path: place, kind: 'changed', before: summary(kept), after: summary(now) })
      continue
    }
    const replaced = gone.get(place)?.shift()
    changes.push(replaced
      ? { path: place, kind: 'changed', before: summary(replaced), after: summary(now) }
      : { path: place, kind: 'added', after: summary(now) })
  }
  for (const [place, left] of gone) {
    for (const old of left)
      changes.push({ path: place, kind: 'removed', before: summary(old) })
  }
  return changes
}

const IMAGE: Record<Locale, string> = { 'zh-CN': '图片', 'en': 'image' }

/**
 * `PDF，1 KB` / `image, 312 KB`: what the file is and its size in whole KB, as the materials
 * card rounds it; the number and its unit kept on one line (a no-break space) in a narrow cell.
 */
export function describeAttachment(file: AttachmentSummary, locale: Locale): string {
  const type = file.mediaType === 'application/pdf' ? 'PDF' : IMAGE[locale]
  const size = fileSizeInKb(file.size, locale)
  return locale === 'zh-CN' ? `${type}，${size}` : `${type}, ${size}`
}

/** A file's size in whole KB, at least 1 (a file is never "0 KB"), as every screen shows it. */
export function fileSizeInKb(bytes: number, locale: Locale): string {
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale)}\u00A0KB`
}
