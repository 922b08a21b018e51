/** Rows per multi-row insert: far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200

/** `rows` in slices of at most CHUNK, for multi-row inserts. */
export function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK))
  return out
}
