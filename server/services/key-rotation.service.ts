import type { Buffer } from 'node:buffer'
import type { AppDeps } from '../context'
import type { SealedCursor, SealedRecord, SealedTable } from '../repositories/sealed-records.repository'
import type { Executor } from '../repositories/types'
import type { PersonalDataCipher } from '../security/personal-data'
import { emptyWriteAheadLog } from '../db/write-ahead-log'
import { runDedupScan } from '../dedup/rescan'
import { OperatorError, operatorText } from '../operator-messages/operator-text'
import { appendAudit } from '../repositories/audit.repository'
import { currentProgramme } from '../repositories/programme.repository'
import { countSealedRecords, readSealedPage, readSealedRecord, writeSealedRecord } from '../repositories/sealed-records.repository'
import { deleteServerState, readServerState, writeServerState } from '../repositories/server-state.repository'
import { createPersonalDataCipher, dataKeyFingerprint } from '../security/personal-data'
import { identityLookupHash, openApplication, resealApplication } from './application-codec'
import { runningServerSeen } from './heartbeat.service'

/**
 * `npm run key:rotate`: every sealed ID number moves from the previous data key to the next
 * one — a key that may have leaked, or a policy's yearly change.
 *
 * Three passes, all batched and committed as they go, with progress:
 * 1. Re-seal: every application, every earlier version and every member has its ID numbers
 *    opened and sealed again under the next key, and its identity look-up hash recomputed.
 *    A value that already opens with the next key is left as it is, so an interrupted
 *    rotation simply runs again, and a record a stale server wrote meanwhile under the old
 *    key is caught by the next run.
 * 2. The duplicate blocking keys (keyed hashes too) are rebuilt under the next key: the
 *    re-scan of `npm run dedup:scan`, which also re-checks the open applications.
 * 3. Check: every record opens with the next key. Only then does the database take the
 *    next key's fingerprint (data-key-check.ts), in one transaction with the audit entry —
 *    from then on a server starts only with the next key, and nothing before that point
 *    can leave the data unreadable: until then every record opens with one of the two keys.
 *
 * Every server must be stopped first: one still running keeps sealing with the old key.
 */

const TABLES: readonly SealedTable[] = ['applications', 'application_versions', 'members']

export type RotationProgress
  = | { phase: 'reseal' | 'check', done: number, total: number }
    | { phase: 'dedup_keys' | 'dedup_candidates', done: number, total: number }

export interface RotationReport {
  records: number
  resealed: number
  previousFingerprint: string
  nextFingerprint: string
  /**
   * SQLite: whether its write-ahead log, which still held the values sealed under the previous
   * key, was emptied at the end (false: a reader kept it; `write-ahead-log.ts`).
   */
  walEmptied?: boolean
}

export class KeyRotationError extends OperatorError {}

/** Visits every sealed record, a page per transaction. */
async function eachSealedPage(deps: AppDeps, visit: (table: SealedTable, page: SealedRecord[], trx: Executor) => Promise<void>, batchSize: number): Promise<void> {
  for (const table of TABLES) {
    let after: SealedCursor | null = null
    for (;;) {
      const done = await deps.db.transaction().execute(async (trx) => {
        const page = await readSealedPage(trx, table, after, batchSize)
        if (page.length)
          await visit(table, page, trx)
        after = page.at(-1)?.cursor ?? after
        return page.length < batchSize
      })
      if (done)
        break
    }
  }
}

