import type { Executor } from './types'
import { sql } from 'kysely'

/**
 * Attempts against a sign-in key (a user name, an address) in the current window. Each
 * statement here is one atomic row update, so attempts arriving at once are each counted.
 */

export interface CountedAttempt {
  /** This attempt's number in the key's window, from 1. */
  attempt: number
  /** Set while the key is locked: the attempt was not counted. */
  lockedUntil: string | null
}

/**
 * Counts one attempt against `key`, atomically, unless the key is locked. A window that began
 * before `windowStart`, or a lock that has ended, starts the count again.
 */
export async function countAttempt(db: Executor, key: string, now: string, windowStart: string): Promise<CountedAttempt> {
  const locked = sql<boolean>`login_attempts.locked_until is not null and login_attempts.locked_until > ${now}`
  const fresh = sql<boolean>`login_attempts.window_started_at <= ${windowStart} or login_attempts.locked_until is not null`
  const row = await db.insertInto('login_attempts')
    .values({ key, failures: 1, window_started_at: now, locked_until: null })
    .onConflict(oc => oc.column('key').doUpdateSet({
      failures: sql<number>`case when ${locked} then login_attempts.failures when ${fresh} then 1 else login_attempts.failures + 1 end`,
      window_started_at: sql<string>`case when ${locked} then login_attempts.window_started_at when ${fresh} then ${now} else login_attempts.window_started_at end`,
      locked_until: sql<string | null>`case when ${locked} then login_attempts.locked_until else null end`,
    }))
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow()
  return { attempt: Number(row.failures), lockedUntil: row.locked_until }
}

export async function lockKey(db: Executor, key: string, until: string): Promise<void> {
  await db.updateTable('login_attempts').set({ locked_until: until }).where('key', '=', key).execute()
}

/** Takes back one counted attempt (the password was right). */
export async function uncountAttempt(db: Executor, key: string): Promise<void> {
  await db.updateTable('login_attempts').set(eb => ({ failures: eb('failures', '-', 1) })).where('key', '=', key).where('failures', '>', 0).execute()
}

export async function clearLoginAttempts(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute()
}
