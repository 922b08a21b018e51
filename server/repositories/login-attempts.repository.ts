import type { Executor } from './types'

export interface LoginAttempt {
  key: string
  failures: number
  windowStartedAt: string
  lockedUntil: string | null
}

export async function findLoginAttempts(db: Executor, keys: string[]): Promise<LoginAttempt[]> {
  if (!keys.length)
    return []
  const rows = await db.selectFrom('login_attempts').selectAll().where('key', 'in', keys).execute()
  return rows.map(r => ({ key: r.key, failures: Number(r.failures), windowStartedAt: r.window_started_at, lockedUntil: r.locked_until }))
}

export async function saveLoginAttempt(db: Executor, attempt: LoginAttempt): Promise<void> {
  await db.insertInto('login_attempts')
    .values({ key: attempt.key, failures: attempt.failures, window_started_at: attempt.windowStartedAt, locked_until: attempt.lockedUntil })
    .onConflict(oc => oc.column('key').doUpdateSet({ failures: attempt.failures, window_started_at: attempt.windowStartedAt, locked_until: attempt.lockedUntil }))
    .execute()
}

export async function clearLoginAttempts(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute()
}
