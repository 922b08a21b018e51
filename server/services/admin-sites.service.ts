import type { AppDeps, SessionActor } from '../context'
import type { SiteRecord } from '../repositories/sites.repository'
import type { Executor } from '../repositories/types'
import { randomUUID } from 'node:crypto'
import { isUniqueViolation } from '../db/errors'
import { ApiError } from '../http/api-error'
import { appendAudit } from '../repositories/audit.repository'
import { appendFeed } from '../repositories/change-feed.repository'
import { findSite, insertSite, isSiteCodeTaken, listSites, updateSite } from '../repositories/sites.repository'
import { StaleVersion } from './stale-version'

/**
 * Sites (网点), for administrators. A site's code goes into every receipt number issued
 * there, so it is unique and never changes; its name and whether it is active may. Every
 * change is audited and announced on the change feed to every device (`reference`), so
 * devices refresh the sites they enrol for at their next pull.
 */

export function listSiteRecords(deps: AppDeps, filter: { active?: boolean | undefined }): Promise<SiteRecord[]> {
  return listSites(deps.db, filter)
}

async function mustFind(db: Executor, id: string): Promise<SiteRecord> {
  const site = await findSite(db, id)
  if (!site)
    throw new ApiError(404, 'request.not_found')
  return site
}

async function announce(db: Executor, at: string): Promise<void> {
  await appendFeed(db, { kind: 'reference', agentId: null, payload: { what: 'sites' } }, at)
}

export async function createSite(deps: AppDeps, actor: SessionActor, input: { code: string, name: string, regionCode: string }, ip: string | null): Promise<SiteRecord> {
  const at = deps.now().toISOString()
  const id = randomUUID()
  const taken = () => new ApiError(409, 'site.code_taken', { params: { code: input.code } })
  try {
    return await deps.db.transaction().execute(async (trx) => {
      if (await isSiteCodeTaken(trx, input.code))
        throw taken()
      await insertSite(trx, { id, ...input }, at)
      await announce(trx, at)
      await appendAudit(trx, { actorId: actor.id, action: 'site.create', targetType: 'site', targetId: id, ip, detail: { ...input } }, at)
      return mustFind(trx, id)
    })
  }
  catch (error) {
    if (isUniqueViolation(error))
      throw taken()
    throw error
  }
}

/**
 * Changes a site as it was at `expectedVersion` (the If-Match): when another administrator
 * changed it since, nothing changes and the answer is 409 `request.version_conflict` with
 * the site as it now is (read after the rollback).
 */
export async function updateSiteRecord(deps: AppDeps, actor: SessionActor, id: string, expectedVersion: number, changes: { name?: string | undefined, active?: boolean | undefined }, ip: string | null): Promise<SiteRecord> {
  const at = deps.now().toISOString()
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const before = await mustFind(trx, id)
      if (before.version !== expectedVersion)
        throw new StaleVersion()
      const diff: Record<string, { from: unknown, to: unknown }> = {}
      if (changes.name !== undefined && changes.name !== before.name)
        diff.name = { from: before.name, to: changes.name }
      if (changes.active !== undefined && changes.active !== before.active)
        diff.active = { from: before.active, to: changes.active }
      if (!Object.keys(diff).length)
        return before
      // The version is checked again by the update: of two changes made on the same
      // version, the second finds the row moved on (on PostgreSQL, once the first commits).
      const updated = await updateSite(trx, id, {
        ...(diff.name ? { name: changes.name } : {}),
        ...(diff.active ? { active: changes.active } : {}),
      }, expectedVersion)
      if (!updated)
        throw new StaleVersion()
      await announce(trx, at)
      await appendAudit(trx, { actorId: actor.id, action: 'site.update', targetType: 'site', targetId: id, ip, detail: { code: before.code, changes: diff } }, at)
      return mustFind(trx, id)
    })
  }
  catch (error) {
    if (error instanceof StaleVersion)
      throw new ApiError(409, 'request.version_conflict', { extra: { current: await mustFind(deps.db, id) } })
    throw error
  }
}
