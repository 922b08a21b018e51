/**
 * An audit entry's detail as lines of `key: value`, for the expanded row: scalars as they
 * are, lists and objects as compact JSON (the detail is what the server recorded, never
 * reworded, so an investigator reads exactly what the chain hashes).
 */
export function auditDetailLines(detail: Readonly<Record<string, unknown>>): Array<{ key: string, value: string }> {
  return Object.entries(detail).map(([key, value]) => ({
    key,
    value: value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value),
  }))
}

/** The detail on one line, for the collapsed row. */
export function auditDetailSummary(detail: Readonly<Record<string, unknown>>): string {
  return auditDetailLines(detail).map(line => `${line.key}: ${line.value}`).join(' · ')
}
