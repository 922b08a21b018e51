import type { DeviceKind } from '#shared/admin/device-kind'
import type { NewSite, SiteChanges } from '#shared/admin/site.schema'
import type { NewStaff, StaffChanges } from '#shared/admin/staff.schema'
import type { AuditChainReport } from '#shared/audit/audit-anchor'
import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { Role } from '#shared/status/roles'
import type { DeskHttp } from './desk-http'

/** The administration API (server/routes/admin): the overview, staff, sites, devices, programme settings, audit log. */

export interface StaffAccount { id: string, username: string, displayName: string, role: Role, siteIds: string[], disabled: boolean, createdAt: string, updatedAt: string, version: number }
export type { NewSite, SiteChanges } from '#shared/admin/site.schema'
export type { NewStaff, StaffChanges } from '#shared/admin/staff.schema'
export interface SiteRecord { id: string, code: string, name: string, regionCode: string, active: boolean, createdAt: string, version: number }
export interface DeviceItem { id: string, code: string, kind: DeviceKind, staffId: string, staffUsername: string, staffName: string, label: string, registeredAt: string, lastSeenAt: string, revokedAt: string | null, unsyncedCount: number, clockOffsetMs: number | null }
export interface ProgrammeVersion { version: number, settings: ProgrammeSettings }
export interface ProgrammeVersionInfo { version: number, createdAt: string, createdBy: string | null, createdByUsername: string | null }
export interface AuditEntry { seq: number, at: string, actorId: string | null, actorUsername: string | null, action: string, targetType: string | null, targetId: string | null, targetLabel: string | null, ip: string | null, detail: Record<string, unknown> }
export interface AuditPage { items: AuditEntry[], page: number, pageSize: number, total: number }
export interface AuditQuery { action?: string, actorId?: string, targetType?: string, targetId?: string, target?: string, from?: string, to?: string, page: number, pageSize: number }
export interface AdminOverview {
  database: { kind: 'sqlite' | 'postgres', schemaVersion: string | null }
  dataKey: { source: 'environment' | 'file', fingerprint: string | null }
  backup: { last: { at: string, folder: string | null, applications: number | null, members: number | null, attachmentFiles: number | null } | null, overdue: boolean }
  devices: { active: number, withUnsynced: number, unsyncedRecords: number, silentWithUnsynced: number, silentDays: number, clockOff: number }
  storage: { freeBytes: number, totalBytes: number, low: boolean } | null
}
export type { AuditChainReport }

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '')
      search.set(key, String(value))
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}

/** A change names the version it was made on (server/http/if-match.ts), so none overwrites another unseen. */
function ifMatch(version: number): Record<string, string> {
  return { 'If-Match': `"${version}"` }
}

export function adminApi(http: DeskHttp) {
  return {
    staff: () => http.json<{ items: StaffAccount[] }>('/api/admin/staff'),
    createStaff: (staff: NewStaff) => http.json<StaffAccount>('/api/admin/staff', { method: 'POST', json: staff }),
    /** Made on the account at `basedOn` (its `version`): a 409 `request.version_conflict` when another administrator changed it since. */
    updateStaff: (id: string, basedOn: number, changes: StaffChanges) => http.json<StaffAccount>(`/api/admin/staff/${encodeURIComponent(id)}`, { method: 'PATCH', json: changes, headers: ifMatch(basedOn) }),
    resetPassword: (id: string, password: string) => http.json<unknown>(`/api/admin/staff/${encodeURIComponent(id)}/reset-password`, { method: 'POST', json: { password } }),
    sites: () => http.json<{ items: SiteRecord[] }>('/api/admin/sites'),
    createSite: (site: NewSite) => http.json<SiteRecord>('/api/admin/sites', { method: 'POST', json: site }),
    /** Made on the site at `basedOn` (its `version`): a 409 `request.version_conflict` when another administrator changed it since. */
    updateSite: (id: string, basedOn: number, changes: SiteChanges) => http.json<SiteRecord>(`/api/admin/sites/${encodeURIComponent(id)}`, { method: 'PATCH', json: changes, headers: ifMatch(basedOn) }),
    overview: () => http.json<AdminOverview>('/api/admin/overview'),
    devices: () => http.json<{ items: DeviceItem[] }>('/api/admin/devices'),
    revokeDevice: (id: string) => http.json<{ id: string, revokedAt: string, alreadyRevoked: boolean }>(`/api/admin/devices/${encodeURIComponent(id)}/revoke`, { method: 'POST' }),
    programme: () => http.json<ProgrammeVersion>('/api/admin/programme'),
    programmeVersions: () => http.json<{ items: ProgrammeVersionInfo[] }>('/api/admin/programme/versions'),
    publishProgramme: (settings: ProgrammeSettings, basedOn: number) => http.json<ProgrammeVersion>('/api/admin/programme', { method: 'PUT', json: settings, headers: ifMatch(basedOn) }),
    audit: (filter: AuditQuery) => http.json<AuditPage>(`/api/admin/audit${query({ ...filter })}`),
    verifyAudit: (anchor?: string) => http.json<AuditChainReport>(`/api/admin/audit/verify${query({ anchor })}`),
  }
}

export type AdminApi = ReturnType<typeof adminApi>
