import type { AppDeps } from '../context'
import type { AuditChainReport, AuditEntry, AuditFilter } from '../repositories/audit.repository'
import { queryAudit, verifyAuditChain } from '../repositories/audit.repository'

/**
 * Reading the audit log, for administrators. The log itself is written only by
 * appendAudit, inside the transaction of each change it records; nothing here changes it.
 */

export interface AuditPage {
  items: AuditEntry[]
  page: number
  pageSize: number
  total: number
}

export async function searchAuditLog(deps: AppDeps, filter: AuditFilter, page: number, pageSize: number): Promise<AuditPage> {
  // Entries are stored with UTC instants (toISOString), which sort as text: bring the
  // bounds to the same form whatever offset the caller wrote.
  const normalised: AuditFilter = {
    ...filter,
    from: filter.from && new Date(filter.from).toISOString(),
    to: filter.to && new Date(filter.to).toISOString(),
  }
  const { items, total } = await queryAudit(deps.db, normalised, page, pageSize)
  return { items, page, pageSize, total }
}

export function verifyAuditLog(deps: AppDeps): Promise<AuditChainReport> {
  return verifyAuditChain(deps.db)
}
