/**
 * Reading an export's answer headers: the file name the server gave it and the announced
 * row count. Pure: no DOM, so the tests run them as they are.
 */

/**
 * The file name of a Content-Disposition header: the RFC 5987 `filename*=UTF-8''…` form
 * (percent-decoded) when present and valid, else the plain `filename="…"`, else null.
 * Path separators are dropped so the name can only name a file.
 */
export function fileNameFromDisposition(header: string | null | undefined): string | null {
  if (!header)
    return null
  const extended = /filename\*=([\w-]*)'[^']*'([^;]+)/i.exec(header.replace(/\s*=\s*/g, '='))
  if (extended) {
    const charset = extended[1]!.trim().toLowerCase()
    const value = extended[2]!.trim().replace(/^"(.*)"$/, '$1')
    if (charset === 'utf-8' || charset === '') {
      try {
        return safeName(decodeURIComponent(value))
      }
      catch {}
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header)
  if (plain) {
    const value = plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2]!.trim()
    return safeName(value)
  }
  return null
}

function safeName(name: string): string | null {
  const cleaned = name.replace(/[/\\]/g, '_').trim()
  return cleaned || null
}

/** X-Total-Rows as a number, or null when missing or not a count. */
export function totalRowsFromHeader(header: string | null | undefined): number | null {
  return header && /^\d+$/.test(header.trim()) ? Number(header.trim()) : null
}
