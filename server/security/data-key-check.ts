import type { Buffer } from 'node:buffer'
import type { Executor } from '../repositories/types'
import { OperatorError, operatorText } from '../operator-messages/operator-text'
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

export class DataKeyMismatchError extends OperatorError {}

/**
 * The same check, reading only: a backup of a live database takes it before copying, so
 * that a backup made with the wrong key (a timer still holding the key from before a
 * rotation) is refused rather than labelled with a key that cannot restore it.
 */
export async function verifyDataKey(db: Executor, masterKey: Buffer): Promise<void> {
  const given = dataKeyFingerprint(masterKey)
  const rotating = await readServerState(db, 'key_rotation')
  if (rotating !== undefined)
    throw new DataKeyMismatchError(operatorText('key.rotation_under_way', { fingerprint: rotating }))
  const stored = await readServerState(db, 'data_key_fingerprint')
  if (stored !== undefined) {
    if (stored !== given)
      throw new DataKeyMismatchError(operatorText('key.not_this_database', { stored, given }))
    return
  }
  const sample = await sampleSealedApplication(db)
  if (sample !== undefined) {
    try {
      openApplication(sample, createPersonalDataCipher(masterKey))
    }
    catch {
      throw new DataKeyMismatchError(operatorText('key.does_not_open', { given }))
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
    throw new DataKeyMismatchError(operatorText('key.missing_for_sealed', { stored, path: keyPath }))
}
