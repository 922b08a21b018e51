import { ATTACHMENT_MEDIA_TYPES } from '#shared/application/enums'

/**
 * The attachment media types we accept and how to recognise them by their first bytes.
 * The declared `Content-Type` is never trusted alone: a body is stored only when its
 * magic bytes say the same type.
 */

export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number]

/** How many leading bytes `sniffMediaType` needs to decide (WebP's `RIFF....WEBP`). */
export const SNIFF_BYTES = 12

function startsWith(head: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  return head.length >= offset + bytes.length && bytes.every((byte, i) => head[offset + i] === byte)
}

const ascii = (text: string): number[] => [...text].map(ch => ch.charCodeAt(0))

/** The media type the leading bytes show, or undefined when they show none we accept. */
export function sniffMediaType(head: Uint8Array): AttachmentMediaType | undefined {
  if (startsWith(head, [0xFF, 0xD8, 0xFF]))
    return 'image/jpeg'
  if (startsWith(head, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    return 'image/png'
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8))
    return 'image/webp'
  if (startsWith(head, ascii('%PDF-')))
    return 'application/pdf'
  return undefined
}

/** The media type a `Content-Type` header declares (parameters and case ignored), if accepted. */
export function parseAttachmentMediaType(contentType: string | undefined): AttachmentMediaType | undefined {
  const essence = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  return (ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(essence) ? essence as AttachmentMediaType : undefined
}