export async function rotateDataKey(deps: AppDeps, keys: { previous: Buffer, next: Buffer }, options: { batchSize?: number, onProgress?: (progress: RotationProgress) => void } = {}): Promise<RotationReport> {
  const batchSize = options.batchSize ?? 200
  const previous = createPersonalDataCipher(keys.previous)
  const next = createPersonalDataCipher(keys.next)
  const report: RotationReport = { records: 0, resealed: 0, previousFingerprint: dataKeyFingerprint(keys.previous), nextFingerprint: dataKeyFingerprint(keys.next) }
  if (report.previousFingerprint === report.nextFingerprint)
    throw new KeyRotationError(operatorText('rotate.same_key'))
  const stored = await readServerState(deps.db, 'data_key_fingerprint')
  if (stored !== undefined && stored !== report.previousFingerprint)
    throw new KeyRotationError(operatorText('rotate.not_previous', { stored, given: report.previousFingerprint }))

  // Until the switch, records are under either key: servers must not start and backups must not be taken (data-key-check.ts).
  await writeServerState(deps.db, 'key_rotation', report.nextFingerprint, deps.now().toISOString())

  const total = await countSealedRecords(deps.db)
  let done = 0
  const open = (value: string): string => {
    try {
      return next.decrypt(value)
    }
    catch {
      return previous.decrypt(value)
    }
  }

  options.onProgress?.({ phase: 'reseal', done, total })
  /**
   * Re-seals one record; true when it was written. A record changed meanwhile (a purge run
   * beside the rotation) is read again and done as it is now, a few times at most: a record
   * that keeps changing is another writer at work, and the rotation stops for it.
   */
  const reseal = async (table: SealedTable, read: SealedRecord, trx: Executor): Promise<boolean> => {
    let record: SealedRecord | undefined = read
    for (let attempt = 0; record && attempt < 5; attempt++) {
      let resealed: ReturnType<typeof resealApplication>
      try {
        resealed = resealApplication(record.data, open, next)
      }
      catch {
        throw new KeyRotationError(operatorText('rotate.record_unopened', { table, record: record.cursor.join(' v') }))
      }
      const hmac = table === 'application_versions' || record.idNumberHmac === null ? record.idNumberHmac : identityLookupHash(resealed.opened, next)
      // Sealing draws fresh nonces, so the JSON always changes: write only what was not yet under the next key.
      if (opensWith(record.data, next) && hmac === record.idNumberHmac)
        return false
      if (await writeSealedRecord(trx, table, record.cursor, { expected: record.data, data: resealed.data, idNumberHmac: hmac }))
        return true
      record = await readSealedRecord(trx, table, record.cursor)
    }
    if (record)
      throw new KeyRotationError(operatorText('rotate.resealed_meanwhile', { count: 1, examples: `${table} ${record.cursor.join(' v')}` }))
    return false
  }

  options.onProgress?.({ phase: 'reseal', done, total })
  await eachSealedPage(deps, async (table, page, trx) => {
    for (const record of page) {
      if (await reseal(table, record, trx))
        report.resealed++
    }
    done += page.length
    options.onProgress?.({ phase: 'reseal', done, total })
  }, batchSize)
  report.records = done

  // No programme settings yet (the server never got through a first start): there are no duplicate
  // rules, so no blocking keys to rebuild — and the scan's refusal would leave the rotation marked
  // in progress, which stops the server from starting to create them.
  if (await currentProgramme(deps.db)) {
    await runDedupScan({ ...deps, cipher: next }, {
      batchSize,
      onProgress: progress => options.onProgress?.({ phase: progress.phase === 'keys' ? 'dedup_keys' : 'dedup_candidates', done: progress.done, total: progress.total }),
    })
  }

  let checked = 0
  const unopened: string[] = []
  await eachSealedPage(deps, async (table, page) => {
    for (const record of page) {
      if (!opensWith(record.data, next))
        unopened.push(`${table} ${record.cursor.join(' v')}`)
    }
    checked += page.length
    options.onProgress?.({ phase: 'check', done: checked, total })
  }, batchSize)
  if (unopened.length)
    throw new KeyRotationError(operatorText('rotate.resealed_meanwhile', { count: unopened.length, examples: unopened.slice(0, 3).join(', ') }))

  const at = deps.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    // A server started while this ran would seal new records under the previous key: the switch waits until none runs.
    const seen = await runningServerSeen(trx)
    if (seen !== null)
      throw new KeyRotationError(operatorText('rotate.server_started', { seconds: Math.round(seen / 1000) }))
    await writeServerState(trx, 'data_key_fingerprint', report.nextFingerprint, at)
    await deleteServerState(trx, 'key_rotation')
    await appendAudit(trx, { actorId: null, action: 'data_key.rotate', detail: { previous: report.previousFingerprint, next: report.nextFingerprint, records: report.records, resealed: report.resealed } }, at)
  })
  // The values sealed under the previous key (a key that may have leaked) leave the disk too.
  if (deps.dialect === 'sqlite')
    report.walEmptied = await emptyWriteAheadLog(deps.db)
  return report
}

/** True when every sealed value in the stored JSON opens with `cipher`. */
function opensWith(data: string, cipher: PersonalDataCipher): boolean {
  try {
    openApplication(data, cipher)
    return true
  }
  catch {
    return false
  }
}
