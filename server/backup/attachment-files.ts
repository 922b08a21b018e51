import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { link, mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { attachmentFolders, attachmentPath, folderEntries, SHA256_HEX } from '../storage/attachment-tree'

/**
 * Attachment files as backups hold them: the same content-addressed tree as the server's
 * attachment folder (`ab/cd/<sha256>`), copied file by file.
 *
 * Guarantees of `copyAttachmentTree`:
 * - Every file is read through SHA-256 while it is copied; a file whose bytes do not match
 *   its name (damaged on the server's disk) is reported and not copied, so a backup never
 *   holds a file under a name it does not match.
 * - A copy appears under its name only complete and synced (temporary file, fsync, rename).
 * - A file the previous backup already holds is hard-linked from it, not copied again:
 *   attachments never change once stored, so a daily backup costs only the day's photos.
 *   Where links are impossible (another file system), it is copied.
 * - Files appearing in the source while it runs (uploads) may or may not be included; a file
 *   deleted meanwhile (retention) is skipped.
 */

/** Files copied at once: enough to overlap reads, writes and fsyncs on one disk. */
const CONCURRENCY = 4

/** The hashes of every stored file under `root`, in order (temporary files of uploads in progress are not named by a hash, so they are left out). */
export async function listAttachmentFiles(root: string): Promise<string[]> {
  const hashes: string[] = []
  for await (const folder of attachmentFolders(root))
    hashes.push(...await folderEntries(folder, SHA256_HEX))
  return hashes
}

/** SHA-256 of a file, read as a stream. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(path), hash)
  return hash.digest('hex')
}

export interface AttachmentCopyReport {
  files: number
  bytes: number
  linked: number
  /** Files whose bytes no longer match their name on the server: not copied. */
  damaged: string[]
}

export interface AttachmentCopyOptions {
  source: string
  target: string
  /** The previous complete backup's attachment folder, to link unchanged files from. */
  previous?: string | undefined
  onProgress?: (done: number, total: number) => void
}

type CopyOutcome = { kind: 'copied' | 'linked', bytes: number } | { kind: 'damaged' | 'gone' }

async function linkFromPrevious(previous: string | undefined, source: string, sha256: string, to: string): Promise<number | undefined> {
  if (!previous)
    return undefined
  const from = attachmentPath(previous, sha256)
  try {
    // A cheap guard against a truncated copy; `backup:verify` reads every byte.
    const { size } = await stat(from)
    if (size !== (await stat(attachmentPath(source, sha256))).size)
      return undefined
    await link(from, to)
    return size
  }
  catch {
    // Not in the previous backup, or links not possible here: copy instead.
    return undefined
  }
}

async function copyVerified(from: string, to: string, sha256: string): Promise<CopyOutcome> {
  const temporary = `${to}.tmp`
  const hash = createHash('sha256')
  let bytes = 0
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk)
      bytes += chunk.length
      callback(null, chunk)
    },
  })
  try {
    await pipeline(createReadStream(from), hashing, createWriteStream(temporary))
  }
  catch (error) {
    await rm(temporary, { force: true })
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { kind: 'gone' }
    throw error
  }
  if (hash.digest('hex') !== sha256) {
    await rm(temporary, { force: true })
    return { kind: 'damaged' }
  }
  const handle = await open(temporary, 'r+')
  try {
    await handle.sync()
  }
  finally {
    await handle.close()
  }
  await rename(temporary, to)
  return { kind: 'copied', bytes }
}

async function copyOne(options: AttachmentCopyOptions, sha256: string): Promise<CopyOutcome> {
  const to = attachmentPath(options.target, sha256)
  await mkdir(join(to, '..'), { recursive: true })
  const linkedBytes = await linkFromPrevious(options.previous, options.source, sha256, to)
  if (linkedBytes !== undefined)
    return { kind: 'linked', bytes: linkedBytes }
  return copyVerified(attachmentPath(options.source, sha256), to, sha256)
}

export async function copyAttachmentTree(options: AttachmentCopyOptions): Promise<AttachmentCopyReport> {
  const hashes = await listAttachmentFiles(options.source)
  // Made even when there is nothing to copy: a restore renames it into place (a backup of an
  // installation that held no documents yet stopped there on ENOENT).
  await mkdir(options.target, { recursive: true })
  const report: AttachmentCopyReport = { files: 0, bytes: 0, linked: 0, damaged: [] }
  let next = 0
  let done = 0
  options.onProgress?.(0, hashes.length)
  const worker = async (): Promise<void> => {
    while (next < hashes.length) {
      const sha256 = hashes[next++]!
      const outcome = await copyOne(options, sha256)
      if (outcome.kind === 'damaged') {
        report.damaged.push(sha256)
      }
      else if (outcome.kind === 'copied' || outcome.kind === 'linked') {
        report.files++
        report.bytes += outcome.bytes
        if (outcome.kind === 'linked')
          report.linked++
      }
      options.onProgress?.(++done, hashes.length)
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  report.damaged.sort()
  return report
}
