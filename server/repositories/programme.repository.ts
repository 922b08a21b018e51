import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { Executor } from './types'
import { namesAcrossVersions } from '#shared/programme/category-label'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { ProgrammeSettingsSchema } from '#shared/programme/programme.schema'

export interface ProgrammeVersion {
  version: number
  settings: ProgrammeSettings
}

/** The settings in force: the highest version. */
export async function currentProgramme(db: Executor): Promise<ProgrammeVersion | undefined> {
  const row = await db.selectFrom('programme_settings').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst()
  return row && { version: Number(row.version), settings: ProgrammeSettingsSchema.parse(JSON.parse(row.settings)) }
}

/** The settings in force, or the programme that ships with the app before the first start published any. */
export async function settingsInForce(db: Executor): Promise<ProgrammeSettings> {
  return (await currentProgramme(db))?.settings ?? DEFAULT_PROGRAMME
}

/**
 * The names of every category and level any published version had (`namesAcrossVersions`):
 * for labels on applications and members, which keep a category removed since. Read as
 * stored (each version was checked when published), not through today's schema.
 */
export async function categoryNamesEver(db: Executor): Promise<ReturnType<typeof namesAcrossVersions>> {
  const rows = await db.selectFrom('programme_settings').select('settings').orderBy('version', 'desc').execute()
  const versions = rows.map(row => (JSON.parse(row.settings) as Pick<ProgrammeSettings, 'categories'>).categories)
  return namesAcrossVersions(versions.length ? versions : [DEFAULT_PROGRAMME.categories])
}

export async function insertProgrammeVersion(db: Executor, version: number, settings: ProgrammeSettings, at: string, by: string | null): Promise<void> {
  await db.insertInto('programme_settings').values({ version, settings: JSON.stringify(settings), created_at: at, created_by: by }).execute()
}

export interface ProgrammeVersionInfo {
  version: number
  createdAt: string
  /** The administrator who published it; null for the default settings of the first start. */
  createdBy: string | null
  createdByUsername: string | null
}

/** Every published version, newest first, without the settings themselves. */
export async function listProgrammeVersions(db: Executor): Promise<ProgrammeVersionInfo[]> {
  const rows = await db.selectFrom('programme_settings')
    .leftJoin('staff', 'staff.id', 'programme_settings.created_by')
    .select(['programme_settings.version', 'programme_settings.created_at', 'programme_settings.created_by', 'staff.username'])
    .orderBy('programme_settings.version', 'desc')
    .execute()
  return rows.map(r => ({ version: Number(r.version), createdAt: r.created_at, createdBy: r.created_by, createdByUsername: r.username }))
}

export async function findProgrammeVersion(db: Executor, version: number): Promise<(ProgrammeVersion & { createdAt: string, createdBy: string | null }) | undefined> {
  const row = await db.selectFrom('programme_settings').selectAll().where('version', '=', version).executeTakeFirst()
  return row && { version: Number(row.version), settings: ProgrammeSettingsSchema.parse(JSON.parse(row.settings)), createdAt: row.created_at, createdBy: row.created_by }
}
