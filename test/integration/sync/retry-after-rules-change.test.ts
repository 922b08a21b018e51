import type { SignedInAdmin } from '../../support/admin-fixtures'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { agentApplication, pushBody, submit, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * A device whose answer was lost sends the same mutation again, maybe after the programme
 * settings changed in between (a new privacy notice version makes every application captured
 * under the old one invalid). The retry must get the answer the first attempt got — the
 * server holds the application — not a refusal under the new rules, which would show the
 * device a rejection of something the desk is already reviewing.
 */
describe.each(DIALECTS)('a retried push after the rules changed, on %s', (dialect) => {
  let server: TestServer
  let agent: SignedInAgent
  let admin: SignedInAdmin

  const push = (mutations: Parameters<typeof pushBody>[0]) =>
    server.request('/api/sync/push', { method: 'POST', token: agent.token, json: pushBody(mutations) })

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    agent = await server.signIn('agent.li')
    admin = await signInAdmin(server)
  })
  afterAll(() => server.dispose())

  it('answers already_applied with the first receipt, and refuses only what the server never took', async () => {
    const applied = submit(agentApplication(agent, 1))
    const first = (await (await push([applied])).json()).results[0]
    expect(first).toMatchObject({ outcome: 'applied', receipt: { version: 1, status: 'submitted' } })

    const published = await server.request('/api/admin/programme', { method: 'PUT', token: admin.token, json: { ...DEFAULT_PROGRAMME, privacyNoticeVersion: '2099-01' }, headers: { 'If-Match': '"1"' } })
    expect(published.status).toBe(200)

    const fresh = submit(agentApplication(agent, 2))
    const { results } = await (await push([applied, fresh])).json()
    expect(results[0]).toEqual({ ...first, outcome: 'already_applied' })
    expect(results[1]).toMatchObject({ outcome: 'rejected', issues: [expect.objectContaining({ code: 'consent.notice_version_outdated' })] })
  })
})
