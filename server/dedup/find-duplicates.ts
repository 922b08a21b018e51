import type { Application } from '#shared/application/application.schema'
import type { DuplicateRules } from '#shared/dedup/duplicate-rules'
import type { MatchProfile } from '#shared/dedup/match-profile'
import type { AppDeps } from '../context'
import type { CandidateFound } from '../repositories/duplicate-candidates.repository'
import type { Executor } from '../repositories/types'
import { randomUUID } from 'node:crypto'
import { applicationBlockingKeys } from '#shared/dedup/blocking-keys'
import { compareParties } from '#shared/dedup/compare-parties'
import { matchProfiles } from '#shared/dedup/match-profile'
import { scoreProfiles } from '#shared/dedup/score'
import { sql } from 'kysely'
import { applicationsSharingKeys, holdersOfKeys, insertDedupKeys, mostShared, replaceDedupKeys } from '../repositories/dedup-keys.repository'
import { pairedApplications, rescoreCandidate, saveCandidates, unresolvedCandidatesNaming } from '../repositories/duplicate-candidates.repository'
import { openApplication } from '../services/application-codec'
import { hashBlockingKey } from './dedup-hash'

/**
 * Finding an application's duplicates (DESIGN.md §6), at ingest, on resubmission and in
 * the re-scan. Its blocking keys go into the index, the records sharing a key are read —
 * members, and applications still open — and each is scored with the shared rules. Pairs
 * already raised from the other side, or judged different people, are left alone.
 */

/** Applications still open: an application that duplicates one of these is a candidate. */
const OPEN = new Set(['submitted', 'in_review', 'returned'])
/** A cancelled (注销) membership is no reason to refuse a new one. */
const CLOSED_MEMBER = 'cancelled'

export function blockingKeyHashes(deps: Pick<AppDeps, 'cipher'>, profiles: readonly MatchProfile[]): string[] {
  return applicationBlockingKeys(profiles).map(key => hashBlockingKey(deps.cipher, key))
}

export interface OtherRecord {
  type: 'member' | 'application'
  id: string
  applicationId: string
  data: string
}

/** The records behind the application ids found, as what they are now: a member, an open application, or nothing to compare. */
export async function otherRecords(db: Executor, applicationIds: readonly string[], earlierThan: { submittedAt: string, id: string } | undefined, alreadyPaired: ReadonlySet<string>): Promise<OtherRecord[]> {
  if (!applicationIds.length)
    return []
  // An approved application is compared as its member: its own data is not read.
  const applications = await db.selectFrom('applications')
    .select(['id', 'status', 'submitted_at', sql<string | null>`case when status in ('submitted', 'in_review', 'returned') then data end`.as('data')])
    .where('id', 'in', applicationIds)
    .execute()
  const approved = applications.filter(a => a.status === 'approved').map(a => a.id)
  const members = approved.length
    ? await db.selectFrom('members').select(['id', 'application_id', 'data', 'status']).where('application_id', 'in', approved).execute()
    : []
  const records: OtherRecord[] = []
  for (const member of members) {
    if (member.status !== CLOSED_MEMBER)
      records.push({ type: 'member', id: member.id, applicationId: member.application_id, data: member.data })
  }
  for (const app of applications) {
    if (!OPEN.has(app.status) || app.data === null)
      continue
    if (earlierThan && !alreadyPaired.has(app.id) && (app.submitted_at > earlierThan.submittedAt || (app.submitted_at === earlierThan.submittedAt && app.id >= earlierThan.id)))
      continue
    records.push({ type: 'application', id: app.id, applicationId: app.id, data: app.data })
  }
  return records
}

export interface FindDuplicatesOptions {
  /** A first submission: it has no keys and no candidates yet, and nobody has paired with it. */
  isNew?: boolean
  /**
   * Compare only with open applications that arrived before this one, and those already
   * paired with it (the re-scan's order: the later arrival is the suspected duplicate).
   */
  earlierThan?: { submittedAt: string, id: string }
}

/** Scores `profiles` against each record; the candidates at a level, with their comparison. */
export function scoreAgainst(deps: Pick<AppDeps, 'cipher'>, profiles: readonly MatchProfile[], others: readonly OtherRecord[], rules: DuplicateRules, profilesOf: (other: OtherRecord) => MatchProfile[]): CandidateFound[] {
  const found: CandidateFound[] = []
  for (const other of others) {
    const otherProfiles = profilesOf(other)
    const result = scoreProfiles(profiles, otherProfiles, rules)
    if (!result.level)
      continue
    const first = result.reasons[0]!
    const mine = profiles.find(p => p.party === first.party)!
    const theirs = otherProfiles.find(p => p.party === first.otherParty)!
    found.push({
      otherType: other.type,
      otherId: other.id,
      otherApplicationId: other.applicationId,
      level: result.level,
      score: result.score,
      reasons: result.reasons,
      comparison: { party: first.party, otherParty: first.otherParty, fields: compareParties(mine, theirs) },
    })
  }
  return found
}

