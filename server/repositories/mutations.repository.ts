import type { Mutation, MutationResult } from '#shared/sync/protocol'
import type { Executor } from './types'

/**
 * Mutations already applied, with the answer given, so a retry gets the same answer — and
 * with whose mutation it was and what it did, so that an id used again for something else
 * never does.
 */
export interface StoredMutation {
  applicationId: string
  staffId: string
  /** Null for mutations stored before these were kept (migration 2026-12-14). */
  kind: Mutation['kind'] | null
  baseVersion: number | null
  result: MutationResult
}

const COLUMNS = ['application_id', 'staff_id', 'kind', 'base_version', 'result'] as const

function toStored(row: { application_id: string, staff_id: string, kind: string | null, base_version: number | null, result: string }): StoredMutation {
  return { applicationId: row.application_id, staffId: row.staff_id, kind: row.kind as Mutation['kind'] | null, baseVersion: row.base_version, result: JSON.parse(row.result) as MutationResult }
}

export async function findStoredMutation(db: Executor, mutationId: string): Promise<StoredMutation | undefined> {
  const row = await db.selectFrom('mutations').select(COLUMNS).where('mutation_id', '=', mutationId).executeTakeFirst()
  return row && toStored(row)
}

/** Those of `mutationIds` already applied, in one query. */
export async function findStoredMutations(db: Executor, mutationIds: readonly string[]): Promise<Map<string, StoredMutation>> {
  if (!mutationIds.length)
    return new Map()
  const rows = await db.selectFrom('mutations').select(['mutation_id', ...COLUMNS]).where('mutation_id', 'in', [...new Set(mutationIds)]).execute()
  return new Map(rows.map(r => [r.mutation_id, toStored(r)]))
}

export interface NewMutation { mutationId: string, kind: Mutation['kind'], baseVersion: number, applicationId: string, staffId: string, deviceId: string, result: MutationResult, at: string }

export async function insertMutations(db: Executor, mutations: readonly NewMutation[]): Promise<void> {
  for (let i = 0; i < mutations.length; i += 200) {
    await db.insertInto('mutations').values(mutations.slice(i, i + 200).map(m => ({
      mutation_id: m.mutationId,
      kind: m.kind,
      base_version: m.baseVersion,
      application_id: m.applicationId,
      staff_id: m.staffId,
      device_id: m.deviceId,
      result: JSON.stringify(m.result),
      created_at: m.at,
    }))).execute()
  }
}

export async function insertMutation(db: Executor, mutation: NewMutation): Promise<void> {
  await insertMutations(db, [mutation])
}
