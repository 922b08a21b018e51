import type { Buffer } from 'node:buffer'
import type { Env } from './config/env'
import type { AppDeps } from './context'
import type { DatabaseHandle } from './db/database'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createDatabase } from './db/database'
import { migrateToLatest } from './db/migrate'
import { checkDataKey, refuseMissingKey } from './security/data-key-check'
import { createPersonalDataCipher, dataKeyPath, findDataKey, loadDataKey } from './security/personal-data'
import { createFileAttachmentStorage } from './storage/attachment-storage'

/** The configured database, migrated, its data key checked (see data-key-check.ts), and the dependencies handlers use: shared by the server and the CLI commands. */
export async function openRuntime(env: Env, options: { checkDataKey?: boolean, existingOnly?: boolean } = {}): Promise<{ deps: AppDeps, database: DatabaseHandle }> {
  // A command that works on the data must not create an empty database (and a new data key) in a mistyped DATA_DIR.
  const sqlitePath = join(env.DATA_DIR, 'field-enrol.sqlite')
  if (options.existingOnly && !env.DATABASE_URL && !existsSync(sqlitePath))
    throw new Error(`No database at ${sqlitePath}: is DATA_DIR right? (The server creates it at its first start.)`)
  const database = createDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath })
  await migrateToLatest(database.db)
  let masterKey: Buffer
  try {
    // A database sealed under a key that is now missing must not get a new one generated.
    if (!findDataKey(env.FIELD_ENROL_DATA_KEY, env.DATA_DIR))
      await refuseMissingKey(database.db, dataKeyPath(env.DATA_DIR))
    masterKey = loadDataKey(env.FIELD_ENROL_DATA_KEY, env.DATA_DIR, message => console.warn(`WARNING: ${message}`))
    // Off only for `npm run key:rotate`, which holds the database to the previous key itself.
    if (options.checkDataKey !== false)
      await checkDataKey(database.db, masterKey, new Date().toISOString())
  }
  catch (error) {
    await database.destroy()
    throw error
  }
  const deps: AppDeps = {
    db: database.db,
    dialect: database.dialect,
    env,
    cipher: createPersonalDataCipher(masterKey),
    storage: createFileAttachmentStorage(join(env.DATA_DIR, 'attachments')),
    now: () => new Date(),
  }
  return { deps, database }
}
