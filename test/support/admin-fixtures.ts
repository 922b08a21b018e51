import type { TestServer } from './test-server'

/**
 * The administrator the first start creates, signed in, and a short way to read the audit
 * log through the admin API, as the admin tests need them.
 */

export interface SignedInAdmin {
  token: string
  staffId: string
  deviceId: string
}

export async function signInAdmin(server: TestServer): Promise<SignedInAdmin> {
  const { token, staffId, deviceId } = await server.signIn('admin', server.adminPassword)
  return { token, staffId, deviceId }
}

export interface AuditItem {
  seq: number
  at: string
  actorId: string | null
  actorUsername: string | null
  action: string
  targetType: string | null
  targetId: string | null
  targetLabel: string | null
  detail: Record<string, unknown>
}

/** Every audit entry matching `query` (newest first), read through GET /api/admin/audit. */
export async function auditEntries(server: TestServer, admin: SignedInAdmin, query: Record<string, string>): Promise<AuditItem[]> {
  const response = await server.request(`/api/admin/audit?${new URLSearchParams({ pageSize: '200', ...query })}`, { token: admin.token })
  if (response.status !== 200)
    throw new Error(`audit query failed: ${response.status} ${await response.text()}`)
  return (await response.json()).items as AuditItem[]
}
