import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, DIALECTS } from '../../support/databases'
import { queryPlan } from '../../support/query-plan'

/**
 * The candidates that name a record (a member, or an application) are read by it at every
 * approval, rejection, cancellation, contact change and purge: through the index
 * `duplicate_candidates_naming`, never by reading the whole table.
 */
describe.each(DIALECTS)('the candidates-naming index on %s', (dialect) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>

  beforeAll(async () => {
    database = await createTestDatabase(dialect)
  })
  afterAll(() => database.dispose())

  const plan = (query: string): Promise<string> => queryPlan(database.db, dialect, query)

  it.each([
    ['by type and id', `select id from duplicate_candidates where other_type = 'member' and other_id = 'm1'`],
    ['by id alone (the purge of a member)', `update duplicate_candidates set resolution = 'other_closed' where resolution is null and other_id = 'm1'`],
  ])('serves the look-up %s', async (_name, query) => {
    expect(await plan(query)).toContain('duplicate_candidates_naming')
  })
})
