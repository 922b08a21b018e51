import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ABANDONED_AFTER_MS, sweepAbandonedUploads } from '../../../server/storage/abandoned-uploads'
import { temporaryFileName } from '../../../server/storage/attachment-tree'

// On a real folder: the start-up sweep removes only the temporary files of uploads that
// stopped being written long ago, and never a stored attachment or anything it does not own.
describe('sweepAbandonedUploads', () => {
  let root: string
  const hashA = 'ab'.repeat(32)
  const hashB = 'cd'.repeat(32)
  const now = Date.parse('2026-12-05T10:00:00Z')

  function place(sha256: string, name: string, bytes: number, idleMs: number): string {
    const folder = join(root, sha256.slice(0, 2), sha256.slice(2, 4))
    mkdirSync(folder, { recursive: true })
    const path = join(folder, name)
    writeFileSync(path, Buffer.alloc(bytes, 7))
    const at = new Date(now - idleMs)
    utimesSync(path, at, at)
    return path
  }
  const remaining = (sha256: string) => readdirSync(join(root, sha256.slice(0, 2), sha256.slice(2, 4))).sort()

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'field-enrol-sweep-'))
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  it('removes temporary files idle for longer than the limit, keeping live uploads and stored files', async () => {
    const stale = temporaryFileName(hashA, '0123456789ab')
    const live = temporaryFileName(hashA, 'ba9876543210')
    place(hashA, stale, 3000, ABANDONED_AFTER_MS + 1000)
    place(hashA, live, 500, ABANDONED_AFTER_MS - 60_000)
    place(hashA, hashA, 4000, 10 * ABANDONED_AFTER_MS)
    place(hashB, temporaryFileName(hashB, 'aaaaaaaaaaaa'), 1000, 2 * ABANDONED_AFTER_MS)

    expect(await sweepAbandonedUploads(root, { now })).toEqual({ removed: 2, bytes: 4000 })
    expect(remaining(hashA)).toEqual([live, hashA].sort())
    expect(remaining(hashB)).toEqual([])
  })

  it('leaves alone files that are not an upload\'s temporary file, wherever they are', async () => {
    const old = 10 * ABANDONED_AFTER_MS
    const strangers = ['notes.part', `.${hashA}.part`, `.${hashA}.0123456789ab.part.bak`, `${hashA}.0123456789ab.part`]
    for (const name of strangers)
      place(hashA, name, 10, old)
    writeFileSync(join(root, temporaryFileName(hashA, '0123456789ab')), 'at the top, outside the fan-out folders')
    utimesSync(join(root, temporaryFileName(hashA, '0123456789ab')), new Date(now - old), new Date(now - old))

    expect(await sweepAbandonedUploads(root, { now })).toEqual({ removed: 0, bytes: 0 })
    expect(remaining(hashA)).toEqual(strangers.sort())
  })

  it('finds nothing to do in a folder that does not exist yet (a server that never stored a file)', async () => {
    expect(await sweepAbandonedUploads(join(root, 'attachments'), { now })).toEqual({ removed: 0, bytes: 0 })
  })
})
