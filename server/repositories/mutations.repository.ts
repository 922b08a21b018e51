import type { MutationResult } from '#shared/sync/protocol'
import type { Executor } from './types'

/** Mutations already applied, with the answer given, so a retry gets the same answer. */
export async function findMutationResult(db: Executor, mutationId: string): Promise<MutationResult | undefined> {
  const row = await db.selectFrom('mutations').select('result').where('mutation_id', '=', mutationId).executeTakeFirst()
  return row && JSON.parse(row.result) as MutationResult
}

/** The stored answers of those of `mutationIds` already applied, in one query. */
export async function findMutationResults(db: Executor, mutationIds: readonly string[]): Promise<Map<string, MutationResult>> {
  if (!mutationIds.length)
    return new Map()
  const rows = await db.selectFrom('mutations').select(['mutation_id', 'result']).where('mutation_id', 'in', [...new Set(mutationIds)]).execute()
  return new Map(rows.map(r => [r.mutation_id, JSON.parse(r.result) as MutationResult]))
}

export interface NewMutation { mutationId: string, applicationId: string, staffId: string, deviceId: string, result: MutationResult, at: string }

export async function insertMutations(db: Executor, mutations: readonly NewMutation[]): Promise<void> {
  for (let i = 0; i < mutations.length; i += 200) {
    await db.insertInto('mutations').values(mutations.slice(i, i + 200).map(m => ({
      mutation_id: m.mutationId,
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
