import type { Buffer } from 'node:buffer'
import type { BackupManifest } from './backup-manifest'
import type { BackupProblem } from './verify-backup'
import { chmod, copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { takePidLock } from '../locks/pid-lock'
import { dataKeyFingerprint, dataKeyPath } from '../security/personal-data'
import { attachmentsFolder } from '../storage/attachment-tree'
import { copyAttachmentTree, listAttachmentFiles } from './attachment-files'
import { markRestored } from './backup-audit'
import { readManifest } from './backup-manifest'
import { SQLITE_FILE } from './create-backup'
import { postgresIsEmpty, readPostgresFacts, restorePostgres } from './postgres-dump'
import { syncFile } from './sqlite-snapshot'
import { tryKey, unfinishedProblem, verifyBackup } from './verify-backup'

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
 * and the next run clears what it left and restores again.
 */

export class RestoreRefusedError extends Error {
  constructor(message: string, readonly problems: BackupProblem[] = []) {
    super(message)
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
  return name === `attachments${STAGED}` || name.startsWith(`${SQLITE_FILE}${STAGED}`)
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
  return takePidLock(join(dataDir, LOCK_FILE), holder => new RestoreRefusedError(`Another restore into ${dataDir} is running (process ${holder}): let it finish`))
}

/** A data folder holds nothing a restore would overwrite: no database, no attachments (a data key may wait there, and what an interrupted restore left). */
async function dataFolderIsFree(dataDir: string, withDatabase: boolean): Promise<boolean> {
  let names: string[]
  try {
    names = await readdir(dataDir)
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return true
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
    throw new RestoreRefusedError('The restored database does not hold what the backup\'s manifest says', [
      { code: 'counts_differ', detail: `database ${JSON.stringify(facts.counts)} at ${facts.schemaVersion}, manifest ${JSON.stringify(manifest.counts)} at ${manifest.database.schemaVersion}` },
    ])
  }
  if (facts.auditAnchor !== manifest.auditAnchor) {
    throw new RestoreRefusedError('The restored database does not hold what the backup\'s manifest says', [
      { code: 'counts_differ', detail: `audit chain ends at ${facts.auditAnchor ?? 'no entry'}, manifest says ${manifest.auditAnchor ?? 'no entry'}` },
    ])
  }
  const files = new Set(await listAttachmentFiles(attachmentsFolder(folder)))
  const missing = facts.stored.filter(sha256 => !files.has(sha256))
  if (missing.length)
    throw new RestoreRefusedError('The backup lacks attachment files its database names', missing.map(sha256 => ({ code: 'attachment_missing', detail: sha256 })))
  const problems = await tryKey(facts.sample, masterKey)
  if (problems.length)
    throw new RestoreRefusedError('The data key does not open the restored ID numbers', problems)
}

function refuseWrongKind(manifest: BackupManifest, databaseUrl: string | undefined): void {
  if (manifest.database.kind === 'postgres' && !databaseUrl)
    throw new RestoreRefusedError('This is a PostgreSQL backup: set DATABASE_URL to an empty database to restore it into')
  if (manifest.database.kind === 'sqlite' && databaseUrl)
    throw new RestoreRefusedError('This is an embedded-database backup: unset DATABASE_URL and name an empty DATA_DIR')
}

async function refuseOccupiedTarget(dataDir: string, databaseUrl: string | undefined): Promise<void> {
  if (!await dataFolderIsFree(dataDir, !databaseUrl))
    throw new RestoreRefusedError(`${dataDir} already holds a database or attachments: restore into a new, empty folder`)
  if (databaseUrl && !await postgresIsEmpty(databaseUrl))
    throw new RestoreRefusedError('The database named by DATABASE_URL is not empty: restore into a new, empty database')
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
    throw new RestoreRefusedError('That is an unfinished backup, not one to restore; nothing was restored', [unfinished])
  // Where it would go is checked first: reading a large backup whole only to refuse the target wastes an hour.
  const stated = await readManifest(folder)
  if (stated)
    refuseWrongKind(stated, databaseUrl)
  await refuseOccupiedTarget(dataDir, databaseUrl)
  // The manifest names the key: another one is refused before the backup is read whole.
  if (stated && dataKeyFingerprint(options.masterKey) !== stated.dataKeyFingerprint)
    throw new RestoreRefusedError('The backup did not pass its check; nothing was restored', [{ code: 'key_mismatch', detail: `key ${dataKeyFingerprint(options.masterKey)}, backup made with ${stated.dataKeyFingerprint}` }])
  const check = await verifyBackup({
    folder,
    masterKey: options.masterKey,
    postgresBinDir: options.postgresBinDir,
    onProgress: (done, total) => options.onProgress?.({ phase: 'verifying', done, total }),
  })
  if (!check.manifest || check.problems.length)
    throw new RestoreRefusedError('The backup did not pass its check; nothing was restored', check.problems)
  const manifest = check.manifest
  refuseWrongKind(manifest, databaseUrl)
  // Again, just before writing: a server may have been started on the target while the backup was read.
  await refuseOccupiedTarget(dataDir, databaseUrl)

  await mkdir(dataDir, { recursive: true })
  const release = await takeRestoreLock(dataDir)
  let keyInstalled = false
  let attachmentsPlaced = false
  try {
    // Once more under the lock: another restore may have finished here meanwhile.
    await refuseOccupiedTarget(dataDir, databaseUrl)
    // What an earlier run left when it was interrupted goes first.
    await clearStaged(dataDir)
    const copied = await copyAttachmentTree({
      source: attachmentsFolder(folder),
      target: stagedAttachments(dataDir),
      onProgress: (done, total) => options.onProgress?.({ phase: 'attachments', done, total }),
    })
    if (copied.damaged.length)
      throw new RestoreRefusedError('Attachment files changed while they were being restored', copied.damaged.map(sha256 => ({ code: 'attachment_damaged', detail: sha256 })))
    options.onProgress?.({ phase: 'database' })
    if (databaseUrl)
      await restoreIntoPostgres(folder, manifest, databaseUrl, options.masterKey, options.postgresBinDir)
    else
      await stageSqlite(folder, manifest, dataDir)
    // Closed again before the rename: SQLite empties its write-ahead log when the last connection closes.
    await markRestored({ dataDir, databaseUrl, sqlitePath: databaseUrl ? undefined : stagedDatabase(dataDir) }, { backup: folder, createdAt: manifest.createdAt, counts: manifest.counts })
    if (options.keyFile) {
      await copyFile(options.keyFile, dataKeyPath(dataDir))
      keyInstalled = true
      await chmod(dataKeyPath(dataDir), 0o600)
    }
    await rename(stagedAttachments(dataDir), attachmentsFolder(dataDir))
    attachmentsPlaced = true
    if (!databaseUrl)
      await rename(stagedDatabase(dataDir), join(dataDir, SQLITE_FILE))
  }
  catch (error) {
    // Nothing half-restored is left to be mistaken for a restored system: the folder held
    // neither a database nor attachments before. A PostgreSQL database that pg_restore
    // filled stays as it is, for the operator to look at or drop.
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
