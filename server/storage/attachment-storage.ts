import type { ReadableStream } from 'node:stream/web'
import type { AttachmentMediaType } from './media-type'
import { Buffer } from 'node:buffer'
import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, open, rename, rm, stat, statfs, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { webStreamOf } from '../http/web-stream'
import { attachmentFolders, attachmentPath, folderEntries, SHA256_HEX, temporaryFileName } from './attachment-tree'
import { SNIFF_BYTES, sniffMediaType } from './media-type'

/**
 * Attachment files, content-addressed by SHA-256.
 *
 * What lives where: `<root>/ab/cd/<sha256>` (two fan-out levels from the hash's first four
 * hex digits, so no folder grows past a few thousand entries). The database's
 * `attachments` table says which of them are known; this module knows only files.
 *
 * Guarantees of `write`:
 * - The body is streamed, never held whole: it is piped through a SHA-256 hash and a byte
 *   counter into a temporary file in the final folder. Memory stays at a few stream
 *   buffers whatever the size.
 * - It stops reading as soon as the size limit is passed, or as soon as the leading bytes
 *   are not the declared media type; it refuses a body whose hash is not the name.
 * - A file appears under its name only complete and verified: the temporary file is
 *   flushed to disk (fsync) and then renamed into place, and the folder is synced, so an
 *   upload acknowledged to a device survives a power cut. On any failure the temporary file
 *   is removed (one a crash leaves behind is swept at the next start: abandoned-uploads.ts).
 *   Two uploads of the same hash may race: both write identical bytes and the rename is atomic.
 */

export interface AttachmentWriteLimits {
  /** Bytes allowed; the write stops when the body passes this. */
  maxBytes: number
  /** The type the uploader declared; the body's magic bytes must show the same. */
  mediaType: AttachmentMediaType
}

export type AttachmentRejection = 'too_large' | 'hash_mismatch' | 'media_type_mismatch'

/** The body was refused; nothing was stored. */
export class AttachmentRejectedError extends Error {
  constructor(readonly reason: AttachmentRejection) {
    super(`attachment rejected: ${reason}`)
  }
}

export interface AttachmentStorage {
  has: (sha256: string) => Promise<boolean>
  /** The stored file's size in bytes, or undefined when there is none. */
  size: (sha256: string) => Promise<number | undefined>
  /** The stored file as a stream, or undefined when there is none. */
  open: (sha256: string) => Promise<globalThis.ReadableStream<Uint8Array> | undefined>
  /** Streams `body` into place under `sha256`; throws AttachmentRejectedError when refused. */
  write: (sha256: string, body: ReadableStream<Uint8Array> | null, limits: AttachmentWriteLimits) => Promise<{ size: number }>
  /**
   * Deletes the stored file (retention); true when there was one. With `untouchedSince`
   * (ms), only a file last written before then: one an upload has just put in place stays.
   */
  remove: (sha256: string, options?: { untouchedSince?: number }) => Promise<boolean>
  /** Every stored file (finished uploads, not their temporary files) with when it was last written, folder by folder. */
  storedFiles: () => AsyncGenerator<StoredFile>
  /** Room left on the disk that holds the files (the administrator's overview); null when it cannot be told. */
  space: () => Promise<DiskSpace | null>
}

/** A disk's size and what this process may still write to it, in bytes. */
export interface DiskSpace {
  freeBytes: number
  totalBytes: number
}

export interface StoredFile {
  sha256: string
  modifiedMs: number
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT'
}

/** Makes a rename durable. Some platforms cannot open a folder for syncing; there it is skipped. */
async function syncFolder(folder: string): Promise<void> {
  let handle
  try {
    handle = await open(folder, 'r')
    await handle.sync()
  }
  catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL')
      throw error
  }
  finally {
    await handle?.close()
  }
}

/** Counts, hashes and checks the leading bytes of everything that passes, failing fast. */
function inspectingStream(limits: AttachmentWriteLimits, hash: ReturnType<typeof createHash>): Transform & { bytes: () => number } {
  let bytes = 0
  let head: Buffer | undefined = Buffer.alloc(0)
  const checkHead = (): AttachmentRejectedError | undefined =>
    head && sniffMediaType(head) !== limits.mediaType ? new AttachmentRejectedError('media_type_mismatch') : undefined

  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length
      if (bytes > limits.maxBytes)
        return callback(new AttachmentRejectedError('too_large'))
      if (head) {
        head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)])
        if (head.length >= SNIFF_BYTES) {
          const rejected = checkHead()
          if (rejected)
            return callback(rejected)
          head = undefined
        }
      }
      hash.update(chunk)
      callback(null, chunk)
    },
    flush(callback) {
      // A body shorter than SNIFF_BYTES is judged on what there is.
      callback(checkHead())
    },
  })
  return Object.assign(transform, { bytes: () => bytes })
}

