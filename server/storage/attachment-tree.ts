import { readdir } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * The shape of the attachment folder, one place for everything that reads or walks it
 * (storage, the start-up sweep, backups): `<root>/ab/cd/<sha256>`, two fan-out levels from the
 * hash's first four hex digits, and an upload's temporary file `.<sha256>.<12 hex>.part`
 * beside where its file will be.
 */

export const SHA256_HEX = /^[0-9a-f]{64}$/
const FAN_OUT = /^[0-9a-f]{2}$/
/** Named so that no hash pattern matches it, and no listing of stored files includes it. */
export const TEMPORARY_FILE = /^\.[0-9a-f]{64}\.[0-9a-f]{12}\.part$/

/** Where the file of `sha256` lives under `root` (the caller vouches that it is a hash). */
export function attachmentPath(root: string, sha256: string): string {
  return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256)
}

export function temporaryFileName(sha256: string, suffix: string): string {
  return `.${sha256}.${suffix}.part`
}

/** The names in `folder` matching `pattern`, sorted; none when the folder does not exist. */
export async function folderEntries(folder: string, pattern: RegExp): Promise<string[]> {
  try {
    return (await readdir(folder)).filter(name => pattern.test(name)).sort()
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return []
    throw error
  }
}

/** Every leaf folder (`<root>/ab/cd`) in order, one at a time (a large store has tens of thousands). */
export async function* attachmentFolders(root: string): AsyncGenerator<string> {
  for (const first of await folderEntries(root, FAN_OUT)) {
    for (const second of await folderEntries(join(root, first), FAN_OUT))
      yield join(root, first, second)
  }
}

/** Where a data folder (the server's `DATA_DIR`, or a backup) keeps its attachment files. */
export function attachmentsFolder(dataDir: string): string {
  return join(dataDir, 'attachments')
}
