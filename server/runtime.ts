import type { LocalisedText } from '#shared/i18n/locale'
import type { Buffer } from 'node:buffer'
import type { Env } from './config/env'
import type { AppDeps } from './context'
import type { DatabaseHandle } from './db/database'
import { existsSync } from 'node:fs'
import { unfinishedRestore } from './backup/restore-marker'
import { createDatabase, probeDatabase } from './db/database'
import { hasAppliedMigrations, migrateToLatest } from './db/migrate'
import { sqlitePathOf } from './db/sqlite-file'
import { OperatorError, operatorText } from './operator-messages/operator-text'
import { createOutput } from './operator-messages/output'
import { checkDataKey, refuseMissingKey } from './security/data-key-check'
import { createPersonalDataCipher, dataKeyPath, findDataKey, loadDataKey } from './security/personal-data'
import { createFileAttachmentStorage } from './storage/attachment-storage'
import { attachmentsFolder } from './storage/attachment-tree'

/**
 * Why a command that works on the data cannot run here: no database in DATA_DIR (mistyped,
 * or the server never started there). Such a command must not create an empty one, with a
 * new data key beside it. Null when there is one, or when it is PostgreSQL.
 */
export function missingDatabase(env: Pick<Env, 'DATA_DIR' | 'DATABASE_URL'>): LocalisedText | null {
  const sqlitePath = sqlitePathOf(env.DATA_DIR)
  return !env.DATABASE_URL && !existsSync(sqlitePath) ? operatorText('database.missing', { path: sqlitePath }) : null
}

/**
 * A setting that names a place the server cannot use (DATA_DIR where no database can be
 * made, DATABASE_URL that cannot be reached): the operator's to fix, said in one line
 * naming the setting — never a stack trace, never the URL's password.
 */
export class SettingRefusedError extends OperatorError {}

function reason(error: unknown): string {
  const { code, message } = error as { code?: unknown, message?: unknown }
  const text = typeof message === 'string' && message ? message : String(error)
  return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text
}

/** Where DATABASE_URL points, without its user name or password. */
export function databaseUrlPlace(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl)
    return `${url.host || url.searchParams.get('host') || 'localhost'}${url.pathname}`
  }
  catch {
    return operatorText('database.unreadable_url').en
  }
}

/**
 * The configured database opened and answering, or a SettingRefusedError naming DATA_DIR
 * (no database can be made or read there) or DATABASE_URL (its server down, a wrong
 * password or database name; the password never said). For the server and every command
 * that opens the database, so that each says it alike, in one line.
 */
export async function openConfiguredDatabase(env: Pick<Env, 'DATA_DIR' | 'DATABASE_URL'>, options: { poolSize?: number } = {}): Promise<DatabaseHandle> {
  const sqlitePath = sqlitePathOf(env.DATA_DIR)
  let database: DatabaseHandle
  try {
    database = createDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath, ...options })
  }
  catch (error) {
    throw new SettingRefusedError(operatorText('database.cannot_create', { dir: env.DATA_DIR, path: sqlitePath, reason: reason(error) }))
  }
  try {
    await probeDatabase(database.db)
  }
  catch (error) {
    await database.destroy()
    throw new SettingRefusedError(unreachableDatabase(env, error))
  }
  const restoring = env.DATABASE_URL ? await unfinishedRestore(database.db) : null
  if (restoring) {
    await database.destroy()
    throw new SettingRefusedError(operatorText('database.restore_unfinished', { place: databaseUrlPlace(env.DATABASE_URL!), dir: restoring.dataDir, startedAt: restoring.startedAt }))
  }
  return database
}

/** Why the configured database did not answer (see reachDatabase), the URL's password left out. */
export function unreachableDatabase(env: Pick<Env, 'DATA_DIR' | 'DATABASE_URL'>, error: unknown): LocalisedText {
  return env.DATABASE_URL
    ? operatorText('database.unreachable', { place: databaseUrlPlace(env.DATABASE_URL), reason: reason(error) })
    : operatorText('database.unreadable', { dir: env.DATA_DIR, path: sqlitePathOf(env.DATA_DIR), reason: reason(error) })
}

/**
 * Why a command that works on the data cannot run on the database it reached: one with no
 * Field Enrol schema (see hasAppliedMigrations) — for PostgreSQL, where `missingDatabase`
 * cannot tell, a DATABASE_URL naming an existing but wrong database. Null when it has one.
 */
export async function emptyDatabase(env: Pick<Env, 'DATA_DIR' | 'DATABASE_URL'>, db: DatabaseHandle['db']): Promise<LocalisedText | null> {
  if (await hasAppliedMigrations(db))
    return null
  return env.DATABASE_URL
    ? operatorText('database.empty_postgres', { place: databaseUrlPlace(env.DATABASE_URL) })
    : operatorText('database.empty_sqlite', { path: sqlitePathOf(env.DATA_DIR) })
}

/** The configured database, migrated, its data key checked (see data-key-check.ts), and the dependencies handlers use: shared by the server and the CLI commands. */
export async function openRuntime(env: Env, options: { checkDataKey?: boolean, existingOnly?: boolean } = {}): Promise<{ deps: AppDeps, database: DatabaseHandle }> {
  const missing = options.existingOnly ? missingDatabase(env) : null
  if (missing)
    throw new SettingRefusedError(missing)
  const database = await openConfiguredDatabase(env)
  const empty = options.existingOnly ? await emptyDatabase(env, database.db) : null
  if (empty) {
    await database.destroy()
    throw new SettingRefusedError(empty)
  }
  await migrateToLatest(database.db)
  let masterKey: Buffer
  try {
    // A database sealed under a key that is now missing must not get a new one generated.
    if (!findDataKey(env.FIELD_ENROL_DATA_KEY, env.DATA_DIR))
      await refuseMissingKey(database.db, dataKeyPath(env.DATA_DIR))
    masterKey = loadDataKey(env.FIELD_ENROL_DATA_KEY, env.DATA_DIR, path => createOutput(env.locale).warn('server.key_generated', { path }))
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
    readSnapshot: database.readSnapshot,
    env,
    cipher: createPersonalDataCipher(masterKey),
    storage: createFileAttachmentStorage(attachmentsFolder(env.DATA_DIR)),
    now: () => new Date(),
  }
  return { deps, database }
}
