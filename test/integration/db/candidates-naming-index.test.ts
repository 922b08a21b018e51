import type { Executor } from '../../../server/repositories/types'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, DIALECTS } from '../../support/databases'

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

  it.each([
    ['by type and id', `select id from duplicate_candidates where other_type = 'member' and other_id = 'm1'`],
    ['by id alone (the purge of a member)', `update duplicate_candidates set resolution = 'other_closed' where resolution is null and other_id = 'm1'`],
  ])('serves the look-up %s', async (_name, query) => {
    expect(await plan(query)).toContain('duplicate_candidates_naming')
  })
})
