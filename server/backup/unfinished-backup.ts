import type { LocalisedText } from '#shared/i18n/locale'
import { readFileSync } from 'node:fs'
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { basename, join } from 'node:path'
import process from 'node:process'
import { processAlive } from '../locks/pid-lock'
import { operatorText } from '../operator-messages/operator-text'

/**
 * A backup is written under a name that says it is unfinished — `<dated>.partial`, with
 * `writer.json` inside naming the process (pid, host, boot) that writes it — and renamed
 * to its dated name only once every file, every folder and the manifest are on the disk.
 * A dated folder is therefore always a finished backup, whatever killed the process
 * (kill -9, a power cut, the OOM killer): nothing can mistake a half-written copy of the
 * personal data for a backup, and the next backup finds the leftover by its name and
 * removes it once its writer is gone. A writer that still runs — another backup into the
 * same target — is never touched, nor one written from another host (its pid means nothing here).
 */

export const UNFINISHED_SUFFIX = '.partial'
const WRITER_FILE = 'writer.json'
/** A `.partial` folder with no writer record yet is one being made this instant, or one killed just after its mkdir (then empty). */
const NO_RECORD_GRACE_MS = 60_000

interface Writer {
  pid: number
  host: string
  /** Linux's boot id: after a reboot (a power cut) every pid belongs to someone else. */
  boot: string | null
  startedAt: string
}

export type UnfinishedState
  = | { kind: 'running', writer: Writer | null }
    | { kind: 'other_host', writer: Writer }
    | { kind: 'abandoned', writer: Writer | null }

export interface UnfinishedBackup {
  folder: string
  state: UnfinishedState
}

export function unfinishedName(finalName: string): string {
  return `${finalName}${UNFINISHED_SUFFIX}`
}

/** Whether a folder the operator named is an unfinished backup: by its name, or by its writer record (a renamed copy). */
export async function isUnfinishedBackup(folder: string): Promise<boolean> {
  if (basename(folder).endsWith(UNFINISHED_SUFFIX))
    return true
  return (await stat(join(folder, WRITER_FILE)).catch(() => null)) !== null
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null
  }
  catch {
    return null
  }
}

async function readWriter(folder: string): Promise<Writer | null> {
  try {
    const writer = JSON.parse(await readFile(join(folder, WRITER_FILE), 'utf8')) as Partial<Writer>
    if (typeof writer.pid !== 'number' || typeof writer.host !== 'string' || typeof writer.startedAt !== 'string')
      return null
    return { pid: writer.pid, host: writer.host, boot: typeof writer.boot === 'string' ? writer.boot : null, startedAt: writer.startedAt }
  }
  catch {
    return null
  }
}

/** What became of the process writing an unfinished folder. */
export async function unfinishedState(folder: string, now = Date.now()): Promise<UnfinishedState> {
  const writer = await readWriter(folder)
  if (!writer) {
    const made = (await stat(folder)).mtimeMs
    return { kind: now - made < NO_RECORD_GRACE_MS ? 'running' : 'abandoned', writer: null }
  }
  if (writer.host !== hostname())
    return { kind: 'other_host', writer }
  const boot = bootId()
  if (writer.boot && boot && writer.boot !== boot)
    return { kind: 'abandoned', writer }
  return processAlive(writer.pid) ? { kind: 'running', writer } : { kind: 'abandoned', writer }
}

/** Makes `<root>/<finalName>.partial` and records this process as its writer. */
export async function startUnfinished(root: string, finalName: string, startedAt: Date): Promise<string> {
  const folder = join(root, unfinishedName(finalName))
  await mkdir(folder)
  const writer: Writer = { pid: process.pid, host: hostname(), boot: bootId(), startedAt: startedAt.toISOString() }
  await writeFile(join(folder, WRITER_FILE), `${JSON.stringify(writer)}\n`)
  return folder
}

async function syncFolder(path: string): Promise<void> {
  const handle = await open(path, 'r')
  try {
    await handle.sync()
  }
  finally {
    await handle.close()
  }
}

/** Every folder under `root`, deepest first: a file's name is durable once the folder holding it is synced. */
async function syncTree(root: string): Promise<void> {
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (entry.isDirectory())
      await syncTree(join(root, entry.name))
  }
  await syncFolder(root)
}

/**
 * Turns the unfinished folder into the backup `final`: its files were each synced as they
 * were written; here their names (every folder) are, then the rename, then the parent
 * folder that holds the new name — after which a power cut leaves the finished backup.
 */
export async function finishUnfinished(folder: string, final: string): Promise<void> {
  await rm(join(folder, WRITER_FILE), { force: true })
  await syncTree(folder)
  await rename(folder, final)
  await syncFolder(join(final, '..'))
}

/** The unfinished backups under `root`, each with what became of its writer. */
export async function findUnfinished(root: string): Promise<UnfinishedBackup[]> {
  let names: string[]
  try {
    names = (await readdir(root)).filter(name => name.endsWith(UNFINISHED_SUFFIX)).sort()
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return []
    throw error
  }
  const found: UnfinishedBackup[] = []
  for (const name of names) {
    const folder = join(root, name)
    // Removed meanwhile (its writer finished, or another backup swept it): nothing to say.
    const state = await unfinishedState(folder).catch(() => null)
    if (state)
      found.push({ folder, state })
  }
  return found
}

/** Removes the unfinished backups whose writer is gone; says what it found, removed or not. */
export async function sweepUnfinished(root: string): Promise<UnfinishedBackup[]> {
  const found = await findUnfinished(root)
  for (const unfinished of found) {
    if (unfinished.state.kind === 'abandoned')
      await rm(unfinished.folder, { recursive: true, force: true })
  }
  return found
}

/** The state in words, for the commands' output. */
export function describeUnfinished(state: UnfinishedState): LocalisedText {
  const writer = state.writer
  const who = writer ? operatorText('unfinished.writer', { pid: writer.pid, host: writer.host, startedAt: writer.startedAt }) : operatorText('unfinished.no_writer')
  switch (state.kind) {
    case 'running':
      return writer ? operatorText('unfinished.running', { who }) : operatorText('unfinished.being_made')
    case 'other_host':
      return operatorText('unfinished.other_host', { who })
    case 'abandoned':
      return operatorText('unfinished.abandoned', { who })
  }
}
