import type { Executor } from './types'

/**
 * Named monotonic counters (change feed, audit log, member numbers). Incrementing the row
 * takes its lock until the transaction ends, so on PostgreSQL the numbers are handed out
 * in commit order: a reader that has seen number n will never later find n−1 appear
 * (which a plain sequence allows, and which would make a sync cursor skip changes).
 */
export async function nextCounterValue(db: Executor, name: string): Promise<number> {
  return reserveCounterValues(db, name, 1)
}

/** Reserves `count` consecutive values and answers the first. */
export async function reserveCounterValues(db: Executor, name: string, count: number): Promise<number> {
  const bump = () => db.updateTable('counters')
    .set(eb => ({ value: eb('value', '+', count) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirst()
  let row = await bump()
  if (!row) {
    await db.insertInto('counters').values({ name, value: 0 }).onConflict(oc => oc.column('name').doNothing()).execute()
    row = await bump()
  }
  return Number(row!.value) - count + 1
}

/** The last value handed out (0 before the first), as committed: no lock taken. */
export async function readCounterValue(db: Executor, name: string): Promise<number> {
  const row = await db.selectFrom('counters').select('value').where('name', '=', name).executeTakeFirst()
  return row ? Number(row.value) : 0
}

/**
 * Takes the counter's row lock without changing it, for a transaction that will hand out
 * numbers later: taking it first means every writer queues here before it locks any other
 * row, so two writers can never wait for each other (deadlock).
 */
export async function lockCounter(db: Executor, name: string): Promise<void> {
  const result = await db.updateTable('counters').set(eb => ({ value: eb.ref('value') })).where('name', '=', name).executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) {
    await db.insertInto('counters').values({ name, value: 0 }).onConflict(oc => oc.column('name').doNothing()).execute()
    await db.updateTable('counters').set(eb => ({ value: eb.ref('value') })).where('name', '=', name).execute()
  }
}
