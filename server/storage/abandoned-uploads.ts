import { rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { attachmentFolders, folderEntries, TEMPORARY_FILE } from './attachment-tree'

/**
 * Temporary files of uploads that a crash cut short. A refused or failed upload removes its
 * own temporary file; only a process that died mid-upload (killed, out of memory, power
 * cut) leaves one behind: part of someone's ID photo that no table names, that retention
 * never reaches and that backups skip. The server removes them when it starts.
 *
 * Only files nobody has written to for a while go: an upload in progress — perhaps in
 * another server process sharing the folder — touches its file with every chunk.
 */

/** An hour without a write: far longer than any upload stalls, short enough that fragments do not linger. */
export const ABANDONED_AFTER_MS = 60 * 60 * 1000

export interface SweepReport {
  removed: number
  bytes: number
}

export async function sweepAbandonedUploads(root: string, options: { now?: number, idleMs?: number } = {}): Promise<SweepReport> {
  const { now = Date.now(), idleMs = ABANDONED_AFTER_MS } = options
  const report: SweepReport = { removed: 0, bytes: 0 }
  for await (const folder of attachmentFolders(root)) {
    for (const name of await folderEntries(folder, TEMPORARY_FILE)) {
      const path = join(folder, name)
      let info
      try {
        info = await stat(path)
      }
      catch (error) {
        // Finished (renamed into place) or removed by its own upload since the listing.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          continue
        throw error
      }
      if (now - info.mtimeMs < idleMs)
        continue
      await rm(path, { force: true })
      report.removed++
      report.bytes += info.size
    }
  }
  return report
}
