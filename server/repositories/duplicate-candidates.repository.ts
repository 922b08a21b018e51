import type { CandidateComparison } from '#shared/dedup/compare-parties'
import type { DuplicateLevel } from '#shared/dedup/duplicate-levels'
import type { DuplicateResolution } from '#shared/dedup/resolution'
import type { ReasonFound } from '#shared/dedup/score'
import type { Executor } from './types'

/**
 * The reading side of `duplicate_candidates` (DESIGN.md §6): the candidates an
 * application has, and how many of them block its approval. Detection writes the rows.
 */

export type CandidateOtherType = 'member' | 'application'

export interface DuplicateCandidateRecord {
  id: string
  otherType: CandidateOtherType
  otherId: string
  /** The application behind the other record (a member's own application). */
  otherApplicationId: string | null
  level: DuplicateLevel
  score: number
  reasons: ReasonFound[]
  /** How the matched parties compare field by field (shared compareParties). */
  comparison: CandidateComparison | null
  resolution: DuplicateResolution | null
  resolvedBy: string | null
  resolvedAt: string | null
  /** The reviewer's note on the verdict. */
  resolutionNote: string | null
  createdAt: string
}

function parseJson(text: string): unknown {
  return JSON.parse(text)
}

export async function listDuplicateCandidates(db: Executor, applicationId: string): Promise<DuplicateCandidateRecord[]> {
  const rows = await db.selectFrom('duplicate_candidates')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('score', 'desc')
    .orderBy('id')
    .execute()
  return rows.map(r => ({
    id: r.id,
    otherType: r.other_type as CandidateOtherType,
    otherId: r.other_id,
    otherApplicationId: r.other_application_id,
    level: r.level as DuplicateLevel,
    score: Number(r.score),
    reasons: parseJson(r.reasons) as ReasonFound[],
    comparison: r.comparison === null ? null : parseJson(r.comparison) as CandidateComparison,
    resolution: r.resolution as DuplicateResolution | null,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
    resolutionNote: r.resolution_note,
    createdAt: r.created_at,
  }))
}

