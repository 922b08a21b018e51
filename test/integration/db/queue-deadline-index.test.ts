import type { Executor } from '../../../server/repositories/types'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AWAITING_RANK_SQL } from '../../../server/repositories/application-queue.repository'
import { createTestDatabase, DIALECTS } from '../../support/databases'

/**
 * The queue's deadline order and its overdue filter are served by the expression index
 * `applications_queue_due` — which a database uses only when the query writes the very
 * expression the index was made with. Should the statuses awaiting review change in shared/
 * (and so the repository's expression), this fails until a migration remakes the index.
 */
describe.each(DIALECTS)('the queue\'s deadline index on %s', (dialect) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>

  beforeAll(async () => {
    database = await createTestDatabase(dialect)
  })
  afterAll(() => database.dispose())

  async function plan(query: string): Promise<string> {
    if (dialect === 'sqlite') {
      const rows = await sql.raw<{ detail: string }>(`explain query plan ${query}`).execute(database.db)
      return rows.rows.map(row => row.detail).join('\n')
    }
    // An empty table is cheapest read whole: without sequential scans the planner shows
    // whether the index can serve the query at all.
    return database.db.transaction().execute(async (trx: Executor) => {
      await sql`set local enable_seqscan = off`.execute(trx)
      const rows = await sql.raw<{ 'QUERY PLAN': string }>(`explain ${query}`).execute(trx)
      return rows.rows.map(row => row['QUERY PLAN']).join('\n')
    })
  }

  it('serves the order by deadline, what awaits review first', async () => {
    const order = await plan(`select applications.id from applications order by ${AWAITING_RANK_SQL}, applications.review_due_at, applications.id limit 50`)
    expect(order).toContain('applications_queue_due')
    if (dialect === 'sqlite')
      expect(order).not.toContain('TEMP B-TREE')
  })

  it('serves the overdue filter as one range', async () => {
    const overdue = await plan(`select applications.id from applications where ${AWAITING_RANK_SQL} = 0 and applications.review_due_at < '2026-12-06'`)
    expect(overdue).toContain('applications_queue_due')
  })
})
