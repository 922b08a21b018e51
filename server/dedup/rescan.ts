import type { AppDeps } from '../context'
import type { Executor } from '../repositories/types'
import { matchProfiles } from '#shared/dedup/match-profile'
import { OperatorError, operatorText } from '../operator-messages/operator-text'
import { lockFeed } from '../repositories/change-feed.repository'
import { replaceDedupKeys } from '../repositories/dedup-keys.repository'
import { currentProgramme } from '../repositories/programme.repository'
import { openApplication } from '../services/application-codec'
import { blockingKeyHashes, findDuplicates } from './find-duplicates'

/**
 * The re-scan (`npm run dedup:scan`), for records imported or created before the rules
 * changed. Two passes: the blocking index is rebuilt for every open application and every
 * member (from the member's current data), then every open application is checked again in
 * arrival order, against members and earlier arrivals — the same look-up as at ingest.
 *
 * Each batch holds the feed lock, as pushes and decisions do, so a scan running beside the
 * server never races them over a candidate or a key; it is short, so they wait little.
 * Each batch commits with the scan's cursor in `dedup_scan`, so an interrupted scan resumes
 * where it stopped. A scan that finished, or that ran under other programme settings,
 * starts again from the beginning. Running it twice changes nothing the second time:
 * candidates are upserted per pair, and reviewers' verdicts are never touched.
 */

export type ScanPhase = 'keys' | 'candidates'

export interface ScanProgress {
  phase: ScanPhase
  done: number
  total: number
  /** Candidates found in the candidates pass so far (new or re-scored). */
  found: number
}

export interface ScanOptions {
  batchSize?: number
  onProgress?: (progress: ScanProgress) => void
  /** Checked between batches: true stops after the batch in hand, which is committed. */
  shouldStop?: () => boolean
}

export interface ScanResult {
  completed: boolean
  resumed: boolean
  keyed: number
  checked: number
  found: number
}

const OPEN = ['submitted', 'in_review', 'returned']
const STATE = 'dedup_scan'

interface ScanState {
  phase: ScanPhase
  afterSubmittedAt: string | null
  afterId: string | null
  done: number
  total: number
}

async function loadState(db: Executor) {
  return db.selectFrom('dedup_scan').selectAll().where('name', '=', STATE).executeTakeFirst()
}

async function saveState(db: Executor, state: ScanState, finishedAt: string | null = null): Promise<void> {
  await db.updateTable('dedup_scan').set({
    phase: state.phase,
    after_submitted_at: state.afterSubmittedAt,
    after_id: state.afterId,
    done: state.done,
    total: state.total,
    finished_at: finishedAt,
  }).where('name', '=', STATE).execute()
}

async function countKeyed(db: Executor): Promise<number> {
  const row = await db.selectFrom('applications').select(eb => eb.fn.countAll<number>().as('n')).where(eb => eb.or([eb('status', 'in', OPEN), eb('status', '=', 'approved')])).where('purged_at', 'is', null).executeTakeFirstOrThrow()
  return Number(row.n)
}

async function countOpen(db: Executor): Promise<number> {
  const row = await db.selectFrom('applications').select(eb => eb.fn.countAll<number>().as('n')).where('status', 'in', OPEN).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** One batch of the keys pass: open applications keyed from their data, approved ones from their member's. */
async function keyBatch(trx: Executor, deps: Pick<AppDeps, 'cipher'>, afterId: string | null, limit: number): Promise<{ count: number, last: string | null }> {
  let query = trx.selectFrom('applications')
    .leftJoin('members', 'members.application_id', 'applications.id')
    .select(['applications.id', 'applications.status', 'applications.data', 'members.data as member_data'])
    .where(eb => eb.or([eb('applications.status', 'in', OPEN), eb('applications.status', '=', 'approved')]))
    // A purged record (a cancelled member's, past its retention) must never be found again.
    .where('applications.purged_at', 'is', null)
    .orderBy('applications.id')
    .limit(limit)
  if (afterId !== null)
    query = query.where('applications.id', '>', afterId)
  const rows = await query.execute()
  for (const row of rows) {
    const data = row.status === 'approved' ? row.member_data : row.data
    if (data)
      await replaceDedupKeys(trx, row.id, blockingKeyHashes(deps, matchProfiles(openApplication(data, deps.cipher))))
  }
  return { count: rows.length, last: rows.at(-1)?.id ?? null }
}

export async function runDedupScan(deps: AppDeps, options: ScanOptions = {}): Promise<ScanResult> {
  const batchSize = options.batchSize ?? 200
  const programme = await currentProgramme(deps.db)
  if (!programme)
    throw new OperatorError(operatorText('database.no_programme'))
  const rules = programme.settings.duplicateRules

  const previous = await loadState(deps.db)
  const resumed = Boolean(previous && previous.finished_at === null && Number(previous.rules_version) === programme.version)
  if (!resumed) {
    await deps.db.deleteFrom('dedup_scan').where('name', '=', STATE).execute()
    await deps.db.insertInto('dedup_scan').values({ name: STATE, rules_version: programme.version, phase: 'keys', after_submitted_at: null, after_id: null, done: 0, total: await countKeyed(deps.db), started_at: deps.now().toISOString(), finished_at: null }).execute()
  }
  const row = (await loadState(deps.db))!
  const state: ScanState = { phase: row.phase as ScanPhase, afterSubmittedAt: row.after_submitted_at, afterId: row.after_id, done: Number(row.done), total: Number(row.total) }
  const result: ScanResult = { completed: false, resumed, keyed: 0, checked: 0, found: 0 }
  const report = () => options.onProgress?.({ phase: state.phase, done: state.done, total: state.total, found: result.found })

  while (state.phase === 'keys') {
    const rows = await deps.db.transaction().execute(async (trx) => {
      await lockFeed(trx)
      const { count, last } = await keyBatch(trx, deps, state.afterId, batchSize)
      if (last === null) {
        Object.assign(state, { phase: 'candidates', afterSubmittedAt: null, afterId: null, done: 0, total: await countOpen(trx) })
      }
      else {
        state.afterId = last
        state.done += count
      }
      await saveState(trx, state)
      return count
    })
    result.keyed += rows
    report()
    if (rows && options.shouldStop?.())
      return result
  }

  for (;;) {
    const at = deps.now().toISOString()
    const batch = await deps.db.transaction().execute(async (trx) => {
      await lockFeed(trx)
      let query = trx.selectFrom('applications').select(['id', 'data', 'submitted_at']).where('status', 'in', OPEN).orderBy('submitted_at').orderBy('id').limit(batchSize)
      const { afterSubmittedAt: since, afterId: after } = state
      if (since !== null && after !== null)
        query = query.where(eb => eb.or([eb('submitted_at', '>', since), eb.and([eb('submitted_at', '=', since), eb('id', '>', after)])]))
      const rows = await query.execute()
      let found = 0
      for (const row of rows) {
        const earlierThan = { submittedAt: row.submitted_at, id: row.id }
        found += (await findDuplicates(trx, deps, row.id, openApplication(row.data, deps.cipher), rules, at, { earlierThan })).length
      }
      const last = rows.at(-1)
      if (last)
        Object.assign(state, { afterSubmittedAt: last.submitted_at, afterId: last.id, done: state.done + rows.length })
      await saveState(trx, state, last ? null : deps.now().toISOString())
      return { count: rows.length, found }
    })
    if (!batch.count)
      break
    result.checked += batch.count
    result.found += batch.found
    report()
    if (options.shouldStop?.())
      return result
  }
  result.completed = true
  return result
}
