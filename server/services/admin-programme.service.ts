import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { AppDeps, SessionActor } from '../context'
import type { ProgrammeVersion, ProgrammeVersionInfo } from '../repositories/programme.repository'
import { isDeepStrictEqual } from 'node:util'
import { unversionedNoticeChanges } from '#shared/programme/notice-versions'
import { ProgrammeSettingsSchema } from '#shared/programme/programme.schema'
import { isUniqueViolation } from '../db/errors'
import { ApiError } from '../http/api-error'
import { appendAudit } from '../repositories/audit.repository'
import { appendFeed } from '../repositories/change-feed.repository'
import { currentProgramme, findProgrammeVersion, insertProgrammeVersion, listProgrammeVersions } from '../repositories/programme.repository'

/**
 * Programme settings, for administrators. Settings are never edited in place: each change
 * is a new version (the one in force is the highest), so an application can always be
 * judged under the version it was checked against.
 *
 * Publishing is optimistic: the administrator names the version their edit was made on
 * (If-Match), and loses with 409 `request.version_conflict` when another version was
 * published meanwhile. Two publications racing from the same version cannot both win:
 * the version number is the primary key, and the second insert fails. A privacy notice or
 * member terms text changed under the version label already published is refused
 * (422, `programme.notice_version_unchanged` on the label): consents name the version only.
 */

export async function currentProgrammeVersion(deps: AppDeps): Promise<ProgrammeVersion> {
  const current = await currentProgramme(deps.db)
  if (!current)
    throw new ApiError(500, 'server.internal')
  return current
}

export function programmeVersions(deps: AppDeps): Promise<ProgrammeVersionInfo[]> {
  return listProgrammeVersions(deps.db)
}

export async function programmeVersion(deps: AppDeps, version: number): Promise<ProgrammeVersion & { createdAt: string, createdBy: string | null }> {
  const found = await findProgrammeVersion(deps.db, version)
  if (!found)
    throw new ApiError(404, 'request.not_found')
  return found
}

/** Top-level settings whose value differs: what the audit entry names, never the values. */
function changedKeys(before: ProgrammeSettings, after: ProgrammeSettings): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof ProgrammeSettings>
  return [...keys].filter(key => !isDeepStrictEqual(before[key], after[key])).sort()
}

export async function publishProgramme(deps: AppDeps, actor: SessionActor, baseVersion: number, settings: ProgrammeSettings, ip: string | null): Promise<ProgrammeVersion> {
  const at = deps.now().toISOString()
  const conflict = (currentVersion: number) => new ApiError(409, 'request.version_conflict', { extra: { currentVersion } })
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const current = await currentProgramme(trx)
      if (!current)
        throw new ApiError(500, 'server.internal')
      if (current.version !== baseVersion)
        throw conflict(current.version)
      // A version is what every tablet downloads and every application names: one that changes nothing is noise.
      const changed = changedKeys(current.settings, settings)
      if (changed.length === 0)
        throw new ApiError(422, 'programme.unchanged')
      const unversioned = unversionedNoticeChanges(current.settings, settings)
      if (unversioned.length)
        throw new ApiError(422, 'request.invalid', { issues: unversioned })
      const version = current.version + 1
      // Every reader parses the stored version with the stored schema: one it would refuse must never be stored.
      ProgrammeSettingsSchema.parse(settings)
      await insertProgrammeVersion(trx, version, settings, at, actor.id)
      await appendFeed(trx, { kind: 'reference', agentId: null, payload: { what: 'programme', version } }, at)
      await appendAudit(trx, { actorId: actor.id, action: 'programme.update', targetType: 'programme', targetId: String(version), ip, detail: { version, previousVersion: current.version, changed } }, at)
      return { version, settings }
    })
  }
  catch (error) {
    if (isUniqueViolation(error))
      throw conflict((await currentProgramme(deps.db))?.version ?? baseVersion + 1)
    throw error
  }
}
