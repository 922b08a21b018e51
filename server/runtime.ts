import type { Env } from './config/env'
import type { AppDeps } from './context'
import type { DatabaseHandle } from './db/database'
import { join } from 'node:path'
import { createDatabase } from './db/database'
import { migrateToLatest } from './db/migrate'
import { createPersonalDataCipher, loadDataKey } from './security/personal-data'
import { createFileAttachmentStorage } from './storage/attachment-storage'

/** The configured database, migrated, and the dependencies handlers use: shared by the server and the CLI commands. */
export async function openRuntime(env: Env): Promise<{ deps: AppDeps, database: DatabaseHandle }> {
  const database = createDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: join(env.DATA_DIR, 'field-enrol.sqlite') })
  await migrateToLatest(database.db)
  const deps: AppDeps = {
    db: database.db,
    dialect: database.dialect,
    env,
    cipher: createPersonalDataCipher(loadDataKey(env.FIELD_ENROL_DATA_KEY, env.DATA_DIR, message => console.warn(`WARNING: ${message}`))),
    storage: createFileAttachmentStorage(join(env.DATA_DIR, 'attachments')),
    now: () => new Date(),
  }
  return { deps, database }
}
