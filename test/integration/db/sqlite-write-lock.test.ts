import type { TestDatabase } from '../../support/databases'
import SQLite from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../support/databases'

/**
 * A transaction on the server's SQLite connection takes the write lock at its start
 * (server/db/sqlite-immediate.ts). Begun deferred, as Kysely does, it read a snapshot, another
 * process on the file (here a second connection, as `seed:demo` or `dedup:scan` would be)
 * committed meanwhile, and the transaction's own write then failed with SQLITE_BUSY_SNAPSHOT,
 * which no busy timeout retries: the administrator's new site was a 500 while `seed:demo` ran.
 */
describe('transactions on SQLite, beside another process writing to the file', () => {
  let database: TestDatabase
  let other: SQLite.Database

  beforeAll(async () => {
    database = await createTestDatabase('sqlite')
    other = new SQLite(database.location.sqlitePath)
    // Refused at once rather than after the busy timeout: the test waits inside the transaction.
    other.pragma('busy_timeout = 0')
  })
  afterAll(async () => {
    other.close()
    await database.dispose()
  })

  const writeFromOther = (name: string) => other.prepare('insert into counters (name, value) values (?, 1)').run(name)

  it('the other writer waits for the transaction, which reads, then writes and commits', async () => {
    let refusal: unknown = null
    await database.db.transaction().execute(async (trx) => {
      // A read first, as every service's transaction does before it writes.
      await trx.selectFrom('counters').select('name').execute()
      try {
        writeFromOther('other-meanwhile')
      }
      catch (error) {
        refusal = error
      }
      await trx.insertInto('counters').values({ name: 'in-transaction', value: 1 }).execute()
    })
    expect(refusal).toMatchObject({ code: 'SQLITE_BUSY' })
    // Its turn now: it writes.
    writeFromOther('other-after')
    const names = (await database.db.selectFrom('counters').select('name').where('name', 'in', ['in-transaction', 'other-meanwhile', 'other-after']).execute()).map(r => r.name).sort()
    expect(names).toEqual(['in-transaction', 'other-after'])
  })

  it('a transaction rolled back releases the lock too', async () => {
    await expect(database.db.transaction().execute(async (trx) => {
      await trx.insertInto('counters').values({ name: 'rolled-back', value: 1 }).execute()
      throw new Error('given up')
    })).rejects.toThrow('given up')
    writeFromOther('after-rollback')
    const names = (await database.db.selectFrom('counters').select('name').where('name', 'in', ['rolled-back', 'after-rollback']).execute()).map(r => r.name)
    expect(names).toEqual(['after-rollback'])
  })
})
