import type { ValidationIssue } from '#shared/errors/issue'
import type { Role } from '#shared/status/roles'
import type { AppDeps, SessionActor } from '../context'
import type { StaffAccount, StaffFilter } from '../repositories/staff.repository'
import type { Executor } from '../repositories/types'
import { disablesOwnAccount } from '#shared/admin/own-account'
import { isUniqueViolation } from '../db/errors'
import { ApiError } from '../http/api-error'
import { appendAudit } from '../repositories/audit.repository'
import { appendFeed } from '../repositories/change-feed.repository'
import { clearLoginAttempts } from '../repositories/login-attempts.repository'
import { revokeSessionsOfStaff } from '../repositories/sessions.repository'
import { existingSiteIds } from '../repositories/sites.repository'
import {
  countActiveAdmins,
  findStaffAccount,
  findStaffByUsername,
  insertStaff,
  listStaff,
  lockAdminChanges,
  replaceStaffSites,
  updateStaff,
} from '../repositories/staff.repository'
import { hashPassword } from '../security/passwords'
import { newStaffId } from './auth.service'
import { throttleKeys } from './login-throttle'
import { StaleVersion } from './stale-version'

/**
 * Staff accounts, for administrators. Every change is audited in its own transaction
 * (never a password: a reset records only that it happened). Disabling an account or
 * resetting its password ends all its sessions at once; a role or site change takes
 * effect at the account's next request, which reads both afresh. There is always at least
 * one active administrator: the change that would remove the last one is refused.
 */

export interface NewStaffInput {
  username: string
  displayName: string
  role: Role
  siteIds: string[]
  password: string
}

export interface StaffChanges {
  displayName?: string | undefined
  role?: Role | undefined
  siteIds?: string[] | undefined
  disabled?: boolean | undefined
}

export function listStaffAccounts(deps: AppDeps, filter: StaffFilter): Promise<StaffAccount[]> {
  return listStaff(deps.db, filter)
}

/** Refuses site ids that name no site, each as an issue at its place in the request. */
async function assertSitesExist(db: Executor, siteIds: readonly string[]): Promise<void> {
  const existing = await existingSiteIds(db, siteIds)
  const issues: ValidationIssue[] = siteIds.flatMap((siteId, i) => existing.has(siteId) ? [] : [{ path: `siteIds.${i}`, code: 'site.unknown', params: { siteId } }])
  if (issues.length)
    throw new ApiError(400, 'request.invalid', { issues })
}

/** The 409 of a change made on a stale version, with the account as it now is (read after the rollback). */
async function conflictAnswer(db: Executor, id: string): Promise<ApiError> {
  return new ApiError(409, 'request.version_conflict', { extra: { current: await mustFind(db, id) } })
}

async function mustFind(db: Executor, id: string): Promise<StaffAccount> {
  const staff = await findStaffAccount(db, id)
  if (!staff)
    throw new ApiError(404, 'request.not_found')
  return staff
}

export async function createStaffAccount(deps: AppDeps, actor: SessionActor, input: NewStaffInput, ip: string | null): Promise<StaffAccount> {
  const siteIds = [...new Set(input.siteIds)]
  const passwordHash = await hashPassword(input.password)
  const at = deps.now().toISOString()
  const id = newStaffId()
  const taken = () => new ApiError(409, 'staff.username_taken', { params: { username: input.username } })
  try {
    return await deps.db.transaction().execute(async (trx) => {
      if (await findStaffByUsername(trx, input.username))
        throw taken()
      await assertSitesExist(trx, input.siteIds)
      await insertStaff(trx, { id, username: input.username, displayName: input.displayName, role: input.role, passwordHash, siteIds }, at)
      await appendAudit(trx, { actorId: actor.id, action: 'staff.create', targetType: 'staff', targetId: id, ip, detail: { username: input.username, displayName: input.displayName, role: input.role, siteIds } }, at)
      return mustFind(trx, id)
    })
  }
  catch (error) {
    // Another request created the same user name between our check and our insert.
    if (isUniqueViolation(error))
      throw taken()
    throw error
  }
}

/**
 * Changes an account as it was at `expectedVersion` (the If-Match): when another
 * administrator changed it since, nothing changes and the answer is 409
 * `request.version_conflict` with the account as it now is — even when this change would
 * have changed nothing, since it was decided on what the other one replaced.
 */
