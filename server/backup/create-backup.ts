import type { Buffer } from 'node:buffer'
import type { BackupCounts } from '../repositories/backup.repository'
import type { BackupManifest } from './backup-manifest'
import type { UnfinishedBackup } from './unfinished-backup'
import { constants } from 'node:fs'
import { access, mkdir, readdir, realpath, rm, stat } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { SQLITE_FILE } from '../db/sqlite-file'
import { OperatorError, operatorText } from '../operator-messages/operator-text'
import { auditAnchorNow } from '../repositories/audit.repository'
import { countBackupRows, latestMigration, storedAttachmentHashes } from '../repositories/backup.repository'
import { verifyDataKey } from '../security/data-key-check'
import { dataKeyFingerprint } from '../security/personal-data'
import { attachmentsFolder } from '../storage/attachment-tree'
import { copyAttachmentTree, hashFile, listAttachmentFiles } from './attachment-files'
import { auditBackup, verifyBackupKey } from './backup-audit'
import { BACKUP_FORMAT, readManifest, writeManifest } from './backup-manifest'
import { dumpPostgres } from './postgres-dump'
import { snapshotSqlite, syncFile, withSqliteSnapshot } from './sqlite-snapshot'
import { finishUnfinished, startUnfinished, sweepUnfinished } from './unfinished-backup'

/**
 * `npm run backup`: one dated folder under the target holding a consistent copy of the
 * database, every attachment file and a manifest, written in that order under a name that
 * says it is unfinished (`<dated>.partial`, see unfinished-backup.ts) and renamed to its
 * dated name once all of it is on the disk: a dated folder is a finished backup, whatever
 * stopped the process. Each run first removes what killed runs left. Safe while the server runs.
 *
 * The database comes first and the files after it: a snapshot names only files that were
 * stored when it was taken, and stored files never change, so every file the snapshot
 * names is copied unless it was destroyed meanwhile (retention) — reported, never hidden.
 * The data key is not copied (see the manifest's fingerprint): keep it apart.
 */

export const POSTGRES_FILE = 'database.pgdump'
const FOLDER_PATTERN = /^field-enrol-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z$/

export interface BackupSource {
  dataDir: string
  /** PostgreSQL instead of `<dataDir>/field-enrol.sqlite`. */
  databaseUrl?: string | undefined
  masterKey: Buffer
  /** Where pg_dump and pg_restore are, when not on PATH. */
  postgresBinDir?: string | undefined
}

export type BackupProgress
  = | { phase: 'database' }
    | { phase: 'attachments', done: number, total: number }

export interface BackupReport {
  folder: string
  /** Unfinished backups found under the target first: removed when their writer was gone, else left (see each state). */
  unfinished: UnfinishedBackup[]
  manifest: BackupManifest
  /** Files whose bytes no longer match their name on the server: not in the backup. */
  damaged: string[]
  /** Files the snapshot names that were not there to copy (destroyed since, or lost). */
  missing: string[]
}

export function backupFolderName(at: Date): string {
  return `field-enrol-${at.toISOString().replaceAll(':', '-')}`
}

/** The newest complete backup under `root`, if any. */
export async function latestBackup(root: string): Promise<string | undefined> {
  let names: string[]
  try {
    names = (await readdir(root)).filter(name => FOLDER_PATTERN.test(name)).sort().reverse()
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return undefined
    throw error
  }
  for (const name of names) {
    if (await readManifest(join(root, name)))
      return join(root, name)
  }
  return undefined
}

interface DatabaseCopy {
  kind: 'sqlite' | 'postgres'
  file: string
  schemaVersion: string
  counts: BackupCounts
  auditAnchor: string | null
  stored: string[]
}

async function copyDatabase(source: BackupSource, folder: string): Promise<DatabaseCopy> {
  if (source.databaseUrl) {
    const dumped = await dumpPostgres(source.databaseUrl, join(folder, POSTGRES_FILE), source.postgresBinDir)
    return { kind: 'postgres', file: POSTGRES_FILE, ...dumped }
  }
  const target = join(folder, SQLITE_FILE)
  snapshotSqlite(join(source.dataDir, SQLITE_FILE), target)
  await syncFile(target)
  return withSqliteSnapshot(target, async (db) => {
    const schemaVersion = await latestMigration(db)
    if (!schemaVersion)
      throw new OperatorError(operatorText('backup.no_migrations'))
    // The check that counts is on the copy itself: the live database may have changed since the first.
    await verifyDataKey(db, source.masterKey)
    return { kind: 'sqlite', file: SQLITE_FILE, schemaVersion, counts: await countBackupRows(db), auditAnchor: await auditAnchorNow(db), stored: await storedAttachmentHashes(db) }
  })
}

/** `path` with its symbolic links resolved as far as it exists (a target is often not made yet). */
async function realPathSoFar(path: string): Promise<string> {
  const absolute = resolve(path)
  try {
    return await realpath(absolute)
  }
  catch (error) {
    const parent = dirname(absolute)
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === absolute)
      throw error
    return join(await realPathSoFar(parent), absolute.slice(parent.length + (parent.endsWith('/') ? 0 : 1)))
  }
}

