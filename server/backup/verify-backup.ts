import type { Buffer } from 'node:buffer'
import type { BackupManifest } from './backup-manifest'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { MIGRATION_NAMES } from '../db/migrate'
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
  detail: string
}

export interface BackupCheck {
  manifest: BackupManifest | null
  problems: BackupProblem[]
}

export const BACKUP_PROBLEM_TEXT: Record<BackupProblemCode, string> = {
  manifest_missing: 'no manifest: not a backup, or one that was interrupted',
  backup_unfinished: 'an unfinished backup (.partial), never to be verified or restored: name a dated folder without .partial',
  database_damaged: 'the database file is damaged',
  schema_unknown: 'the database is from a newer release than this server',
  counts_differ: 'the database does not hold what the manifest says',
  attachment_damaged: 'an attachment file does not match its SHA-256',
  attachment_missing: 'an attachment the database names is not in the backup',
  key_mismatch: 'the data key given is not the one this backup needs',
  key_cannot_open: 'the data key does not open the sealed ID numbers',
}

async function checkSqliteDatabase(path: string, manifest: BackupManifest, files: Set<string>, masterKey: Buffer | undefined): Promise<BackupProblem[]> {
  const integrity = checkSqliteIntegrity(path)
  if (integrity.length)
    return [{ code: 'database_damaged', detail: integrity.join('; ') }]
  return withSqliteSnapshot(path, async (db) => {
    const problems: BackupProblem[] = []
    const schemaVersion = await latestMigration(db)
    if (!schemaVersion || !MIGRATION_NAMES.includes(schemaVersion))
      problems.push({ code: 'schema_unknown', detail: `schema ${schemaVersion ?? 'none'}` })
    const counts = await countBackupRows(db)
    if (JSON.stringify(counts) !== JSON.stringify(manifest.counts))
      problems.push({ code: 'counts_differ', detail: `database ${JSON.stringify(counts)}, manifest ${JSON.stringify(manifest.counts)}` })
    // The anchor an operator notes from the manifest must be the copy's own chain end, or
    // `audit:verify --anchor` would later be checked against an end the data never had.
    const auditAnchor = await auditAnchorNow(db)
    if (auditAnchor !== manifest.auditAnchor)
      problems.push({ code: 'counts_differ', detail: `audit chain ends at ${auditAnchor ?? 'no entry'}, manifest says ${manifest.auditAnchor ?? 'no entry'}` })
    for (const sha256 of await storedAttachmentHashes(db)) {
      if (!files.has(sha256))
        problems.push({ code: 'attachment_missing', detail: sha256 })
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
    return [{ code: 'key_cannot_open', detail: error instanceof Error ? error.message : String(error) }]
  }
}

/** What an operator needs to hear when a folder has no manifest: a damaged one, or the folder of backups named instead of one of them. */
async function whyNoManifest(folder: string): Promise<string> {
  if (existsSync(join(folder, MANIFEST_FILE)))
    return `${join(folder, MANIFEST_FILE)} is not a backup manifest: damaged or edited`
  const latest = await latestBackup(folder)
  if (latest)
    return `${folder} holds backups rather than being one: name one of them, the newest is ${latest}`
  return folder
}

/** A backup still being written, or one a killed run left (see unfinished-backup.ts): refused by name, whatever it holds so far. */
export async function unfinishedProblem(folder: string): Promise<BackupProblem | null> {
  if (!await isUnfinishedBackup(folder))
    return null
  return { code: 'backup_unfinished', detail: `${folder}: ${describeUnfinished(await unfinishedState(folder))}` }
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
    return { manifest, problems: [{ code: 'manifest_missing', detail: await whyNoManifest(folder) }] }
  const problems: BackupProblem[] = []
  if (masterKey && dataKeyFingerprint(masterKey) !== manifest.dataKeyFingerprint)
    problems.push({ code: 'key_mismatch', detail: `key ${dataKeyFingerprint(masterKey)}, backup made with ${manifest.dataKeyFingerprint}` })

  const attachmentsRoot = attachmentsFolder(folder)
  const hashes = await listAttachmentFiles(attachmentsRoot)
  if (hashes.length !== manifest.attachments.files)
    problems.push({ code: 'counts_differ', detail: `${hashes.length} attachment files in the backup, manifest says ${manifest.attachments.files}` })
  options.onProgress?.(0, hashes.length)
  for (const [index, sha256] of hashes.entries()) {
    const hash = await hashFile(attachmentPath(attachmentsRoot, sha256)).catch((error: NodeJS.ErrnoException) => {
      // Listed in a folder its name does not belong in (moved or copied there by hand): no one would find it.
      if (error.code === 'ENOENT')
        return 'misplaced'
      throw error
    })
    if (hash === 'misplaced')
      problems.push({ code: 'attachment_damaged', detail: `${sha256} lies in the wrong folder (its place is ${attachmentPath('attachments', sha256)})` })
    else if (hash !== sha256)
      problems.push({ code: 'attachment_damaged', detail: sha256 })
    options.onProgress?.(index + 1, hashes.length)
  }

  const databasePath = join(folder, manifest.database.file)
  let databaseHash: string | undefined
  try {
    databaseHash = await hashFile(databasePath)
  }
  catch (error) {
    problems.push({ code: 'database_damaged', detail: error instanceof Error ? error.message : String(error) })
    return { manifest, problems }
  }
  if (databaseHash !== manifest.database.sha256) {
    problems.push({ code: 'database_damaged', detail: `SHA-256 ${databaseHash}, manifest ${manifest.database.sha256}` })
    return { manifest, problems }
  }
  if (manifest.database.kind === 'sqlite') {
    const keyUsable = !problems.some(problem => problem.code === 'key_mismatch')
    problems.push(...await checkSqliteDatabase(databasePath, manifest, new Set(hashes), keyUsable ? masterKey : undefined))
  }
  else {
    if (!MIGRATION_NAMES.includes(manifest.database.schemaVersion))
      problems.push({ code: 'schema_unknown', detail: `schema ${manifest.database.schemaVersion}` })
    try {
      await listPostgresArchive(databasePath, options.postgresBinDir)
    }
    catch (error) {
      problems.push({ code: 'database_damaged', detail: error instanceof Error ? error.message : String(error) })
    }
  }
  return { manifest, problems }
}
