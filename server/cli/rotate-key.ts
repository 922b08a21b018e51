import type { Buffer } from 'node:buffer'
import type { Env } from '../config/env'
import type { AppDeps } from '../context'
import type { DatabaseHandle } from '../db/database'
import { existsSync } from 'node:fs'
import { chmod, copyFile, rename } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { loadEnv } from '../config/env'
import { takePidLock } from '../locks/pid-lock'
import { readServerState } from '../repositories/server-state.repository'
import { missingDatabase, openRuntime } from '../runtime'
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

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'new-key-file': { type: 'string' } } })
  const env = loadEnv()
  // First, and before a next key is generated into it: a mistyped DATA_DIR is named as such, not as a missing key.
  const missing = missingDatabase(env)
  if (missing) {
    console.error(missing)
    return 2
  }
  const previous = findDataKey(env.FIELD_ENROL_DATA_KEY, env.DATA_DIR)
  if (!previous) {
    console.error(`No data key to rotate: FIELD_ENROL_DATA_KEY is not set and ${dataKeyPath(env.DATA_DIR)} does not exist`)
    return 2
  }
  const newKeyFile = values['new-key-file']
  const nextPath = newKeyFile ? resolve(newKeyFile) : `${dataKeyPath(env.DATA_DIR)}.next`
  if (newKeyFile && !readDataKeyFile(nextPath)) {
    console.error(`No key file at ${nextPath}`)
    return 2
  }

  // Opened before a next key is generated: a DATABASE_URL naming an empty database is refused with nothing written.
  const { deps, database } = await openRuntime(env, { checkDataKey: false, existingOnly: true })
  const release = await takeRotationLock(env.DATA_DIR).catch(async (error: unknown) => {
    await database.destroy()
    throw error
  })
  try {
    return await rotate(env, { deps, database, previous, nextPath, newKeyFile })
  }
  finally {
    await release()
  }
}

/**
 * One rotation at a time, from before the next key is generated until data.key is switched:
 * two at once each switched data.key, and the second kept the new key aside as the
 * "previous" one, or stopped on a raw ENOENT after its work was done.
 */
async function takeRotationLock(dataDir: string): Promise<() => Promise<void>> {
  if (!existsSync(dataDir))
    throw new Error(`DATA_DIR=${dataDir} does not exist: is DATA_DIR right? (It holds the attachments and the data key files.) Nothing was changed.`)
  return takePidLock(join(dataDir, LOCK_FILE), holder => new Error(`Not rotated: another key:rotate on ${dataDir} is running (process ${holder}): let it finish, then run it again if it failed.`))
}

async function rotate(env: Env, run: { deps: AppDeps, database: DatabaseHandle, previous: Buffer, nextPath: string, newKeyFile: string | undefined }): Promise<number> {
  const { deps, database, previous, nextPath, newKeyFile } = run
  try {
    const next = readDataKeyFile(nextPath) ?? await generateNextKey(nextPath)
    const seen = await runningServerSeen(deps.db)
    if (seen !== null) {
      console.error(`Not rotated: a server is running on this database (it was alive ${Math.round(seen / 1000)} s ago). Stop every server first; ${HEARTBEAT_STALE_MS / 1000} s after the last one stopped, run key:rotate again.`)
      return 2
    }
    if (await readServerState(deps.db, 'data_key_fingerprint') === dataKeyFingerprint(next)) {
      console.log('The database is already sealed with the next key (an earlier run finished its work).')
    }
    else {
      const progress = progressPrinter()
      const labels = { reseal: 'sealing again', dedup_keys: 'rebuilding duplicate keys', dedup_candidates: 're-checking duplicates', check: 'checking' }
      const report = await rotateDataKey(deps, { previous, next }, { onProgress: step => progress(labels[step.phase], step.done, step.total) })
      console.log(`Rotated: ${report.records} records checked, ${report.resealed} sealed again; the database now takes key ${report.nextFingerprint} (was ${report.previousFingerprint}).`)
      if (report.walEmptied === false)
        console.log('The database\'s write-ahead log (field-enrol.sqlite-wal) was in use and still holds values sealed under the previous key: run `npm run retention:purge` when no export is running, which empties it.')
    }
  }
  catch (error) {
    if (!(error instanceof KeyRotationError))
      throw error
    console.error(`Not rotated: ${error.message}`)
    return 2
  }
  finally {
    await database.destroy()
  }

  if (env.FIELD_ENROL_DATA_KEY) {
    console.log(`Set FIELD_ENROL_DATA_KEY to the key in ${nextPath} before starting the server (it refuses the previous key), then delete that file. Keep the previous key while backups made before today are kept: they need it.`)
    return 0
  }
  const current = dataKeyPath(env.DATA_DIR)
  const kept = join(env.DATA_DIR, `data.key.previous-${new Date().toISOString().replaceAll(':', '-')}`)
  // The previous key is copied aside before data.key is replaced, so there is always a data.key.
  if (existsSync(current)) {
    await copyFile(current, kept)
    await chmod(kept, 0o600)
  }
  if (newKeyFile)
    await copyFile(nextPath, current)
  else
    await rename(nextPath, current)
  await chmod(current, 0o600)
  console.log(`${current} now holds the next key; the previous one is in ${kept}: backups made before today need it — delete it once they have expired.`)
  return 0
}

runCommand(main)
