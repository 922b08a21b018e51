import { link, readFile, rm, writeFile } from 'node:fs/promises'
import process from 'node:process'

/**
 * Locks and leftovers that name the process holding them, for the operations commands
 * (restore, key rotation, backups): one left by a run that was killed outright (kill -9, a
 * power cut) is recognised as such and taken over, instead of blocking every later run
 * until someone finds and deletes it.
 */

/** Whether a process with this pid runs on this machine (EPERM: it does, as someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  }
  catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes the lock file at `path` for this process, or throws `refused(holder)` while another
 * live process holds it. Written whole before it appears (a draft hard-linked into place:
 * a link either makes the name or finds it taken), so a reader never sees a half-written
 * pid. Resolves to the release.
 */
export async function takePidLock(path: string, refused: (holder: number) => Error): Promise<() => Promise<void>> {
  const draft = `${path}.${process.pid}`
  await writeFile(draft, `${process.pid}\n`)
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(draft, path)
        return () => rm(path, { force: true })
      }
      catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2)
          throw error
      }
      const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10)
      if (holder && holder !== process.pid && processAlive(holder))
        throw refused(holder)
      await rm(path, { force: true })
    }
  }
  finally {
    await rm(draft, { force: true })
  }
}