export async function updateStaffAccount(deps: AppDeps, actor: SessionActor, id: string, expectedVersion: number, changes: StaffChanges, ip: string | null): Promise<StaffAccount> {
  const at = deps.now().toISOString()
  try {
    return await applyStaffChanges(deps, actor, id, expectedVersion, changes, ip, at)
  }
  catch (error) {
    if (error instanceof StaleVersion)
      throw await conflictAnswer(deps.db, id)
    throw error
  }
}

function applyStaffChanges(deps: AppDeps, actor: SessionActor, id: string, expectedVersion: number, changes: StaffChanges, ip: string | null, at: string): Promise<StaffAccount> {
  return deps.db.transaction().execute(async (trx) => {
    const mayRemoveAnAdmin = (changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true
    // The lock comes before the read, so the read sees every earlier change committed.
    if (mayRemoveAnAdmin)
      await lockAdminChanges(trx)
    const before = await mustFind(trx, id)
    if (before.version !== expectedVersion)
      throw new StaleVersion()

    const diff: Record<string, { from: unknown, to: unknown }> = {}
    if (changes.displayName !== undefined && changes.displayName !== before.displayName)
      diff.displayName = { from: before.displayName, to: changes.displayName }
    if (changes.role !== undefined && changes.role !== before.role)
      diff.role = { from: before.role, to: changes.role }
    if (changes.disabled !== undefined && changes.disabled !== before.disabled)
      diff.disabled = { from: before.disabled, to: changes.disabled }
    const siteIds = changes.siteIds && [...new Set(changes.siteIds)].sort()
    if (changes.siteIds && siteIds && siteIds.join('\n') !== [...before.siteIds].sort().join('\n')) {
      await assertSitesExist(trx, changes.siteIds)
      diff.siteIds = { from: before.siteIds, to: siteIds }
    }
    if (!Object.keys(diff).length)
      return before

    if (diff.disabled && disablesOwnAccount(actor.id, id, changes))
      throw new ApiError(409, 'staff.cannot_disable_self')
    const wasActiveAdmin = before.role === 'admin' && !before.disabled
    const staysActiveAdmin = (changes.role ?? before.role) === 'admin' && !(changes.disabled ?? before.disabled)
    if (wasActiveAdmin && !staysActiveAdmin && await countActiveAdmins(trx) <= 1)
      throw new ApiError(409, 'staff.last_admin')

    // Checked again by the update itself: on PostgreSQL a concurrent change made on the
    // same version holds the row until it commits, and this one then finds no row at it.
    const updated = await updateStaff(trx, id, {
      ...(diff.displayName ? { displayName: changes.displayName } : {}),
      ...(diff.role ? { role: changes.role } : {}),
      ...(diff.disabled ? { disabled: changes.disabled } : {}),
    }, at, expectedVersion)
    if (!updated)
      throw new StaleVersion()
    if (diff.siteIds && siteIds) {
      await replaceStaffSites(trx, id, siteIds)
      // The staff member's devices refresh their reference data (their sites).
      await appendFeed(trx, { kind: 'reference', agentId: id, payload: { what: 'sites' } }, at)
    }
    const sessionsRevoked = diff.disabled && changes.disabled ? await revokeSessionsOfStaff(trx, id, at) : 0
    await appendAudit(trx, { actorId: actor.id, action: 'staff.update', targetType: 'staff', targetId: id, ip, detail: { username: before.username, changes: diff, ...(sessionsRevoked ? { sessionsRevoked } : {}) } }, at)
    return mustFind(trx, id)
  })
}

/**
 * Sets a new password and ends every session of the account, so that whoever knew the old
 * password is signed out everywhere. A lock-out from failed sign-ins is lifted too.
 */
export async function resetStaffPassword(deps: AppDeps, actor: SessionActor, id: string, password: string, ip: string | null): Promise<{ sessionsRevoked: number }> {
  const passwordHash = await hashPassword(password)
  const at = deps.now().toISOString()
  return deps.db.transaction().execute(async (trx) => {
    const staff = await mustFind(trx, id)
    await updateStaff(trx, id, { passwordHash }, at)
    const sessionsRevoked = await revokeSessionsOfStaff(trx, id, at)
    await clearLoginAttempts(trx, throttleKeys(deps.cipher, staff.username, null).user)
    await appendAudit(trx, { actorId: actor.id, action: 'staff.reset_password', targetType: 'staff', targetId: id, ip, detail: { username: staff.username, sessionsRevoked } }, at)
    return { sessionsRevoked }
  })
}
