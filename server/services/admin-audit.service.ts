import type { AuditAnchor, AuditChainReport } from '#shared/audit/audit-anchor'
import type { AppDeps } from '../context'
import type { AuditEntry, AuditFilter } from '../repositories/audit.repository'
import { auditTargetLabel, labelAuditTargets, resolveAuditTarget } from '../repositories/audit-targets.repository'
import { queryAudit, verifyAuditChain } from '../repositories/audit.repository'

/**
 * Reading the audit log, for administrators. The log itself is written only by
 * appendAudit, inside the transaction of each change it records; nothing here changes it.
 */

/** An entry as the desk shows it: its target named the way people know it (a receipt number, a user name). */
export type AuditEntryView = AuditEntry & { targetLabel: string | null }

export interface AuditPage {
  items: AuditEntryView[]
  page: number
  pageSize: number
  total: number
}

export interface AuditSearch extends AuditFilter {
  /** A reference as typed: an id, a receipt or member number, a user name, a site or device code. */
  target?: string | undefined
}

const FIRST_INSTANT = '0000-01-01T00:00:00.000Z'
const LAST_INSTANT = '9999-12-31T23:59:59.999Z'

/**
 * An instant as entries store it (UTC, `toISOString`), kept within the four-digit years:
 * an offset can carry a bound past them (`9999-12-31T23:00:00-12:00` is 10000-01-01 in
 * UTC), which toISOString writes `+010000-…` — text that sorts before every entry.
 */
function storedInstant(iso: string): string {
  const ms = Date.parse(iso)
  if (ms < Date.parse(FIRST_INSTANT))
    return FIRST_INSTANT
  if (ms > Date.parse(LAST_INSTANT))
    return LAST_INSTANT
  return new Date(ms).toISOString()
}

export async function searchAuditLog(deps: AppDeps, { target, ...filter }: AuditSearch, page: number, pageSize: number): Promise<AuditPage> {
  // Entries are stored with UTC instants (toISOString), which sort as text: bring the
  // bounds to the same form whatever offset the caller wrote.
  const normalised: AuditFilter = {
    ...filter,
    from: filter.from && storedInstant(filter.from),
    to: filter.to && storedInstant(filter.to),
    ...(target?.trim() ? { targetIds: await resolveAuditTarget(deps.db, target) } : {}),
  }
  const { items, total } = await queryAudit(deps.db, normalised, page, pageSize)
  const labels = await labelAuditTargets(deps.db, items)
  return { items: items.map(entry => ({ ...entry, targetLabel: auditTargetLabel(labels, entry) })), page, pageSize, total }
}

export function verifyAuditLog(deps: AppDeps, anchor?: AuditAnchor): Promise<AuditChainReport> {
  return verifyAuditChain(deps.db, anchor ? { anchor } : {})
}
