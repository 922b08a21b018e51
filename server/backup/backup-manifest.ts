import { open, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'

/**
 * A backup's `manifest.json`: what the folder holds and the figures `backup:verify` and
 * `restore` check it against. It is written last, through a temporary file renamed into
 * place, so a folder without one is an interrupted backup — never restored, never used as
 * the base of the next one.
 */

export const MANIFEST_FILE = 'manifest.json'
export const BACKUP_FORMAT = 'field-enrol-backup'

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/)

export const BackupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  createdAt: z.iso.datetime(),
  database: z.object({
    kind: z.enum(['sqlite', 'postgres']),
    /** The file in the backup folder: the SQLite snapshot, or pg_dump's custom-format archive. */
    file: z.string().min(1),
    bytes: z.number().int().nonnegative(),
    sha256: Sha256Schema,
    /** The last migration applied: a restore needs a server that knows it. */
    schemaVersion: z.string().min(1),
  }),
  /** Row counts read from the snapshot itself, checked again after a restore. */
  counts: z.object({
    applications: z.number().int().nonnegative(),
    members: z.number().int().nonnegative(),
    attachments: z.number().int().nonnegative(),
    auditEntries: z.number().int().nonnegative(),
  }),
  /**
   * The audit chain's end in the snapshot (\`1234:9f86d081884c7d65\`), as \`audit:verify --anchor\`
   * takes it: a backup kept apart holds the anchor outside the database. Null for an empty
   * log; absent from backups made before it was recorded.
   */
  auditAnchor: z.string().nullable().optional(),
  attachments: z.object({
    files: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    /** Files shared (hard-linked) with the previous backup in the same folder, not copied again. */
    linked: z.number().int().nonnegative(),
  }),
  /**
   * Names the data key the sealed ID numbers need, without revealing it. The key itself is
   * never in a backup: kept apart, a stolen backup discloses no ID number.
   */
  dataKeyFingerprint: z.string().regex(/^[0-9a-f]{16}$/),
})

export type BackupManifest = z.infer<typeof BackupManifestSchema>

export async function writeManifest(folder: string, manifest: BackupManifest): Promise<void> {
  const path = join(folder, MANIFEST_FILE)
  const temporary = `${path}.tmp`
  const handle = await open(temporary, 'w')
  try {
    await handle.writeFile(`${JSON.stringify(manifest, null, 2)}\n`)
    await handle.sync()
  }
  finally {
    await handle.close()
  }
  await rename(temporary, path)
}

/** The folder's manifest, or null when there is none (an interrupted backup) or it is not one of ours. */
export async function readManifest(folder: string): Promise<BackupManifest | null> {
  let text: string
  try {
    text = await readFile(join(folder, MANIFEST_FILE), 'utf8')
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return null
    throw error
  }
  try {
    const parsed = BackupManifestSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  }
  catch {
    return null
  }
}
