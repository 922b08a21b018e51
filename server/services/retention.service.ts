import type { AppDeps } from '../context'
import { retentionCutoffs } from '#shared/archive/retention'
import { emptyWriteAheadLog } from '../db/write-ahead-log'
import { OperatorError, operatorText } from '../operator-messages/operator-text'
import { missingAttachmentHashes } from '../repositories/application-attachments.repository'
import { appendAudit } from '../repositories/audit.repository'
import { currentProgramme } from '../repositories/programme.repository'
import { countDueRecords, countUnnamedAttachments, findDueRecords, findUnnamedAttachments, purgeApplication, purgeFeedEntries, purgeMember, purgeUnnamedAttachments } from '../repositories/retention.repository'

/**
 * Destroys the personal data whose retention period has passed (shared/archive/retention.ts,
 * under the programme settings in force): cancelled members with the application each came
 * from, and applications closed without a member. Batch by batch, each batch one transaction
 * that also writes one audit entry per record (`member.purge`, `application.purge`, no
 * actor: the rule did it); document files no other application names are deleted after the
 * commit. Then the documents no application names any more, uploaded longer ago than a
 * closed application is kept — their application never arrived (a device lost or wiped, a
 * draft given up after a refused push), or a resubmission replaced them (an earlier version's
 * photo, which no screen serves: attachment links follow the current version): record and
 * file, each audited (`attachment.purge`). Safe
 * to run while the server runs, and to run twice: a purged record is never due again.
 * `dryRun` only counts.
 *
 * A run that finishes then deletes stray files: stored files no attachment record names,
 * untouched for an hour. A purge whose process died between its commit and the removal of
 * its files (killed, a power cut), or whose removal failed, left such a file — someone's ID
 * photo whose record says it is gone, which no later run would reach — and so did an upload
 * cut between its file and its record, if the device never sent it again.
 */

/** A stray file younger than this may be an upload about to record itself. */
export const STRAY_AFTER_MS = 60 * 60_000
const STRAY_BATCH = 500

export interface PurgeOptions {
  dryRun?: boolean
  batchSize?: number
  onProgress?: (done: number, total: number) => void
  shouldStop?: () => boolean
}

export interface PurgeReport {
  /** Records due when the run started; `documents`: uploaded documents no application names. */
  due: { members: number, applications: number, documents: number }
  /** Records purged by this run (0 on a dry run). */
  purged: { members: number, applications: number, documents: number }
  filesDeleted: number
  /** Stray files deleted (found, on a dry run): see above. */
  strayFiles: number
  completed: boolean
  /**
   * SQLite, after a run that changed data: whether its write-ahead log, which still held
   * copies of the rows destroyed, was emptied (false: a reader kept it; the next run does it).
   */
  walEmptied?: boolean
}

/** Deletes (or, on a dry run, counts) the stored files no attachment record names, untouched for STRAY_AFTER_MS. */
async function sweepStrayFiles(deps: AppDeps, dryRun: boolean): Promise<number> {
  const before = deps.now().getTime() - STRAY_AFTER_MS
  let found = 0
  const settle = async (hashes: string[]) => {
    for (const sha256 of await missingAttachmentHashes(deps.db, hashes)) {
      if (dryRun) {
        found++
        continue
      }
      // Checked again one by one, and the file's age again as it goes: an upload of the same
      // bytes may have put a new file in place, or recorded it, since the listing.
      if ((await missingAttachmentHashes(deps.db, [sha256])).length === 1 && await deps.storage.remove(sha256, { untouchedSince: before }))
        found++
    }
  }
  let batch: string[] = []
  for await (const file of deps.storage.storedFiles()) {
    if (file.modifiedMs >= before)
      continue
    batch.push(file.sha256)
    if (batch.length >= STRAY_BATCH) {
      await settle(batch)
      batch = []
    }
  }
  await settle(batch)
  return found
}

