/**
 * What the device's clock reads, from its `X-Device-Time` header (an ISO 8601 instant with
 * its zone: `2026-11-23T10:20:00.000Z`, `…+08:00`), as its offset from the server's clock
 * in milliseconds; null when the header holds no such instant. Advisory like
 * `X-Unsynced-Count`: never a reason to refuse a request.
 */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/

export function deviceClockOffsetOf(header: string | undefined, now: Date): number | null {
  const text = header?.trim() ?? ''
  if (!INSTANT.test(text))
    return null
  const at = Date.parse(text)
  return Number.isFinite(at) ? at - now.getTime() : null
}
