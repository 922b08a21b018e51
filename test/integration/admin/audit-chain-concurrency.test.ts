import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../../server/repositories/audit.repository'
import { DIALECTS } from '../../support/databases'
import { createTestServer } from '../../support/test-server'

/**
 * Entries written outside any other change (a failed sign-in, a photo viewed, a wrong
 * current password) arrive concurrently, on PostgreSQL from several connections at once.
 * Each must link to the one before it: an entry that read its predecessor's hash before that
 * entry was written would start the chain over and make the whole log fail verification.
 */
describe.each(DIALECTS)('the audit chain under concurrent entries on %s', (dialect) => {
  let server: Awaited<ReturnType<typeof createTestServer>>
  beforeAll(async () => {
    server = await createTestServer(dialect)
  })
  afterAll(() => server.dispose())

  it('stays unbroken when many failed sign-ins are recorded at once', async () => {
    const attempts = Array.from({ length: 40 }, (_, i) => server.request('/api/auth/login', {
      method: 'POST',
      json: { username: `nobody.${i}`, password: 'wrong password', deviceId: `0190a0b0-0000-7000-8000-${String(i).padStart(12, '0')}`, deviceLabel: 'tablet' },
    }))
    const answers = await Promise.all(attempts)
    expect(answers.map(r => r.status)).toEqual(answers.map(() => 401))
    const failed = await server.database.db.selectFrom('audit_log').select(eb => eb.fn.countAll<number>().as('n')).where('action', '=', 'auth.login_failed').executeTakeFirstOrThrow()
    expect(Number(failed.n)).toBe(40)
    const report = await verifyAuditChain(server.database.db)
    expect(report).toMatchObject({ ok: true })
    expect(report.brokenAt).toBeUndefined()
  })
})
