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

export async function insertMutation(db: Executor, m: { mutationId: string, applicationId: string, staffId: string, deviceId: string, result: MutationResult, at: string }): Promise<void> {
  await db.insertInto('mutations').values({
    mutation_id: m.mutationId,
    application_id: m.applicationId,
    staff_id: m.staffId,
    device_id: m.deviceId,
    result: JSON.stringify(m.result),
    created_at: m.at,
  }).execute()
}
