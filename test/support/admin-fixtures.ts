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

/**
 * If-Match for a change to a staff account or a site at the version it is at now, read
 * from the database: what a desk that had just loaded the record would send. A test of
 * a stale or missing If-Match builds its own header.
 */
export async function currentIfMatch(server: TestServer, table: 'staff' | 'sites', id: string): Promise<Record<string, string>> {
  const row = await server.database.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirst()
  // An id that names nothing still needs a version to get past the check to its 404.
  return { 'If-Match': `"${row?.version ?? 1}"` }
}

/** PATCH a staff account or a site as a desk that had just loaded it would (with its current version). */
export async function patchAdminRecord(server: TestServer, token: string, path: string, json: unknown, headers: Record<string, string> = {}) {
  const [, kind, id] = /^\/api\/admin\/(staff|sites)\/([^/?]+)/.exec(path) ?? []
  if (!kind || !id)
    throw new Error(`not a staff account or site: ${path}`)
  const ifMatch = await currentIfMatch(server, kind as 'staff' | 'sites', decodeURIComponent(id))
  return server.request(path, { method: 'PATCH', token, json, headers: { ...ifMatch, ...headers } })
}
