/** The largest value of an `integer` column (versions, sequences kept in 32 bits). */
export const MAX_INTEGER_COLUMN = 2_147_483_647

/**
 * A value the database cannot take as it is sent, which only PostgreSQL refuses: a NUL in a
 * text (SQLSTATE 22021) or a number beyond its column's integer (22003). The request's fault,
 * not the server's, when a check before the query let it through.
 */
export function refusedValue(error: unknown): 'text' | 'number' | null {
  const code = (error as { code?: unknown } | null)?.code
  return code === '22021' ? 'text' : code === '22003' ? 'number' : null
}

/** Whether a database error is a unique or primary-key violation, on SQLite or PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

/**
 * Whether an error is the storage being full: SQLite's SQLITE_FULL (the disk, or a
 * max_page_count reached), PostgreSQL's disk_full (53100), or the file system's ENOSPC
 * (an attachment, a backup). Nothing was written by the statement or transaction that met it.
 */
export function isStorageFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'SQLITE_FULL' || code === '53100' || code === 'ENOSPC'
}
