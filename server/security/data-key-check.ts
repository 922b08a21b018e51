import type { Buffer } from 'node:buffer'
import type { Executor } from '../repositories/types'
import { sampleSealedApplication } from '../repositories/backup.repository'
import { readServerState, writeServerState } from '../repositories/server-state.repository'
import { openApplication } from '../services/application-codec'
import { createPersonalDataCipher, dataKeyFingerprint } from './personal-data'

/**
 * Refuses a data key that is not the one the database's ID numbers are sealed with. Without
 * this check a server started with another key (a mistyped FIELD_ENROL_DATA_KEY, a new
 * machine that generated its own data.key) would run: it would fail to open every stored
 * record and seal every new one under the wrong key — two halves of the data, each readable
 * only with its own key, and duplicate look-ups that never match across them.
 *
 * The database remembers the key's fingerprint (never the key). A database that has none
 * yet (first start, or created before this check) is proven on one sealed record, if it
 * has any, and then remembers it.
 */

export class DataKeyMismatchError extends Error {}

/**
 * The same check, reading only: a backup of a live database takes it before copying, so
 * that a backup made with the wrong key (a timer still holding the key from before a
 * rotation) is refused rather than labelled with a key that cannot restore it.
 */
export async function verifyDataKey(db: Executor, masterKey: Buffer): Promise<void> {
  const given = dataKeyFingerprint(masterKey)
  const rotating = await readServerState(db, 'key_rotation')
  if (rotating !== undefined)
    throw new DataKeyMismatchError(`A rotation to data key ${rotating} is under way or was interrupted: its records are under two keys until it finishes. Run \`npm run key:rotate\` (again) to finish it, then start the server or take the backup.`)
  const stored = await readServerState(db, 'data_key_fingerprint')
  if (stored !== undefined) {
    if (stored !== given)
      throw new DataKeyMismatchError(`The data key is not the one this database's ID numbers are sealed with (the database names key ${stored}, the key given is ${given}). Start with the right FIELD_ENROL_DATA_KEY or DATA_DIR/data.key; \`npm run key:rotate\` is how to change it.`)
    return
  }
  const sample = await sampleSealedApplication(db)
  if (sample !== undefined) {
    try {
      openApplication(sample, createPersonalDataCipher(masterKey))
    }
    catch {
      throw new DataKeyMismatchError(`The data key (${given}) does not open the ID numbers stored in this database. Start with the key they were sealed with (FIELD_ENROL_DATA_KEY or DATA_DIR/data.key).`)
    }
  }
}

export async function checkDataKey(db: Executor, masterKey: Buffer, at: string): Promise<void> {
  await verifyDataKey(db, masterKey)
  if (await readServerState(db, 'data_key_fingerprint') === undefined)
    await writeServerState(db, 'data_key_fingerprint', dataKeyFingerprint(masterKey), at)
}

/**
 * Before a key is generated (no FIELD_ENROL_DATA_KEY, no data.key): refuses when the database
 * is already sealed under a key, so that a lost or moved key file is put back rather than
 * replaced by a new key that opens nothing.
 */
export async function refuseMissingKey(db: Executor, keyPath: string): Promise<void> {
  const stored = await readServerState(db, 'data_key_fingerprint')
  if (stored !== undefined)
    throw new DataKeyMismatchError(`The database's ID numbers are sealed with key ${stored}, but there is no key: FIELD_ENROL_DATA_KEY is not set and ${keyPath} is missing. Put the key back (from where it is kept apart); a new one would open nothing.`)
}
