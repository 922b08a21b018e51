import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresUrl } from '../../support/databases'
import { agentApplication, pushBody, submit, SYNC_SITE_ID, withdraw } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * Two agents' first submissions under one application id, racing (DESIGN.md §5: agents push
 * only their own applications). The push looks the id up, finds nothing, and inserts; if
 * another agent's submission lands between the two, the insert meets it. The answer must be
 * the one the push gives when the other agent's application was there first — rejected,
 * `status.not_owner` — and never that agent's applicant, nor a 500, nor an overwrite.
 *
 * The race is made deterministic on PostgreSQL: the other agent's row is inserted in a
 * transaction held open, so the push's look-up cannot see it and its insert waits on it;
 * once the push is seen waiting on that lock, the transaction commits. (SQLite has one
 * writer: a push there cannot be overtaken between its look-up and its insert.)
 */
describe.runIf(postgresUrl)('a first submission overtaken by another agent\'s under the same id, on PostgreSQL', () => {
  let server: TestServer
  let li: SignedInAgent
  let wang: SignedInAgent

  beforeAll(async () => {
    server = await createTestServer('postgres')
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('agent.wang', 'field_agent', [SYNC_SITE_ID])
    li = await server.signIn('agent.li')
    wang = await server.signIn('agent.wang')
  })
  afterAll(() => server.dispose())

  /** Backends of this database waiting for a lock: the push, once it has met the held row. */
  const waitingOnLock = async (): Promise<number> => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(server.database.db)
    return rows[0]!.n
  }

  // A batch of first submissions only is inserted in bulk; anything else in the batch (here a
  // withdrawal of an application the server does not know) sends it one mutation at a time.
  it.each([
    ['a batch of first submissions, inserted in bulk', 1, false],
    ['a mixed batch, applied one mutation at a time', 3, true],
  ])('%s: answers not_owner once the other agent\'s row lands, keeps that row, and answers a retry alike', async (_label, seq, mixed) => {
    // Wang's application, pushed for real; its row is then copied under the id Li's device drew.
    const theirs = agentApplication(wang, seq)
    const pushed = await server.request('/api/sync/push', { method: 'POST', token: wang.token, json: pushBody([submit(theirs)]) })
    expect((await pushed.json()).results[0].outcome).toBe('applied')
    const mine = agentApplication(li, seq + 1)
    const unknown = withdraw(crypto.randomUUID(), 1)

    const holder = await server.database.db.startTransaction().execute()
    let committed = false
    try {
      await sql`create temporary table overtaking on commit drop as select * from applications where id = ${theirs.id}`.execute(holder)
      await sql`update overtaking set id = ${mine.id}, receipt_no = ${`${theirs.receiptNo}-RACE`}`.execute(holder)
      await sql`insert into applications select * from overtaking`.execute(holder)

      const mutation = submit(mine)
      const batch = mixed ? [mutation, unknown] : [mutation]
      const racing = server.request('/api/sync/push', { method: 'POST', token: li.token, json: pushBody(batch) })
      await expect.poll(waitingOnLock, { timeout: 10_000, interval: 50 }).toBeGreaterThan(0)
      await holder.commit().execute()
      committed = true

      const response = await racing
      expect(response.status).toBe(200)
      const text = await response.text()
      const results = JSON.parse(text).results
      expect(results[0]).toEqual({ outcome: 'rejected', mutationId: mutation.mutationId, applicationId: mine.id, issues: [{ path: 'agentId', code: 'status.not_owner' }] })
      expect(results).toHaveLength(batch.length)
      // Nothing of Wang's applicant reaches Li's device.
      expect(text).not.toContain(theirs.person.name)
      expect(text).not.toContain(theirs.person.mobile)

      // Wang's row stands; Li's application was not stored, nor the mutation as applied.
      const row = await server.database.db.selectFrom('applications').select(['agent_id', 'version']).where('id', '=', mine.id).executeTakeFirstOrThrow()
      expect(row).toEqual({ agent_id: wang.staffId, version: 1 })
      expect(await server.database.db.selectFrom('application_versions').select('version').where('application_id', '=', mine.id).execute()).toEqual([])

      // The device sends the batch again (it never saw an answer it trusts): the same answer.
      const retried = await server.request('/api/sync/push', { method: 'POST', token: li.token, json: pushBody(batch) })
      expect((await retried.json()).results).toEqual(results)
    }
    finally {
      if (!committed)
        await holder.rollback().execute()
    }
  })
})
