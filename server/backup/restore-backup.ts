import type { LocalisedText } from '#shared/i18n/locale'
import type { Buffer } from 'node:buffer'
import type { BackupManifest } from './backup-manifest'
import type { UnfinishedRestore } from './restore-marker'
import type { BackupProblem } from './verify-backup'
import { chmod, copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { SQLITE_FILE } from '../db/sqlite-file'
import { takePidLock } from '../locks/pid-lock'
import { OperatorError, operatorText } from '../operator-messages/operator-text'
import { unreachableDatabase } from '../runtime'
import { dataKeyFingerprint, dataKeyPath } from '../security/personal-data'
import { attachmentsFolder } from '../storage/attachment-tree'
import { copyAttachmentTree, listAttachmentFiles } from './attachment-files'
import { markRestored } from './backup-audit'
import { readManifest } from './backup-manifest'
import { hasNoTables, readPostgresFacts, restorePostgres } from './postgres-dump'
import { clearUnfinishedRestore, markRestoreFinished, markRestoreStarted, sameDataDir, unfinishedRestore, withPostgres } from './restore-marker'
import { syncFile } from './sqlite-snapshot'
import { anchorDetail, backupProblem, tryKey, unfinishedProblem, verifyBackup } from './verify-backup'

/**
 * `npm run restore`: a verified backup into an empty place — a data folder with no database
 * in it, or (PostgreSQL) an empty database. It never writes over data: restoring over a
 * live system would destroy whatever happened since the backup, so the operator restores
 * beside it and switches `DATA_DIR` / `DATABASE_URL` once satisfied.
 *
 * The backup is verified whole first (with the data key, which must be the one it was made
 * with); a PostgreSQL restore runs in one transaction and its row counts are compared with
 * the manifest afterwards. Attachments are copied with their hashes checked again.
 *
 * Everything is written beside its final name first (`attachments.restoring`,
 * `field-enrol.sqlite.restoring`, the change feed moved and the restore audited there) and
 * renamed into place last, the database last of all: a restore killed part-way (Ctrl-C, a
 * crash) leaves no database a server could start on with files or its feed's move missing,
 * and the next run clears what it left and restores again. A PostgreSQL database cannot be
 * renamed into place: it is marked unfinished until the last step instead (restore-marker.ts).
 */

export class RestoreRefusedError extends OperatorError {
  constructor(text: LocalisedText, readonly problems: BackupProblem[] = []) {
    super(text)
  }
}

export type RestoreProgress
  = | { phase: 'verifying', done: number, total: number }
    | { phase: 'database' }
    | { phase: 'attachments', done: number, total: number }

const STAGED = '.restoring'
const stagedDatabase = (dataDir: string) => join(dataDir, `${SQLITE_FILE}${STAGED}`)
const stagedAttachments = (dataDir: string) => `${attachmentsFolder(dataDir)}${STAGED}`

/** What an interrupted restore left: written beside its final name, never used by a server. */
function isStaged(name: string): boolean {
  return name === `attachments${STAGED}` || name === `data.key${STAGED}` || name.startsWith(`${SQLITE_FILE}${STAGED}`)
}

async function clearStaged(dataDir: string): Promise<void> {
  let names: string[]
  try {
    names = await readdir(dataDir)
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return
    throw error
  }
  for (const name of names.filter(isStaged))
    await rm(join(dataDir, name), { recursive: true, force: true })
}

const LOCK_FILE = 'restore.lock'

/**
 * One restore into a folder at a time: a second would clear the first's staged files, or
 * remove what the first put in place when it fails. One left by a restore that was killed
 * is taken over (see pid-lock.ts).
 */
function takeRestoreLock(dataDir: string): Promise<() => Promise<void>> {
  return takePidLock(join(dataDir, LOCK_FILE), holder => new RestoreRefusedError(operatorText('restore.another_running', { dir: dataDir, pid: holder })))
}

/** A data folder holds nothing a restore would overwrite: no database, no attachments (a data key may wait there, and what an interrupted restore left). */
async function dataFolderIsFree(dataDir: string, withDatabase: boolean): Promise<boolean> {
  let names: string[]
  try {
    names = await readdir(dataDir)
  }
  catch (error) {
    const { code } = error as NodeJS.ErrnoException
    if (code === 'ENOENT')
      return true
    // A file by that name, or under one: nothing can be restored there.
    if (code === 'ENOTDIR')
      throw new RestoreRefusedError(operatorText('restore.data_dir_not_folder', { dir: dataDir }))
    throw error
  }
  const taken = names.filter(name => !isStaged(name) && (name === 'attachments' || (withDatabase && name.startsWith(SQLITE_FILE))))
  return taken.length === 0
}

async function stageSqlite(folder: string, manifest: BackupManifest, dataDir: string): Promise<void> {
  const staged = stagedDatabase(dataDir)
  await copyFile(join(folder, manifest.database.file), staged)
  await syncFile(staged)
}

async function restoreIntoPostgres(folder: string, manifest: BackupManifest, databaseUrl: string, masterKey: Buffer, binDir: string | undefined): Promise<void> {
  await restorePostgres(databaseUrl, join(folder, manifest.database.file), binDir)
  const facts = await readPostgresFacts(databaseUrl)
  if (JSON.stringify(facts.counts) !== JSON.stringify(manifest.counts) || facts.schemaVersion !== manifest.database.schemaVersion) {
    throw new RestoreRefusedError(operatorText('restore.counts_differ'), [
      backupProblem('counts_differ', operatorText('detail.counts_at', { database: JSON.stringify(facts.counts), schema: facts.schemaVersion ?? operatorText('detail.schema_none'), manifest: JSON.stringify(manifest.counts), manifestSchema: manifest.database.schemaVersion })),
    ])
  }
  if (facts.auditAnchor !== manifest.auditAnchor) {
    throw new RestoreRefusedError(operatorText('restore.counts_differ'), [backupProblem('counts_differ', anchorDetail(facts.auditAnchor, manifest.auditAnchor))])
  }
  const files = new Set(await listAttachmentFiles(attachmentsFolder(folder)))
  const missing = facts.stored.filter(sha256 => !files.has(sha256))
  if (missing.length)
    throw new RestoreRefusedError(operatorText('restore.files_missing'), missing.map(sha256 => backupProblem('attachment_missing', sha256)))
  const problems = await tryKey(facts.sample, masterKey)
  if (problems.length)
    throw new RestoreRefusedError(operatorText('restore.key_cannot_open'), problems)
}

function refuseWrongKind(manifest: BackupManifest, databaseUrl: string | undefined): void {
  if (manifest.database.kind === 'postgres' && !databaseUrl)
    throw new RestoreRefusedError(operatorText('restore.postgres_backup'))
  if (manifest.database.kind === 'sqlite' && databaseUrl)
    throw new RestoreRefusedError(operatorText('restore.sqlite_backup'))
}

/**
 * What the target holds: nothing — or, true, a PostgreSQL database marked by a restore into
 * this same data folder that was interrupted (restore-marker.ts), which is cleared and
 * restored again. Anything else is refused.
 */
async function checkTarget(dataDir: string, databaseUrl: string | undefined): Promise<boolean> {
  const folderFree = await dataFolderIsFree(dataDir, !databaseUrl)
  let postgresEmpty = true
  if (databaseUrl) {
    let state: { empty: boolean, marker: UnfinishedRestore | null }
    try {
      state = await withPostgres(databaseUrl, async db => ({ empty: await hasNoTables(db), marker: await unfinishedRestore(db) }))
    }
    catch (error) {
      // The server down, a wrong password or database name: said as the server says it.
      throw new RestoreRefusedError(unreachableDatabase({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl }, error))
    }
    if (state.marker && !sameDataDir(state.marker, dataDir))
      throw new RestoreRefusedError(operatorText('restore.other_unfinished', { dir: state.marker.dataDir }))
    // The attachments an interrupted restore put in place are its own: the folder was free when it began.
    if (state.marker)
      return true
    postgresEmpty = state.empty
  }
  if (!folderFree)
    throw new RestoreRefusedError(operatorText('restore.data_dir_not_empty', { dir: dataDir }))
  if (!postgresEmpty)
    throw new RestoreRefusedError(operatorText('restore.postgres_not_empty'))
  return false
}

export async function restoreBackup(options: {
  folder: string
  dataDir: string
  databaseUrl?: string | undefined
  masterKey: Buffer
  postgresBinDir?: string | undefined
  /** A key file to install as `<dataDir>/data.key` (the backup's key), before the restore is switched into place. */
  keyFile?: string | undefined
  onProgress?: (progress: RestoreProgress) => void
}): Promise<BackupManifest> {
  const { folder, dataDir, databaseUrl } = options
  const unfinished = await unfinishedProblem(folder)
  if (unfinished)
    throw new RestoreRefusedError(operatorText('restore.unfinished'), [unfinished])
  // Where it would go is checked first: reading a large backup whole only to refuse the target wastes an hour.
  const stated = await readManifest(folder)
  if (stated)
    refuseWrongKind(stated, databaseUrl)
  await checkTarget(dataDir, databaseUrl)
  // The manifest names the key: another one is refused before the backup is read whole.
  if (stated && dataKeyFingerprint(options.masterKey) !== stated.dataKeyFingerprint)
    throw new RestoreRefusedError(operatorText('restore.check_failed'), [backupProblem('key_mismatch', operatorText('detail.key', { given: dataKeyFingerprint(options.masterKey), stated: stated.dataKeyFingerprint }))])
  const check = await verifyBackup({
    folder,
    masterKey: options.masterKey,
    postgresBinDir: options.postgresBinDir,
    onProgress: (done, total) => options.onProgress?.({ phase: 'verifying', done, total }),
  })
  if (!check.manifest || check.problems.length)
    throw new RestoreRefusedError(operatorText('restore.check_failed'), check.problems)
  const manifest = check.manifest
  refuseWrongKind(manifest, databaseUrl)
  // Again, just before writing: a server may have been started on the target while the backup was read.
  await checkTarget(dataDir, databaseUrl)

  await mkdir(dataDir, { recursive: true })
  const release = await takeRestoreLock(dataDir)
  let keyInstalled = false
  let attachmentsPlaced = false
  try {
    // Once more under the lock: another restore may have finished here meanwhile.
    const interrupted = await checkTarget(dataDir, databaseUrl)
    // What an earlier run left when it was interrupted goes first.
    await clearStaged(dataDir)
    if (interrupted && databaseUrl) {
      await clearUnfinishedRestore(databaseUrl)
      await rm(attachmentsFolder(dataDir), { recursive: true, force: true })
    }
    const copied = await copyAttachmentTree({
      source: attachmentsFolder(folder),
      target: stagedAttachments(dataDir),
      onProgress: (done, total) => options.onProgress?.({ phase: 'attachments', done, total }),
    })
    if (copied.damaged.length)
      throw new RestoreRefusedError(operatorText('restore.files_changed'), copied.damaged.map(sha256 => backupProblem('attachment_damaged', sha256)))
    options.onProgress?.({ phase: 'database' })
    if (databaseUrl) {
      await markRestoreStarted(databaseUrl, dataDir, new Date())
      await restoreIntoPostgres(folder, manifest, databaseUrl, options.masterKey, options.postgresBinDir)
    }
    else {
      await stageSqlite(folder, manifest, dataDir)
    }
    // Closed again before the rename: SQLite empties its write-ahead log when the last connection closes.
    await markRestored({ dataDir, databaseUrl, sqlitePath: databaseUrl ? undefined : stagedDatabase(dataDir) }, { backup: folder, createdAt: manifest.createdAt, counts: manifest.counts })
    if (options.keyFile) {
      // Copied beside it and renamed into place: a run killed in the copy leaves no truncated key.
      const installing = `${dataKeyPath(dataDir)}${STAGED}`
      await copyFile(options.keyFile, installing)
      await chmod(installing, 0o600)
      await rename(installing, dataKeyPath(dataDir))
      keyInstalled = true
    }
    await rename(stagedAttachments(dataDir), attachmentsFolder(dataDir))
    attachmentsPlaced = true
    if (databaseUrl)
      await markRestoreFinished(databaseUrl)
    else
      await rename(stagedDatabase(dataDir), join(dataDir, SQLITE_FILE))
  }
  catch (error) {
    // Nothing half-restored is left to be mistaken for a restored system: the folder held
    // neither a database nor attachments before. A PostgreSQL database that pg_restore
    // filled stays as it is, for the operator to look at or drop — still marked unfinished,
    // so that nothing uses it and a run again clears it.
    await clearStaged(dataDir)
    if (attachmentsPlaced)
      await rm(attachmentsFolder(dataDir), { recursive: true, force: true })
    if (keyInstalled)
      await rm(dataKeyPath(dataDir), { force: true })
    throw error
  }
  finally {
    await release()
  }
  return manifest
}
