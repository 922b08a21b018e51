import type { AuditDetailNames } from '#shared/audit/audit-detail-words'
import type { Locale } from '#shared/i18n/locale'
import { wordedAuditDetail } from '#shared/audit/audit-detail-words'
import { labelled } from '#shared/i18n/punctuation'

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

/** The detail on one line in words (wordedAuditDetail), for the collapsed row. */
export function auditDetailSummary(detail: Readonly<Record<string, unknown>>, locale: Locale, names: AuditDetailNames = {}): string {
  return wordedAuditDetail(detail, locale, names).map(line => labelled(line.label, line.value, locale)).join(' · ')
}
