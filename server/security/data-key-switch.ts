import type { Buffer } from 'node:buffer'
import { readdirSync } from 'node:fs'
import { chmod, copyFile, link, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { dataKeyPath, readDataKeyFile } from './personal-data'

const KEPT_PREFIX = 'data.key.previous-'

/**
 * The last step of `key:rotate` with the key in `DATA_DIR/data.key`, once the database is
 * sealed with the next key: the previous key is kept beside it as `data.key.previous-<time>`
 * (backups made before the rotation need it) and `data.key` then holds the next key.
 *
 * A run killed anywhere in here is finished by running the command again, and leaves no
 * truncated key file and no second copy of one key: the previous key is hard-linked aside
 * (whole or not at all), a key already kept aside is not kept again, and `data.key` is only
 * ever replaced by a rename — a copy over it would write into the kept file's link too, and
 * a copy cut short would leave a `data.key` no server could start with.
 *
 * `moveNext`: the next key's file is DATA_DIR/data.key.next (generated; renamed into place),
 * not the operator's own `--new-key-file` (copied, never moved).
 * Answers the kept file's path, or undefined when `data.key` already held the next key.
 */
export async function switchDataKeyFile(dataDir: string, next: { path: string, key: Buffer, moveNext: boolean }): Promise<string | undefined> {
  const current = dataKeyPath(dataDir)
  const previous = readDataKeyFile(current)
  if (previous?.equals(next.key)) {
    // Left behind, a generated next key equal to the key in force would be "rotated to" by the next run, and refused.
    if (next.moveNext)
      await rm(next.path, { force: true })
    return undefined
  }
  let kept: string | undefined
  if (previous) {
    kept = keptCopyOf(dataDir, previous) ?? join(dataDir, `${KEPT_PREFIX}${new Date().toISOString().replaceAll(':', '-')}`)
    await link(current, kept).catch((error: NodeJS.ErrnoException) => {
      // Only the copy an earlier run made of this very key is there already (found above).
      if (error.code !== 'EEXIST')
        throw error
    })
    await chmod(kept, 0o600)
  }
  if (next.moveNext) {
    await rename(next.path, current)
  }
  else {
    const draft = `${current}.switching`
    await copyFile(next.path, draft)
    await chmod(draft, 0o600)
    await rename(draft, current)
  }
  await chmod(current, 0o600)
  return kept
}

/** A `data.key.previous-*` file already holding `key` (left by a run killed before its switch). */
function keptCopyOf(dataDir: string, key: Buffer): string | undefined {
  const name = readdirSync(dataDir)
    .filter(file => file.startsWith(KEPT_PREFIX))
    .sort()
    .find(file => readKeptKey(join(dataDir, file))?.equals(key))
  return name === undefined ? undefined : join(dataDir, name)
}

/** A kept file that is not a key (edited by hand, say) is no copy of this one: it is left alone. */
function readKeptKey(path: string): Buffer | undefined {
  try {
    return readDataKeyFile(path)
  }
  catch {
    return undefined
  }
}