export class FileAttachmentStorage implements AttachmentStorage {
  constructor(readonly root: string) {}

  /** The folder and path of a hash; refuses anything but 64 lowercase hex digits (no path tricks). */
  private locate(sha256: string): { folder: string, path: string } {
    if (!SHA256_HEX.test(sha256))
      throw new Error(`not a SHA-256 hex digest: ${JSON.stringify(sha256)}`)
    const path = attachmentPath(this.root, sha256)
    return { folder: dirname(path), path }
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.size(sha256)) !== undefined
  }

  async size(sha256: string): Promise<number | undefined> {
    try {
      return (await stat(this.locate(sha256).path)).size
    }
    catch (error) {
      if (isMissing(error))
        return undefined
      throw error
    }
  }

  async remove(sha256: string, options: { untouchedSince?: number } = {}): Promise<boolean> {
    const { folder, path } = this.locate(sha256)
    try {
      if (options.untouchedSince !== undefined && (await stat(path)).mtimeMs >= options.untouchedSince)
        return false
      await unlink(path)
    }
    catch (error) {
      if (isMissing(error))
        return false
      throw error
    }
    await syncFolder(folder)
    return true
  }

  /**
   * The disk of the attachment folder, or of the data folder above it before the first
   * upload made it: the blocks an unprivileged process may use (the root's reserve is
   * no room for this server).
   */
  async space(): Promise<DiskSpace | null> {
    for (const folder of [this.root, dirname(this.root)]) {
      try {
        const disk = await statfs(folder)
        return { freeBytes: disk.bavail * disk.bsize, totalBytes: disk.blocks * disk.bsize }
      }
      catch (error) {
        if (!isMissing(error))
          return null
      }
    }
    return null
  }

  async* storedFiles(): AsyncGenerator<StoredFile> {
    for await (const folder of attachmentFolders(this.root)) {
      for (const sha256 of await folderEntries(folder, SHA256_HEX)) {
        try {
          yield { sha256, modifiedMs: (await stat(join(folder, sha256))).mtimeMs }
        }
        catch (error) {
          if (!isMissing(error)) // removed since the listing
            throw error
        }
      }
    }
  }

  async open(sha256: string): Promise<globalThis.ReadableStream<Uint8Array> | undefined> {
    let handle
    try {
      handle = await open(this.locate(sha256).path, 'r')
    }
    catch (error) {
      if (isMissing(error))
        return undefined
      throw error
    }
    // The read stream closes the handle when it ends or is cancelled.
    return webStreamOf(handle.createReadStream())
  }

  async write(sha256: string, body: ReadableStream<Uint8Array> | null, limits: AttachmentWriteLimits): Promise<{ size: number }> {
    const { folder, path } = this.locate(sha256)
    const created = await mkdir(folder, { recursive: true })
    const temporary = join(folder, temporaryFileName(sha256, randomBytes(6).toString('hex')))
    const hash = createHash('sha256')
    const inspect = inspectingStream(limits, hash)
    // Readable.fromWeb cancels the body when the pipeline fails, so the sender stops too.
    const source = body ? Readable.fromWeb(body) : Readable.from([])

    // `flush` syncs the file to disk before it is closed; the pipeline settles after the close.
    const file = createWriteStream(temporary, { flags: 'wx', mode: 0o600, flush: true })
    try {
      await pipeline(source, inspect, file)
      if (hash.digest('hex') !== sha256)
        throw new AttachmentRejectedError('hash_mismatch')
    }
    catch (error) {
      // A write stream stopped early may still be opening the file: let it close, then remove it.
      if (!file.closed)
        await new Promise<void>(resolve => file.once('close', () => resolve()))
      await rm(temporary, { force: true })
      throw error
    }
    try {
      await rename(temporary, path)
    }
    catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
    await syncFolder(folder)
    if (created) {
      // The fan-out folders are new too: their entries must survive a power cut as well.
      await syncFolder(dirname(folder))
      await syncFolder(this.root)
    }
    return { size: inspect.bytes() }
  }
}

export function createFileAttachmentStorage(root: string): AttachmentStorage {
  return new FileAttachmentStorage(root)
}