/** Unresolved candidates of the application at one of `levels`. */
export async function countUnresolvedCandidates(db: Executor, applicationId: string, levels: readonly DuplicateLevel[]): Promise<number> {
  if (!levels.length)
    return 0
  const row = await db.selectFrom('duplicate_candidates')
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('application_id', '=', applicationId)
    .where('resolution', 'is', null)
    .where('level', 'in', levels)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

// ── Writing ─────────────────────────────────────────────────────────────────────────────

export interface CandidateFound {
  otherType: CandidateOtherType
  otherId: string
  otherApplicationId: string
  level: DuplicateLevel
  score: number
  reasons: ReasonFound[]
  comparison: CandidateComparison
}

/**
 * The candidates of an application after a (re)check: new pairs are added, unresolved ones
 * take the new score, and unresolved ones no longer found go (the agent fixed the typo).
 * Resolved candidates are never touched: a reviewer's verdict stays.
 */
export async function saveCandidates(db: Executor, applicationId: string, found: readonly CandidateFound[], at: string, newId: () => string): Promise<void> {
  const existing = await db.selectFrom('duplicate_candidates')
    .select(['id', 'other_type', 'other_id', 'resolution'])
    .where('application_id', '=', applicationId)
    .execute()
  const byPair = new Map(existing.map(row => [`${row.other_type}:${row.other_id}`, row]))
  const kept = new Set<string>()
  for (const candidate of found) {
    const pair = `${candidate.otherType}:${candidate.otherId}`
    kept.add(pair)
    const row = byPair.get(pair)
    if (!row)
      await insertCandidate(db, applicationId, candidate, at, newId())
    else if (row.resolution === null)
      await rescoreCandidate(db, row.id, candidate)
  }
  const gone = existing.filter(row => row.resolution === null && !kept.has(`${row.other_type}:${row.other_id}`)).map(row => row.id)
  if (gone.length)
    await db.deleteFrom('duplicate_candidates').where('id', 'in', gone).execute()
}

/** A new, unresolved candidate of the application. */
export async function insertCandidate(db: Executor, applicationId: string, candidate: CandidateFound, at: string, id: string): Promise<void> {
  await db.insertInto('duplicate_candidates').values({
    id,
    application_id: applicationId,
    other_type: candidate.otherType,
    other_id: candidate.otherId,
    other_application_id: candidate.otherApplicationId,
    level: candidate.level,
    score: candidate.score,
    reasons: JSON.stringify(candidate.reasons),
    comparison: JSON.stringify(candidate.comparison),
    resolution: null,
    resolved_by: null,
    resolved_at: null,
    created_at: at,
  }).execute()
}

/**
 * Other applications already paired with this one from either side: a pair is raised once,
 * and a "different person" verdict holds whichever application is checked again. `reverse`
 * holds the applications that raised the pair, except those approved since: one that became
 * a member has nothing more to decide, so the pair is this application's to raise against
 * the member.
 */
export async function pairedApplications(db: Executor, applicationId: string): Promise<{ mine: Set<string>, dismissed: Set<string>, reverse: Set<string> }> {
  const own = await db.selectFrom('duplicate_candidates')
    .select(['other_application_id', 'resolution'])
    .where('application_id', '=', applicationId)
    .execute()
  const theirs = await db.selectFrom('duplicate_candidates')
    .innerJoin('applications', 'applications.id', 'duplicate_candidates.application_id')
    .select(['duplicate_candidates.application_id', 'duplicate_candidates.resolution', 'applications.status'])
    .where('duplicate_candidates.other_application_id', '=', applicationId)
    .execute()
  const mine = new Set<string>()
  const dismissed = new Set<string>()
  for (const row of own) {
    if (!row.other_application_id)
      continue
    mine.add(row.other_application_id)
    if (row.resolution === 'different_person')
      dismissed.add(row.other_application_id)
  }
  const reverse = new Set<string>()
  for (const row of theirs) {
    if (row.status !== 'approved')
      reverse.add(row.application_id)
    if (row.resolution === 'different_person')
      dismissed.add(row.application_id)
  }
  return { mine, dismissed, reverse }
}

/** Every candidate naming the record (a member, or an application), with its holder and its verdict, if any. */
export async function candidatesNaming(db: Executor, other: { type: CandidateOtherType, id: string }): Promise<Array<{ id: string, applicationId: string, resolution: string | null }>> {
  const rows = await db.selectFrom('duplicate_candidates')
    .select(['id', 'application_id', 'resolution'])
    .where('other_type', '=', other.type)
    .where('other_id', '=', other.id)
    .orderBy('id')
    .execute()
  return rows.map(row => ({ id: row.id, applicationId: row.application_id, resolution: row.resolution }))
}

/** Unresolved candidates other applications hold against this application: the pairs raised from their side. */
export async function unresolvedCandidatesNaming(db: Executor, applicationId: string): Promise<Array<{ id: string, applicationId: string }>> {
  const rows = await db.selectFrom('duplicate_candidates')
    .select(['id', 'application_id'])
    .where('other_type', '=', 'application')
    .where('other_id', '=', applicationId)
    .where('resolution', 'is', null)
    .orderBy('id')
    .execute()
  return rows.map(row => ({ id: row.id, applicationId: row.application_id }))
}

/** One unresolved candidate with a new score (null: no longer a candidate at all, it goes). */
export async function rescoreCandidate(db: Executor, candidateId: string, found: Pick<CandidateFound, 'level' | 'score' | 'reasons' | 'comparison'> | null): Promise<void> {
  if (!found) {
    await db.deleteFrom('duplicate_candidates').where('id', '=', candidateId).where('resolution', 'is', null).execute()
    return
  }
  await db.updateTable('duplicate_candidates')
    .set({ level: found.level, score: found.score, reasons: JSON.stringify(found.reasons), comparison: JSON.stringify(found.comparison) })
    .where('id', '=', candidateId)
    .where('resolution', 'is', null)
    .execute()
}

export async function findCandidate(db: Executor, applicationId: string, candidateId: string): Promise<DuplicateCandidateRecord | undefined> {
  return (await listDuplicateCandidates(db, applicationId)).find(c => c.id === candidateId)
}

export async function resolveCandidate(db: Executor, candidateId: string, resolution: string, actorId: string, at: string, note: string | null): Promise<boolean> {
  const result = await db.updateTable('duplicate_candidates')
    .set({ resolution, resolved_by: actorId, resolved_at: at, resolution_note: note })
    .where('id', '=', candidateId)
    .where('resolution', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * The other record ended — an application without becoming a member, or a membership (注销:
 * at ingest and in the re-scan a cancelled member is no candidate at all): the unresolved
 * candidates naming it have nothing left to duplicate.
 */
export async function closeCandidatesNaming(db: Executor, other: { type: 'application' | 'member', id: string }, at: string): Promise<void> {
  await db.updateTable('duplicate_candidates')
    .set({ resolution: 'other_closed', resolved_by: null, resolved_at: at })
    .where('other_type', '=', other.type)
    .where('other_id', '=', other.id)
    .where('resolution', 'is', null)
    .execute()
}

/** The other application became a member: its candidates now point at the member. */
export async function repointCandidatesToMember(db: Executor, applicationId: string, memberId: string): Promise<void> {
  await db.updateTable('duplicate_candidates')
    .set({ other_type: 'member', other_id: memberId })
    .where('other_type', '=', 'application')
    .where('other_id', '=', applicationId)
    .execute()
}
