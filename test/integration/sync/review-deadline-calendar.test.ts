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
 * An application's review deadline (审核期限) counts working days in the programme's working
 * calendar: its holidays are not counted, its make-up working days (调休) are, so a deadline
 * never falls due while the office is closed for a holiday week. The server's clock says
 * 2026-11-23, a Monday; three working days after it, with no calendar, is Thursday the 26th.
 */
describe.each(DIALECTS)('review deadlines by the programme\'s working calendar, on %s', (dialect) => {
  let server: TestServer
  let agent: SignedInAgent
  let admin: SignedInAdmin
  let reviewer: { token: string }

  const push = (mutations: Parameters<typeof pushBody>[0]) =>
    server.request('/api/sync/push', { method: 'POST', token: agent.token, json: pushBody(mutations) })
  const dueOf = async (id: string) => (await (await server.request(`/api/review/applications/${id}`, { token: reviewer.token })).json()).reviewDueAt as string

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('reviewer.wang', 'reviewer', [SYNC_SITE_ID])
    agent = await server.signIn('agent.li')
    reviewer = await server.signIn('reviewer.wang')
    admin = await signInAdmin(server)
  })
  afterAll(() => server.dispose())

  it('skips the holidays and counts a make-up Saturday, for applications arriving after the calendar is published', async () => {
    const before = agentApplication(agent, 1)
    expect((await (await push([submit(before)])).json()).results[0].outcome).toBe('applied')
    expect(await dueOf(before.id)).toBe('2026-11-26')

    const workingCalendar = { holidays: ['2026-11-25', '2026-11-24'], workdays: ['2026-11-28'] }
    const published = await server.request('/api/admin/programme', { method: 'PUT', token: admin.token, json: { ...DEFAULT_PROGRAMME, workingCalendar }, headers: { 'If-Match': '"1"' } })
    expect(published.status).toBe(200)
    expect((await published.json()).settings.workingCalendar).toEqual({ holidays: ['2026-11-24', '2026-11-25'], workdays: ['2026-11-28'] })

    // Tue 24 and Wed 25 off; Thu 26, Fri 27 and Saturday the 28th, worked for the holiday.
    const after = agentApplication(agent, 2)
    expect((await (await push([submit(after)])).json()).results[0].outcome).toBe('applied')
    expect(await dueOf(after.id)).toBe('2026-11-28')
    // A deadline is set as the application arrives: the earlier one keeps its own.
    expect(await dueOf(before.id)).toBe('2026-11-26')
  })
})
