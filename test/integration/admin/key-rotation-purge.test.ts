import type { TestServer } from '../../support/test-server'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { purgeApplication } from '../../../server/repositories/retention.repository'
import { readSealedPage, readSealedRecord, writeSealedRecord } from '../../../server/repositories/sealed-records.repository'
import { checkDataKey } from '../../../server/security/data-key-check'
import { createPersonalDataCipher } from '../../../server/security/personal-data'
import { openApplication } from '../../../server/services/application-codec'
import { rotateDataKey } from '../../../server/services/key-rotation.service'
import { DIALECTS } from '../../support/databases'
import { deskApplication, pushApplication } from '../../support/review-fixtures'
import { pushBody, SYNC_SITE_ID, withdraw } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * `key:rotate` reads a page of sealed records and writes each back under the next key. A
 * `retention:purge` run beside it (from a timer) may empty one of them in between — on
 * PostgreSQL another transaction commits between a page's read and its writes. The write
 * back is made only over what was read, so the purge stands and the destroyed personal data
 * is not written again.
 */
describe.each(DIALECTS)('key rotation beside a purge on %s', (dialect) => {
  const previous = randomBytes(32)
  const next = randomBytes(32)
  let server: TestServer
  let withdrawnId: string

  beforeAll(async () => {
    server = await createTestServer(dialect, { masterKey: previous })
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    const agent = await server.signIn('agent.li')
    await checkDataKey(server.database.db, previous, server.clock.now().toISOString())
    const [first, second] = [deskApplication(agent, 1, SYNC_SITE_ID), deskApplication(agent, 2, SYNC_SITE_ID)]
    await pushApplication(server, agent, first)
    await pushApplication(server, agent, second)
    // Withdrawn: closed without a member, what a purge empties once its time is up.
    const { results } = await (await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: pushBody([withdraw(first.id, 1)]) })).json()
    expect(results[0].outcome).toBe('applied')
    withdrawnId = first.id
  })
  afterAll(() => server.dispose())

  it('does not write a record back over a purge made after it was read', async () => {
    const db = server.database.db
    const page = await readSealedPage(db, 'applications', null, 10)
    const purged = page.find(record => record.cursor[0] === withdrawnId)
    const kept = page.find(record => record.cursor[0] !== withdrawnId)
    expect(purged!.data).toContain('idNumber')

    await db.transaction().execute(trx => purgeApplication(trx, purged!.cursor[0], server.clock.now().toISOString()))
    // The write made from the stale read is refused, and the record stays purged.
    expect(await writeSealedRecord(db, 'applications', purged!.cursor, { expected: purged!.data, data: purged!.data, idNumberHmac: purged!.idNumberHmac })).toBe(false)
    expect(await readSealedRecord(db, 'applications', purged!.cursor)).toEqual({ cursor: purged!.cursor, data: '{}', idNumberHmac: null })
    const versions = await db.selectFrom('application_versions').select('data').where('application_id', '=', purged!.cursor[0]).execute()
    expect(versions.map(v => v.data)).toEqual(versions.map(() => '{}'))

    // A record nobody changed is written as before.
    expect(await writeSealedRecord(db, 'applications', kept!.cursor, { expected: kept!.data, data: kept!.data, idNumberHmac: kept!.idNumberHmac })).toBe(true)
    expect(await readSealedRecord(db, 'applications', ['no-such-application', 0])).toBeUndefined()
  })

  it('rotates the rest, leaving the purged record empty', async () => {
    const report = await rotateDataKey(server.deps, { previous, next })
    expect(report.resealed).toBeGreaterThan(0)
    const rows = await server.database.db.selectFrom('applications').select(['data', 'purged_at']).execute()
    expect(rows.filter(row => row.purged_at !== null).map(row => row.data)).toEqual(['{}'])
    // The other is under the next key only.
    const live = rows.filter(row => row.purged_at === null)
    expect(live).toHaveLength(1)
    expect(() => openApplication(live[0]!.data, createPersonalDataCipher(previous))).toThrow()
    expect(openApplication(live[0]!.data, createPersonalDataCipher(next))).toBeTruthy()
  })
})
