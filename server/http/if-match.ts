import { ApiError } from './api-error'

/**
 * Optimistic concurrency over HTTP: a record's ETag is its version (`"3"`), and a change
 * must name the version it was made on in `If-Match`. Missing → 428; not a version → 400.
 * Weak tags (`W/"3"`) and a bare number are accepted; `*` is not, since a decision must
 * have been made on a version the reviewer saw.
 */
export function versionFromIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '')
    throw new ApiError(428, 'request.version_required')
  // A tag is quoted on both sides (`"1` is not a version, any more than `abc` is); only a bare number goes without.
  const match = /^\s*(?:(?:W\/)?"(\d{1,15})"|(\d{1,15}))\s*$/.exec(header)
  if (!match)
    throw new ApiError(400, 'request.invalid', { issues: [{ path: 'If-Match', code: 'field.format' }] })
  return Number(match[1] ?? match[2])
}

export function versionETag(version: number): string {
  return `"${version}"`
}
