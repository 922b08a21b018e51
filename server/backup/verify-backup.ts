import type { LocalisedText } from '#shared/i18n/locale'
import type { Buffer } from 'node:buffer'
import type { BackupManifest } from './backup-manifest'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { MIGRATION_NAMES } from '../db/migrate'
import { OperatorError, operatorText, verbatim } from '../operator-messages/operator-text'
import { auditAnchorNow } from '../repositories/audit.repository'
import { countBackupRows, latestMigration, sampleSealedApplication, storedAttachmentHashes } from '../repositories/backup.repository'
import { createPersonalDataCipher, dataKeyFingerprint } from '../security/personal-data'
import { openApplication } from '../services/application-codec'
import { attachmentPath, attachmentsFolder } from '../storage/attachment-tree'
import { hashFile, listAttachmentFiles } from './attachment-files'
import { MANIFEST_FILE, readManifest } from './backup-manifest'
import { latestBackup } from './create-backup'
import { listPostgresArchive } from './postgres-dump'
import { checkSqliteIntegrity, withSqliteSnapshot } from './sqlite-snapshot'
import { describeUnfinished, isUnfinishedBackup, unfinishedState } from './unfinished-backup'

/**
 * `npm run backup:verify` and the first step of every restore: reads a backup whole and
 * says what is wrong with it, if anything — before the day it is needed.
 *
 * Checked: the manifest; the database file's SHA-256; SQLite's integrity check, the schema
 * version (this server must know it), the row counts and the audit chain's end against the
 * manifest (a PostgreSQL archive: that pg_restore can read its contents; its counts and chain
 * end are checked after restoring); the number of attachment files against the manifest;
 * every attachment file read again and hashed against its name; every file the database
 * says is stored present; and, given the data key, that it is the key the backup needs and
 * that it opens a sealed ID number.
 */

export type BackupProblemCode
  = | 'manifest_missing'
    | 'backup_unfinished'
    | 'database_damaged'
    | 'schema_unknown'
    | 'counts_differ'
    | 'attachment_damaged'
    | 'attachment_missing'
    | 'key_mismatch'
    | 'key_cannot_open'

export interface BackupProblem {
  code: BackupProblemCode
  /** What was found, in English (logs, tests). */
  detail: string
  /** The same, in each language, for the commands to print in the operator's. */
  detailText: LocalisedText
}

/** A problem whose detail is worded in both languages (or is only data: a hash, a path, a tool's own output). */
export function backupProblem(code: BackupProblemCode, detail: LocalisedText | string): BackupProblem {
  const text = typeof detail === 'string' ? verbatim(detail) : detail
  return { code, detail: text.en, detailText: text }
}

function errorText(error: unknown): LocalisedText | string {
  return error instanceof OperatorError ? error.text : error instanceof Error ? error.message : String(error)
}

export interface BackupCheck {
  manifest: BackupManifest | null
  problems: BackupProblem[]
}

/** What each problem means, in both languages (catalogue: `problem.<code>`). */
export function backupProblemText(code: BackupProblemCode): LocalisedText {
  return operatorText(`problem.${code}`)
}

async function checkSqliteDatabase(path: string, manifest: BackupManifest, files: Set<string>, masterKey: Buffer | undefined): Promise<BackupProblem[]> {
  const integrity = checkSqliteIntegrity(path)
  if (integrity.length)
    return [backupProblem('database_damaged', integrity.join('; '))]
  return withSqliteSnapshot(path, async (db) => {
    const problems: BackupProblem[] = []
    const schemaVersion = await latestMigration(db)
    if (!schemaVersion || !MIGRATION_NAMES.includes(schemaVersion))
      problems.push(backupProblem('schema_unknown', operatorText('detail.schema', { schema: schemaVersion ?? operatorText('detail.schema_none') })))
    const counts = await countBackupRows(db)
    if (JSON.stringify(counts) !== JSON.stringify(manifest.counts))
      problems.push(backupProblem('counts_differ', operatorText('detail.counts', { database: JSON.stringify(counts), manifest: JSON.stringify(manifest.counts) })))
    // The anchor an operator notes from the manifest must be the copy's own chain end, or
    // `audit:verify --anchor` would later be checked against an end the data never had.
    const auditAnchor = await auditAnchorNow(db)
    if (auditAnchor !== manifest.auditAnchor)
      problems.push(backupProblem('counts_differ', anchorDetail(auditAnchor, manifest.auditAnchor)))
    for (const sha256 of await storedAttachmentHashes(db)) {
      if (!files.has(sha256))
        problems.push(backupProblem('attachment_missing', sha256))
    }
    if (masterKey)
      problems.push(...await tryKey(await sampleSealedApplication(db), masterKey))
    return problems
  })
}

