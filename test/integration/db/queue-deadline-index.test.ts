import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AWAITING_RANK_SQL } from '../../../server/repositories/application-queue.repository'
import { createTestDatabase, DIALECTS } from '../../support/databases'
import { queryPlan } from '../../support/query-plan'

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

  const plan = (query: string): Promise<string> => queryPlan(database.db, dialect, query)

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
