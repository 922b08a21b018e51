import type { DuplicateLevel } from '#shared/dedup/duplicate-levels'
import type { Executor } from './types'

/**
 * The reading side of `duplicate_candidates` (DESIGN.md §6): the candidates an
 * application has, and how many of them block its approval. Detection writes the rows.
 */

export interface DuplicateCandidateRecord {
  id: string
  otherType: string
  otherId: string
  level: DuplicateLevel
  score: number
  reasons: unknown
  resolution: string | null
  resolvedBy: string | null
  resolvedAt: string | null
  createdAt: string
}

function parseReasons(text: string): unknown {
  try {
    return JSON.parse(text)
  }
  catch {
    return text
  }
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
    otherType: r.other_type,
    otherId: r.other_id,
    level: r.level as DuplicateLevel,
    score: Number(r.score),
    reasons: parseReasons(r.reasons),
    resolution: r.resolution,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
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
