import type { Buffer } from 'node:buffer'
import type { Env } from '../config/env'
import type { AppDeps } from '../context'
import type { DatabaseHandle } from '../db/database'
import type { OperatorOutput } from '../operator-messages/output'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { takePidLock } from '../locks/pid-lock'
import { OperatorError, operatorText } from '../operator-messages/operator-text'
import { latestAuditEntryOf } from '../repositories/audit.repository'
import { readServerState } from '../repositories/server-state.repository'
import { missingDatabase, openRuntime } from '../runtime'
import { switchDataKeyFile } from '../security/data-key-switch'
import { generateNextKey } from '../security/next-data-key'
import { dataKeyFingerprint, dataKeyPath, findDataKey, readDataKeyFile } from '../security/personal-data'
import { HEARTBEAT_STALE_MS, runningServerSeen } from '../services/heartbeat.service'
import { KeyRotationError, rotateDataKey } from '../services/key-rotation.service'
import { progressPrinter, runCommand } from './command'

/**
 * `npm run key:rotate [-- --new-key-file <file>]`: seals every ID number again under a new
 * data key (see key-rotation.service.ts). Stop every server first. The next key is the file
 * given, or one generated into DATA_DIR/data.key.next (kept there until the rotation has
 * finished, so an interrupted run goes on with the same key). With the key in
 * DATA_DIR/data.key, the file is switched at the end (the previous key is kept beside it,
 * dated: backups made before today need it); with FIELD_ENROL_DATA_KEY, the operator sets
 * it to the next key before starting the server — the server refuses the previous one.
 * Exit status: 0 rotated, 2 could not run or refused (nothing switched).
 */

const LOCK_FILE = 'key-rotate.lock'

runCommand('usage.key_rotate', async ({ env, out }) => {
  const { values } = parseArgs({ options: { 'new-key-file': { type: 'string' } } })
  // First, and before a next key is generated into it: a mistyped DATA_DIR is named as such, not as a missing key.
  const missing = missingDatabase(env)
  if (missing) {
    out.warnText(missing)
    return 2
  }
  const previous = findDataKey(env.FIELD_ENROL_DATA_KEY, env.DATA_DIR)
  if (!previous) {
    out.warn('rotate.no_key', { path: dataKeyPath(env.DATA_DIR) })
    return 2
  }
  const newKeyFile = values['new-key-file']
  const nextPath = newKeyFile ? resolve(newKeyFile) : `${dataKeyPath(env.DATA_DIR)}.next`
  if (newKeyFile && !readDataKeyFile(nextPath)) {
    out.warn('rotate.no_key_file', { path: nextPath })
    return 2
  }

  // Opened before a next key is generated: a DATABASE_URL naming an empty database is refused with nothing written.
  const { deps, database } = await openRuntime(env, { checkDataKey: false, existingOnly: true })
  const release = await takeRotationLock(env.DATA_DIR).catch(async (error: unknown) => {
    await database.destroy()
    throw error
  })
  try {
    return await rotate(env, out, { deps, database, previous, nextPath, newKeyFile })
  }
  finally {
    await release()
  }
})

/**
 * One rotation at a time, from before the next key is generated until data.key is switched:
 * two at once each switched data.key, and the second kept the new key aside as the
 * "previous" one, or stopped on a raw ENOENT after its work was done.
 */
async function takeRotationLock(dataDir: string): Promise<() => Promise<void>> {
  if (!existsSync(dataDir))
    throw new OperatorError(operatorText('rotate.no_data_dir', { dir: dataDir }))
  return takePidLock(join(dataDir, LOCK_FILE), holder => new OperatorError(operatorText('rotate.refused', { reason: operatorText('rotate.another_running', { dir: dataDir, pid: holder }) })))
}

async function rotate(env: Env, out: OperatorOutput, run: { deps: AppDeps, database: DatabaseHandle, previous: Buffer, nextPath: string, newKeyFile: string | undefined }): Promise<number> {
  const { deps, database, previous, nextPath, newKeyFile } = run
  let next: Buffer
  try {
    next = readDataKeyFile(nextPath) ?? await generateNextKey(nextPath, out.sayText)
    const seen = await runningServerSeen(deps.db)
    if (seen !== null) {
      out.warn('rotate.refused', { reason: operatorText('rotate.server_running', { seconds: Math.round(seen / 1000), stale: HEARTBEAT_STALE_MS / 1000 }) })
      return 2
    }
    if (dataKeyFingerprint(previous) === dataKeyFingerprint(next) && !await rotatedTo(deps.db, next)) {
      out.warn('rotate.refused', { reason: operatorText('rotate.next_in_force', { path: nextPath, fingerprint: dataKeyFingerprint(next) }) })
      return 2
    }
    if (await readServerState(deps.db, 'data_key_fingerprint') === dataKeyFingerprint(next)) {
      out.say('rotate.already_sealed')
    }
    else {
      const progress = progressPrinter(out)
      const labels = { reseal: 'rotate.progress_reseal', dedup_keys: 'rotate.progress_dedup_keys', dedup_candidates: 'rotate.progress_dedup_candidates', check: 'rotate.progress_check' } as const
      const report = await rotateDataKey(deps, { previous, next }, { onProgress: step => progress(out.text(labels[step.phase]), step.done, step.total) })
      out.say('rotate.done', { records: report.records, resealed: report.resealed, next: report.nextFingerprint, previous: report.previousFingerprint })
      if (report.walEmptied === false)
        out.say('rotate.wal_in_use')
    }
  }
  catch (error) {
    if (!(error instanceof KeyRotationError))
      throw error
    out.warn('rotate.refused', { reason: error.text })
    return 2
  }
  finally {
    await database.destroy()
  }

  if (env.FIELD_ENROL_DATA_KEY) {
    out.say('rotate.set_env_key', { path: nextPath })
    return 0
  }
  const current = dataKeyPath(env.DATA_DIR)
  const kept = await switchDataKeyFile(env.DATA_DIR, { path: nextPath, key: next, moveNext: !newKeyFile })
  if (kept)
    out.say('rotate.switched', { current, kept })
  else
    out.say('rotate.already_switched', { current })
  return 0
}

/**
 * Whether a finished rotation took the database to `key`. The key in force given as the next
 * one is either a run again after that rotation (it says what is already done) or a mistake
 * (the operator's new key file is a copy of the current one), which this tells apart.
 */
async function rotatedTo(db: AppDeps['db'], key: Buffer): Promise<boolean> {
  const rotation = await latestAuditEntryOf(db, 'data_key.rotate')
  return rotation?.detail.next === dataKeyFingerprint(key)
}
