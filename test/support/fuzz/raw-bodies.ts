import type { Body } from './values'
import fc from 'fast-check'
import { jpeg } from '../tiny-files'

/** Bodies that are not JSON, or not sent as JSON. */
type RawKind
  = | { kind: 'truncated', cut: number }
    | { kind: 'content-type', contentType: string | null }
    | { kind: 'empty', contentType: string | null }
    | { kind: 'bytes', bytes: number[], contentType: string }
    | { kind: 'oversize' }
    | { kind: 'file', change: number | null, contentType: string }

export const rawArb: fc.Arbitrary<RawKind> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('truncated' as const), cut: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('content-type' as const), contentType: fc.constantFrom(null, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/xml', 'image/jpeg', 'application/pdf', 'application/json; charset=utf-16', 'application/jsonx', 'application/vnd.api+json', '*/*', ';;;') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('empty' as const), contentType: fc.constantFrom(null, 'application/json', 'image/jpeg') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('bytes' as const), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }).map(b => [0xFF, 0xD8, 0xFF, ...b]), contentType: fc.constantFrom('application/json', 'image/jpeg', 'image/png', 'application/pdf') }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'oversize' as const }) },
  // A real document, whole or with one byte changed, under its own type or another: what an upload sends.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('file' as const), change: fc.option(fc.nat(), { nil: null }), contentType: fc.constantFrom('image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'application/json') }) },
)

const FILE = jpeg('fuzz document')

const OVERSIZE = `{"x":"${'a'.repeat(4 * 1024 * 1024)}"}`

export function rawBody(raw: RawKind, exampleText: string): Body {
  switch (raw.kind) {
    case 'truncated':
      return { kind: 'text', text: exampleText.slice(0, raw.cut % Math.max(exampleText.length, 1)), contentType: 'application/json' }
    case 'content-type':
      return raw.contentType === null ? { kind: 'bytes', bytes: new TextEncoder().encode(exampleText) } : { kind: 'text', text: exampleText, contentType: raw.contentType }
    case 'empty':
      return { kind: 'bytes', bytes: new Uint8Array(0), contentType: raw.contentType ?? undefined }
    case 'bytes':
      return { kind: 'bytes', bytes: Uint8Array.from(raw.bytes), contentType: raw.contentType }
    case 'oversize':
      return { kind: 'text', text: OVERSIZE, contentType: 'application/json' }
    case 'file': {
      const bytes = Uint8Array.from(FILE)
      if (raw.change !== null) {
        const at = raw.change % bytes.length
        bytes[at] = bytes[at]! ^ 0x5A
      }
      return { kind: 'bytes', bytes, contentType: raw.contentType }
    }
  }
}
