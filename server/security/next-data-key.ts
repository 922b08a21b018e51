import type { LocalisedText } from '#shared/i18n/locale'
import type { Buffer } from 'node:buffer'
import { randomBytes } from 'node:crypto'
import { link, rm, writeFile } from 'node:fs/promises'
import { operatorText } from '../operator-messages/operator-text'
import { dataKeyFingerprint, readDataKeyFile } from './personal-data'

/**
 * A new next key written to `path` only if no file is there yet: two runs started at the
 * same moment must not each write one, or the first would seal the data with a key the
 * second's file has replaced. The key is written to a draft file beside it and then
 * hard-linked into place — a link fails when the name exists, and a file that appears under
 * it already holds its whole key (an exclusive create and a write would show the other run
 * an empty file for a moment). The run that finds the file made meanwhile uses the key in it.
 */
export async function generateNextKey(path: string, say: (line: LocalisedText) => void): Promise<Buffer> {
  const key = randomBytes(32)
  const draft = `${path}.${randomBytes(6).toString('hex')}.draft`
  await writeFile(draft, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  try {
    await link(draft, path)
  }
  catch (error) {
    const written = (error as NodeJS.ErrnoException).code === 'EEXIST' ? readDataKeyFile(path) : null
    if (!written)
      throw error
    say(operatorText('rotate.next_key_found', { path, fingerprint: dataKeyFingerprint(written) }))
    return written
  }
  finally {
    await rm(draft, { force: true })
  }
  say(operatorText('rotate.next_key_generated', { path, fingerprint: dataKeyFingerprint(key) }))
  return key
}
