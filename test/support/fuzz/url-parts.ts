import type { Route } from './routes'
import fc from 'fast-check'
import { SYNC_SITE_ID } from '../sync-fixtures'
import { nastyString } from './values'

/** Path segments, query strings and headers: real values, junk text and raw bytes as they go into a URL. */

/** A path segment or query part: text is percent-encoded as UTF-8; raw goes into the URL as it is. */
export type UrlPart = { text: string } | { raw: string }

/** If-Match's placeholder for the version the record is at when the request is made. */
export const CURRENT = 'current' as const

// Path parameters: a real id (resolved at request time), junk text, or raw bytes in the URL.
export type Segment = { real: number } | UrlPart
const RAW_SEGMENTS = ['%', '%zz', '%FF', '%ED%A0%80', '%C0%AE', '%00', '..', '.', '%2F', '%2e%2e', '%E4%B8']
// Boundaries first: a column's integer range, NUL, a length limit's neighbours.
const textSegment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', '0', '-1', '1.5', '1e3', '2147483647', '2147483648', '99999999999', '9007199254740993', 'NaN', 'null', '__proto__', 'constructor', '\u0000', 'x\u0000', '\uD800', 'a'.repeat(64), 'a'.repeat(65), 'a'.repeat(101), 'a'.repeat(4_000), 'A'.repeat(64), '00000000-0000-7000-8000-000000000000') },
  { weight: 2, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String) },
)
/** `junk`: how often a segment is junk rather than a real id, out of 12. */
export function segmentArb(junk: number): fc.Arbitrary<Segment> {
  return fc.oneof(
    { weight: 12 - junk, arbitrary: fc.nat().map(real => ({ real })) },
    { weight: Math.ceil(junk * 0.75), arbitrary: textSegment.map(text => ({ text })) },
    { weight: Math.floor(junk * 0.25), arbitrary: fc.constantFrom(...RAW_SEGMENTS).map(raw => ({ raw })) },
  )
}

/** Percent-encodes UTF-8 bytes (a lone surrogate becomes U+FFFD, as any client would send it). */
export function encodePart(part: UrlPart): string {
  if ('raw' in part)
    return part.raw
  return [...new TextEncoder().encode(part.text)].map(b => /[\w.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')
}

// Query strings: the route's own parameter names and others, repeated, empty, junk or raw.
const DATEISH = fc.oneof(
  fc.date({ noInvalidDate: true }).map(d => d.toISOString().slice(0, 10)),
  fc.date({ noInvalidDate: true }).map(d => d.toISOString()),
  fc.constantFrom('2026-11-23', '2026-02-29', '2024-02-29', '0001-01-01', '9999-12-31', '2026-11-23T10:00:00+08:00', '2026-13-01', '2026-11-23T25:00:00Z'),
)
/** A query each list answers in full, to bend: random pairs alone rarely give stats both its dates. */
export const QUERY_EXAMPLES: Record<string, Record<string, string>> = {
  '/api/sync/pull': { cursor: '0', limit: '50' },
  '/api/sync/applications': { q: '139', page: '1', pageSize: '20' },
  '/api/review/applications': { status: 'submitted,in_review', siteId: SYNC_SITE_ID, submittedFrom: '2026-11-01', submittedTo: '2026-11-30', overdue: 'false', sort: 'receiptNo', order: 'desc', page: '1', pageSize: '20' },
  '/api/members': { q: 'FE0000', status: 'active', siteId: SYNC_SITE_ID, category: 'standard', revisitDue: 'false', marketing: 'false', page: '1' },
  '/api/exports/applications': { format: 'csv', status: 'submitted', full: 'true', sort: 'submittedAt' },
  '/api/exports/members': { format: 'xlsx', status: 'active', revisitDue: 'false' },
  '/api/exports/members/{id}/personal-copy': { format: 'csv' },
  '/api/stats/overview': { from: '2026-11-01', to: '2026-11-30', siteId: SYNC_SITE_ID },
  '/api/stats/daily-report': { date: '2026-11-23', siteId: SYNC_SITE_ID },
  '/api/stats/daily-report/export': { date: '2026-11-23', format: 'csv' },
  '/api/admin/staff': { role: 'reviewer', siteId: SYNC_SITE_ID, disabled: 'false', q: 'fuzz' },
  '/api/admin/devices': { revoked: 'false' },
  '/api/admin/audit': { action: 'staff.*', from: '2026-11-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00', page: '1', pageSize: '50' },
  '/api/admin/audit/verify': { anchor: '1:9f86d081884c7d65' },
}

/** Some of the valid pairs, with random pairs before or after them (a repeated key meets its valid twin either way). */
export function queryArb(route: Route): fc.Arbitrary<Array<[UrlPart, UrlPart]>> {
  const names = route.query.map(q => q.name)
  const enums = route.query.flatMap(q => q.enum)
  const name = fc.oneof(
    { weight: names.length > 0 ? 6 : 0, arbitrary: fc.constantFrom(...(names.length > 0 ? names : ['q'])).map((text): UrlPart => ({ text })) },
    { weight: 1, arbitrary: nastyString.map((text): UrlPart => ({ text })) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', 'a[b]', 'a[]', '__proto__', 'constructor', '%00', '', '&', '=').map((raw): UrlPart => ({ raw })) },
  )
  const value = fc.oneof(
    { weight: enums.length > 0 ? 3 : 0, arbitrary: fc.constantFrom(...(enums.length > 0 ? enums : ['x'])).map((text): UrlPart => ({ text })) },
    { weight: 2, arbitrary: fc.constantFrom('', ' ', 'true', 'false', '0', '-1', '1', '1.5', '101', '1e3', '2147483648', '9007199254740991', '99999999999999999999', 'NaN', 'Infinity', ',', ',,', 'submitted,,approved', SYNC_SITE_ID, 'standard', '1:00', '1:9f86d081884c7d65', 'FE0000', 'staff.*').map((text): UrlPart => ({ text })) },
    { weight: 2, arbitrary: nastyString.map((text): UrlPart => ({ text })) },
    { weight: 2, arbitrary: DATEISH.map((text): UrlPart => ({ text })) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%FF', '%00', '%ED%A0%80', '+', '%2B', 'a=b', `${'x'.repeat(5_000)}`).map((raw): UrlPart => ({ raw })) },
  )
  const valid = Object.entries(QUERY_EXAMPLES[route.path] ?? {}).map(([k, v]): [UrlPart, UrlPart] => [{ text: k }, { text: v }])
  return fc.tuple(fc.subarray(valid), fc.array(fc.tuple(name, value), { maxLength: 6 }), fc.boolean())
    .map(([kept, random, randomFirst]) => randomFirst ? [...random, ...kept] : [...kept, ...random])
}

export const ifMatchArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant(CURRENT) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.constantFrom('"1"', '1', 'W/"2"', '*', '""', '"0"', '"-1"', '"1.5"', '"2147483648"', '"99999999999"', '"999999999999999"', '"9999999999999999"', ' ', '"1", "2"') },
  { weight: 1, arbitrary: fc.stringMatching(/^[\x20-\x7E]{0,24}$/) },
)
export const acceptLanguageArb = fc.option(fc.oneof(fc.constantFrom('en', 'zh-CN', 'en;q=abc', '*', 'xx-YY, en;q=0.1', ''), fc.stringMatching(/^[\x20-\x7E]{0,24}$/)), { nil: undefined })

export function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text)
  }
  catch {
    return text
  }
}