export async function purgeExpiredRecords(deps: AppDeps, options: PurgeOptions = {}): Promise<PurgeReport> {
  const programme = await currentProgramme(deps.db)
  if (!programme)
    throw new OperatorError(operatorText('database.no_programme'))
  const cutoffs = retentionCutoffs(programme.settings.retention, deps.now())
  // A document whose application never arrived is kept as long as a closed application would be.
  const due = { ...await countDueRecords(deps.db, cutoffs), documents: await countUnnamedAttachments(deps.db, cutoffs.closedApplicationsBefore) }
  const report: PurgeReport = { due, purged: { members: 0, applications: 0, documents: 0 }, filesDeleted: 0, strayFiles: 0, completed: true }
  if (options.dryRun)
    return { ...report, strayFiles: await sweepStrayFiles(deps, true) }
  const total = due.members + due.applications + due.documents
  const progress = () => options.onProgress?.(report.purged.members + report.purged.applications + report.purged.documents, total)
  const batchSize = options.batchSize ?? 100
  options.onProgress?.(0, total)
  // What the batches destroyed leaves no copy behind in SQLite's write-ahead log, however the run ends.
  const finished = async (): Promise<PurgeReport> => deps.dialect === 'sqlite' ? { ...report, walEmptied: await emptyWriteAheadLog(deps.db) } : report
  for (;;) {
    if (options.shouldStop?.()) {
      report.completed = false
      return finished()
    }
    const batch = await findDueRecords(deps.db, cutoffs, batchSize)
    if (batch.members.length === 0 && batch.applications.length === 0)
      break
    const at = deps.now().toISOString()
    const files = await deps.db.transaction().execute(async (trx) => {
      const orphans: string[] = []
      for (const member of batch.members) {
        await purgeMember(trx, member.id, at)
        orphans.push(...await purgeApplication(trx, member.applicationId, at))
        await appendAudit(trx, { actorId: null, action: 'member.purge', targetType: 'member', targetId: member.id, detail: { memberNo: member.memberNo, applicationId: member.applicationId, reason: 'retention' } }, at)
      }
      for (const application of batch.applications) {
        orphans.push(...await purgeApplication(trx, application.id, at))
        await appendAudit(trx, { actorId: null, action: 'application.purge', targetType: 'application', targetId: application.id, detail: { receiptNo: application.receiptNo, reason: 'retention' } }, at)
      }
      await purgeFeedEntries(trx, [...batch.members.map(m => m.applicationId), ...batch.applications.map(a => a.id)])
      return orphans
    })
    // Only after the commit: a rolled-back batch must not have lost its files. A removal that
    // fails stops the run with its error, for the operator to see.
    for (const sha256 of new Set(files)) {
      if (await deps.storage.remove(sha256))
        report.filesDeleted++
    }
    report.purged.members += batch.members.length
    report.purged.applications += batch.applications.length
    progress()
  }
  // Then the documents no application names: their records and files, each audited.
  for (;;) {
    if (options.shouldStop?.()) {
      report.completed = false
      return finished()
    }
    const hashes = await findUnnamedAttachments(deps.db, cutoffs.closedApplicationsBefore, batchSize)
    if (hashes.length === 0)
      break
    const at = deps.now().toISOString()
    const purged = await deps.db.transaction().execute(async (trx) => {
      const purged = await purgeUnnamedAttachments(trx, hashes)
      for (const sha256 of purged)
        await appendAudit(trx, { actorId: null, action: 'attachment.purge', targetType: 'attachment', targetId: sha256, detail: { reason: 'retention' } }, at)
      return purged
    })
    for (const sha256 of purged) {
      if (await deps.storage.remove(sha256))
        report.filesDeleted++
    }
    report.purged.documents += purged.length
    progress()
    // Those named meanwhile by a push stay, and are not found again.
    if (purged.length === 0)
      break
  }
  report.strayFiles = await sweepStrayFiles(deps, false)
  return finished()
}
