import type { Executor } from '../repositories/types'
import { sql } from 'kysely'
import { dialectOf } from './dialect'

/**
 * The database's own time, as an ISO 8601 UTC instant. Facts that several hosts compare —
 * a server's heartbeat against the command that asks whether one runs — are stamped and read
 * with this one clock, so a host whose clock is off does not change the answer.
 */
export async function databaseNow(db: Executor): Promise<string> {
  // clock_timestamp(), not now(): inside a transaction now() is the transaction's start.
  const query = dialectOf(db) === 'postgres'
    ? sql<{ now: string }>`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now`
    : sql<{ now: string }>`select strftime('%Y-%m-%dT%H:%M:%fZ', 'now') as now`
  const { rows } = await query.execute(db)
  return rows[0]!.now
}