/** Opens and profiles each other record once, however many applications it is scored against. */
function profileCache(deps: Pick<AppDeps, 'cipher'>): (other: OtherRecord) => MatchProfile[] {
  const cache = new Map<string, MatchProfile[]>()
  return (other) => {
    let profiles = cache.get(other.applicationId)
    if (!profiles) {
      profiles = matchProfiles(openApplication(other.data, deps.cipher))
      cache.set(other.applicationId, profiles)
    }
    return profiles
  }
}

/**
 * Keys the application and stores its candidates; answers what it found. Runs inside the
 * caller's transaction, so a push that fails leaves no keys or candidates behind.
 */
export async function findDuplicates(trx: Executor, deps: Pick<AppDeps, 'cipher'>, applicationId: string, app: Application, rules: DuplicateRules, at: string, options: FindDuplicatesOptions = {}): Promise<CandidateFound[]> {
  const profiles = matchProfiles(app)
  const keys = blockingKeyHashes(deps, profiles)
  await replaceDedupKeys(trx, applicationId, keys, options.isNew)
  const sharing = await applicationsSharingKeys(trx, keys, applicationId)
  const paired = sharing.length && !options.isNew ? await pairedApplications(trx, applicationId) : { mine: new Set<string>(), dismissed: new Set<string>(), reverse: new Set<string>() }
  const others = await otherRecords(trx, sharing.filter(id => !paired.dismissed.has(id) && !paired.reverse.has(id)), options.earlierThan, paired.mine)
  const found = scoreAgainst(deps, profiles, others, rules, profileCache(deps))
  if (found.length || !options.isNew)
    await saveCandidates(trx, applicationId, found, at, randomUUID)
  return found
}

/**
 * A resubmission's other side: the unresolved candidates that later arrivals hold against this
 * application (a pair is raised once, on the later arrival) are scored again on its new data,
 * as the re-scan would score them. Otherwise a field the agent was asked to fix — a mistyped
 * mobile another applicant has — kept its old match, and the later arrival's approval stayed
 * blocked by a likeness that no longer exists. Reviewers' verdicts are never touched.
 */
export async function rescoreCandidatesNaming(trx: Executor, deps: Pick<AppDeps, 'cipher'>, applicationId: string, app: Application, rules: DuplicateRules): Promise<void> {
  const naming = await unresolvedCandidatesNaming(trx, applicationId)
  if (!naming.length)
    return
  const holders = await otherRecords(trx, [...new Set(naming.map(c => c.applicationId))], undefined, new Set())
  const byId = new Map(holders.filter(h => h.type === 'application').map(h => [h.id, h]))
  const profiles = matchProfiles(app)
  const self: OtherRecord = { type: 'application', id: applicationId, applicationId, data: '' }
  for (const candidate of naming) {
    const holder = byId.get(candidate.applicationId)
    // A holder no longer open waits for no verdict (its candidates are left as they are).
    if (!holder)
      continue
    const [found] = scoreAgainst(deps, matchProfiles(openApplication(holder.data, deps.cipher)), [self], rules, () => profiles)
    await rescoreCandidate(trx, candidate.id, found ?? null)
  }
}

/**
 * `findDuplicates` for a batch of first submissions at once — what a pushed batch is — with
 * one insert of every key, one look-up of every key and one read of every record found.
 * The answer is the one-by-one answer: each application is compared with the records before
 * it and with the batch's earlier applications, so a person enrolled twice within one batch
 * is caught on the second.
 */
export async function findDuplicatesOfNew(trx: Executor, deps: Pick<AppDeps, 'cipher'>, items: ReadonlyArray<{ id: string, app: Application }>, rules: DuplicateRules, at: string): Promise<void> {
  const prepared = items.map((item) => {
    const profiles = matchProfiles(item.app)
    return { id: item.id, profiles, keys: blockingKeyHashes(deps, profiles) }
  })
  await insertDedupKeys(trx, prepared.flatMap(p => p.keys.map(key => ({ key, application_id: p.id }))))
  const holders = await holdersOfKeys(trx, [...new Set(prepared.flatMap(p => p.keys))])
  const position = new Map(prepared.map((p, i) => [p.id, i]))
  const sharing = prepared.map((p, i) => mostShared(p.keys.flatMap(key => holders.get(key) ?? []).filter(id => (position.get(id) ?? -1) < i)))
  const records = new Map((await otherRecords(trx, [...new Set(sharing.flat())], undefined, new Set())).map(o => [o.applicationId, o]))
  const profilesOf = profileCache(deps)
  for (const [i, p] of prepared.entries()) {
    const others = sharing[i]!.flatMap(id => records.get(id) ?? [])
    const found = scoreAgainst(deps, p.profiles, others, rules, profilesOf)
    if (found.length)
      await saveCandidates(trx, p.id, found, at, randomUUID)
  }
}
