import type { TestDatabase } from '../../support/databases'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { databaseNow } from '../../../server/db/database-clock'
import { HEARTBEAT_STALE_MS, runningServerSeen, startHeartbeat } from '../../../server/services/heartbeat.service'
import { createTestDatabase, DIALECTS } from '../../support/databases'

/**
 * The heartbeat that keeps key:rotate from running beside a server is stamped and aged with
 * the database's clock, so servers and the command may run on hosts whose clocks disagree.
 */

describe.each(DIALECTS)('server heartbeat on %s', (dialect) => {
  let database: TestDatabase

  beforeAll(async () => {
    database = await createTestDatabase(dialect)
  })
  afterEach(() => {
    vi.useRealTimers()
  })
  afterAll(async () => {
    await database?.dispose()
  })

  const failOnError = (error: unknown) => {
    throw error
  }

  it('reads the database clock as an ISO instant close to this host\'s', async () => {
    const now = await databaseNow(database.db)
    expect(now).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(Math.abs(Date.parse(now) - Date.now())).toBeLessThan(5_000)
  })

  it('no beat: no server', async () => {
    expect(await runningServerSeen(database.db)).toBeNull()
  })

  it('a server that beat just now is running, whatever the clock of the host that asks', async () => {
    await startHeartbeat(database.db, failOnError).stop()
    expect(await runningServerSeen(database.db)).toBeLessThan(HEARTBEAT_STALE_MS)
    // A command on a host whose clock runs ten minutes ahead of the database's (before, it
    // took the server's fresh beat for a stale one and went ahead).
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 10 * 60_000)
    expect(await runningServerSeen(database.db)).toBeLessThan(HEARTBEAT_STALE_MS)
    vi.useRealTimers()
    // And a server on a host whose clock runs behind stamps its beat with the database's time.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() - 10 * 60_000)
    await startHeartbeat(database.db, failOnError).stop()
    vi.useRealTimers()
    expect(await runningServerSeen(database.db)).toBeLessThan(HEARTBEAT_STALE_MS)
  })

  it('a beat older than the stale limit, by the database\'s clock, is a stopped server', async () => {
    const stale = new Date(Date.parse(await databaseNow(database.db)) - HEARTBEAT_STALE_MS - 1_000).toISOString()
    await database.db.updateTable('server_state').set({ value: stale }).where('name', '=', 'server_heartbeat').execute()
    expect(await runningServerSeen(database.db)).toBeNull()
  })
})
