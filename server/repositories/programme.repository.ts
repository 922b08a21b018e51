import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { Executor } from './types'
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

export async function insertProgrammeVersion(db: Executor, version: number, settings: ProgrammeSettings, at: string, by: string | null): Promise<void> {
  await db.insertInto('programme_settings').values({ version, settings: JSON.stringify(settings), created_at: at, created_by: by }).execute()
}
