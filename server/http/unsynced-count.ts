import { MAX_INTEGER_COLUMN } from '../db/errors'

/**
 * The device's unsynced count from its `X-Unsynced-Count` header, or null when the header
 * holds no count. Advisory, so never a reason to refuse a request: only plain digits are a
 * count (parseInt read `12abc` as 12 and `1e3` as 1), and one beyond the 32-bit column is
 * none — PostgreSQL refused the whole request over it, SQLite stored it.
 */
export function unsyncedCountOf(header: string | undefined): number | null {
  const text = header?.trim() ?? ''
  if (!/^\d{1,10}$/.test(text))
    return null
  const count = Number(text)
  return count <= MAX_INTEGER_COLUMN ? count : null
}