/**
 * A backup under DATA_DIR is no backup: it shares the disk that fails with the data, sits
 * beside `data.key` (a stolen folder then discloses every ID number), and one under
 * `attachments/` would be swept or copied into the next backup. Refused before anything is written.
 */
export async function refuseTargetInsideDataDir(targetRoot: string, dataDir: string): Promise<void> {
  const target = await realPathSoFar(targetRoot).catch((error: NodeJS.ErrnoException) => {
    // A file where a folder of the path should be: no backup can go there.
    throw new OperatorError(operatorText('backup.target_unusable', { target: targetRoot, reason: error.code ?? error.message }))
  })
  const data = await realPathSoFar(dataDir)
  const path = relative(data, target)
  if (path === '' || (!path.startsWith('..') && !isAbsolute(path)))
    throw new OperatorError(operatorText('backup.inside_data_dir', { target: targetRoot, dir: dataDir }))
}

/**
 * The target made (with its parents) and writable, before anything is swept or written: a
 * file by that name, a folder this user may not write to, or a disk mounted read-only is
 * said as such, naming `--to`, rather than as the system call that failed.
 */
async function prepareTarget(targetRoot: string): Promise<void> {
  try {
    await mkdir(targetRoot, { recursive: true })
    await access(targetRoot, constants.W_OK | constants.X_OK)
  }
  catch (error) {
    const { code, message } = error as NodeJS.ErrnoException
    // mkdir answers EEXIST for a file where the folder would be.
    throw new OperatorError(operatorText('backup.target_unusable', { target: targetRoot, reason: code === 'EEXIST' ? 'ENOTDIR' : code ?? message }))
  }
}

export async function createBackup(options: {
  source: BackupSource
  targetRoot: string
  now: () => Date
  onProgress?: (progress: BackupProgress) => void
  /** The folder being written (`<dated>.partial`) and the dated name it takes once finished: the command removes the first when interrupted. */
  onFolder?: (folder: { unfinished: string, final: string }) => void
  /** What earlier runs left unfinished under the target, as found (those whose writer is gone already removed). */
  onUnfinished?: (found: UnfinishedBackup[]) => void
}): Promise<BackupReport> {
  await refuseTargetInsideDataDir(options.targetRoot, options.source.dataDir)
  await verifyBackupKey(options.source, options.source.masterKey)
  await prepareTarget(options.targetRoot)
  const unfinished = await sweepUnfinished(options.targetRoot)
  options.onUnfinished?.(unfinished)
  const previous = await latestBackup(options.targetRoot)
  const createdAt = options.now()
  const final = join(options.targetRoot, backupFolderName(createdAt))
  const folder = await startUnfinished(options.targetRoot, backupFolderName(createdAt), createdAt)
  options.onFolder?.({ unfinished: folder, final })

  try {
    const report = await fillBackup(options, folder, final, previous, createdAt)
    await finishUnfinished(folder, final)
    return { ...report, unfinished }
  }
  catch (error) {
    // No half-made folder is left behind (one killed outright is removed by the next run).
    await rm(folder, { recursive: true, force: true })
    throw error
  }
}

async function fillBackup(options: { source: BackupSource, onProgress?: ((progress: BackupProgress) => void) | undefined }, folder: string, final: string, previous: string | undefined, createdAt: Date): Promise<Omit<BackupReport, 'unfinished'>> {
  const { source } = options
  options.onProgress?.({ phase: 'database' })
  const database = await copyDatabase(source, folder)

  const attachments = await copyAttachmentTree({
    source: attachmentsFolder(source.dataDir),
    target: join(folder, 'attachments'),
    previous: previous && join(previous, 'attachments'),
    onProgress: (done, total) => options.onProgress?.({ phase: 'attachments', done, total }),
  })
  const copied = new Set(await listAttachmentFiles(join(folder, 'attachments')))
  const missing = database.stored.filter(sha256 => !copied.has(sha256))

  const databasePath = join(folder, database.file)
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: 1,
    createdAt: createdAt.toISOString(),
    database: {
      kind: database.kind,
      file: database.file,
      bytes: (await stat(databasePath)).size,
      sha256: await hashFile(databasePath),
      schemaVersion: database.schemaVersion,
    },
    counts: database.counts,
    auditAnchor: database.auditAnchor,
    attachments: { files: attachments.files, bytes: attachments.bytes, linked: attachments.linked },
    dataKeyFingerprint: dataKeyFingerprint(source.masterKey),
  }
  await writeManifest(folder, manifest)
  // Audited before the rename: a copy of the personal data is never left unlogged; the entry names the backup by the name it is about to take.
  await auditBackup(source, { folder: final, database: manifest.database.kind, counts: manifest.counts, attachmentFiles: manifest.attachments.files }, createdAt)
  return { folder: final, manifest, damaged: attachments.damaged, missing }
}