/** Opens one sealed record with the key: the fingerprint says it is the right key, this proves it works. */
export async function tryKey(sealed: string | undefined, masterKey: Buffer): Promise<BackupProblem[]> {
  if (sealed === undefined)
    return []
  try {
    openApplication(sealed, createPersonalDataCipher(masterKey))
    return []
  }
  catch (error) {
    return [backupProblem('key_cannot_open', errorText(error))]
  }
}

/** What an operator needs to hear when a folder has no manifest: a damaged one, or the folder of backups named instead of one of them. */
async function whyNoManifest(folder: string): Promise<LocalisedText | string> {
  if (existsSync(join(folder, MANIFEST_FILE)))
    return operatorText('detail.manifest_unreadable', { path: join(folder, MANIFEST_FILE) })
  const latest = await latestBackup(folder)
  if (latest)
    return operatorText('detail.holds_backups', { folder, latest })
  return folder
}

/** The audit chain's end in the data against the manifest's. */
export function anchorDetail(found: string | null | undefined, stated: string | null | undefined): LocalisedText {
  const none = operatorText('detail.no_entry')
  return operatorText('detail.anchor', { anchor: found ?? none, manifest: stated ?? none })
}

/** A backup still being written, or one a killed run left (see unfinished-backup.ts): refused by name, whatever it holds so far. */
export async function unfinishedProblem(folder: string): Promise<BackupProblem | null> {
  if (!await isUnfinishedBackup(folder))
    return null
  return backupProblem('backup_unfinished', operatorText('detail.unfinished', { folder, state: describeUnfinished(await unfinishedState(folder)) }))
}

export async function verifyBackup(options: {
  folder: string
  masterKey?: Buffer | undefined
  postgresBinDir?: string | undefined
  onProgress?: (done: number, total: number) => void
}): Promise<BackupCheck> {
  const { folder, masterKey } = options
  // Before the manifest: a run killed after writing it but before the rename left one.
  const unfinished = await unfinishedProblem(folder)
  if (unfinished)
    return { manifest: null, problems: [unfinished] }
  const manifest = await readManifest(folder)
  if (!manifest)
    return { manifest, problems: [backupProblem('manifest_missing', await whyNoManifest(folder))] }
  const problems: BackupProblem[] = []
  if (masterKey && dataKeyFingerprint(masterKey) !== manifest.dataKeyFingerprint)
    problems.push(backupProblem('key_mismatch', operatorText('detail.key', { given: dataKeyFingerprint(masterKey), stated: manifest.dataKeyFingerprint })))

  const attachmentsRoot = attachmentsFolder(folder)
  const hashes = await listAttachmentFiles(attachmentsRoot)
  if (hashes.length !== manifest.attachments.files)
    problems.push(backupProblem('counts_differ', operatorText('detail.file_count', { files: hashes.length, manifest: manifest.attachments.files })))
  options.onProgress?.(0, hashes.length)
  for (const [index, sha256] of hashes.entries()) {
    const hash = await hashFile(attachmentPath(attachmentsRoot, sha256)).catch((error: NodeJS.ErrnoException) => {
      // Listed in a folder its name does not belong in (moved or copied there by hand): no one would find it.
      if (error.code === 'ENOENT')
        return 'misplaced'
      throw error
    })
    if (hash === 'misplaced')
      problems.push(backupProblem('attachment_damaged', operatorText('detail.wrong_folder', { sha256, place: attachmentPath('attachments', sha256) })))
    else if (hash !== sha256)
      problems.push(backupProblem('attachment_damaged', sha256))
    options.onProgress?.(index + 1, hashes.length)
  }

  const databasePath = join(folder, manifest.database.file)
  let databaseHash: string | undefined
  try {
    databaseHash = await hashFile(databasePath)
  }
  catch (error) {
    problems.push(backupProblem('database_damaged', errorText(error)))
    return { manifest, problems }
  }
  if (databaseHash !== manifest.database.sha256) {
    problems.push(backupProblem('database_damaged', operatorText('detail.database_hash', { actual: databaseHash, manifest: manifest.database.sha256 })))
    return { manifest, problems }
  }
  if (manifest.database.kind === 'sqlite') {
    const keyUsable = !problems.some(problem => problem.code === 'key_mismatch')
    problems.push(...await checkSqliteDatabase(databasePath, manifest, new Set(hashes), keyUsable ? masterKey : undefined))
  }
  else {
    if (!MIGRATION_NAMES.includes(manifest.database.schemaVersion))
      problems.push(backupProblem('schema_unknown', operatorText('detail.schema', { schema: manifest.database.schemaVersion })))
    try {
      await listPostgresArchive(databasePath, options.postgresBinDir)
    }
    catch (error) {
      problems.push(backupProblem('database_damaged', errorText(error)))
    }
  }
  return { manifest, problems }
}
