import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../support/databases'
import { deskApplication, OTHER_SITE_ID, pushApplication, reviewAction } from '../../support/review-fixtures'
import { pushBody, resubmit, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * The statistics and the review queue count the same applications for the same days: a
 * supervisor who follows a figure of 统计概览 to the queue (its 首次提交日期 set to the
 * figure's range) sees as many rows. Both go by the day an application first reached the
 * server; a resubmission on a later day moves neither (it once moved the queue's, which
 * filtered by the last submission, so a returned and resubmitted application left the
 * day the statistics counted it on and turned up on another).
 *
 * Times UTC (China is +8):
 *   2026-11-23 02:00 L1, L2, L3 (agent.li, BJ01); 02:03 Z4 (agent.zhao, the other site)
 *   2026-11-24 15:59 L5 (23:59 in China: still the 24th); 16:00 L6 (the 25th in China)
 *   2026-11-23 05:00 L2 returned; 2026-11-26 03:00 L2 resubmitted; 2026-11-27 L3 returned,
 *   2026-11-30 resubmitted. Read on 2026-12-10, when every one awaiting a decision is overdue.
 */
describe.each(DIALECTS)('statistics and the queue agree on %s', (dialect) => {
  let server: TestServer
  let supervisor: SignedInAgent
  let reviewer: SignedInAgent
  let li: SignedInAgent
  const apps: Record<string, ReturnType<typeof deskApplication>> = {}

  async function push(label: string, seq: number, agent: SignedInAgent, siteId: string, at: string): Promise<void> {
    server.clock.set(at)
    const app = deskApplication(agent, seq, siteId)
    await pushApplication(server, agent, app)
    apps[label] = app
  }
  async function returnThenResubmit(label: string, returnedAt: string, resubmittedAt: string, mobile: string): Promise<void> {
    server.clock.set(returnedAt)
    supervisor = await server.signIn('supervisor.wu')
    const app = apps[label]!
    expect((await reviewAction(server, supervisor.token, app.id, 'start_review', 1)).status).toBe(200)
    expect((await reviewAction(server, supervisor.token, app.id, 'return', 2, { items: [{ kind: 'field', ref: 'person.mobile' }] })).status).toBe(200)
    server.clock.set(resubmittedAt)
    li = await server.signIn('agent.li')
    const fixed = { ...app, person: { ...app.person!, mobile } }
    const { results } = await (await server.request('/api/sync/push', { method: 'POST', token: li.token, json: pushBody([resubmit(fixed, 3)]) })).json()
    expect(results[0]).toMatchObject({ outcome: 'applied', receipt: { status: 'submitted' } })
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('agent.zhao', 'field_agent', [OTHER_SITE_ID])
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    li = await server.signIn('agent.li')
    const zhao = await server.signIn('agent.zhao')
    await push('L1', 1, li, SYNC_SITE_ID, '2026-11-23T02:00:00.000Z')
    await push('L2', 2, li, SYNC_SITE_ID, '2026-11-23T02:01:00.000Z')
    await push('L3', 3, li, SYNC_SITE_ID, '2026-11-23T02:02:00.000Z')
    await push('Z4', 4, zhao, OTHER_SITE_ID, '2026-11-23T02:03:00.000Z')
    await push('L5', 5, li, SYNC_SITE_ID, '2026-11-24T15:59:00.000Z')
    await push('L6', 6, li, SYNC_SITE_ID, '2026-11-24T16:00:00.000Z')
    await returnThenResubmit('L2', '2026-11-23T05:00:00.000Z', '2026-11-26T03:00:00.000Z', '13711112222')
    await returnThenResubmit('L3', '2026-11-27T05:00:00.000Z', '2026-11-30T03:00:00.000Z', '13711113333')
    server.clock.set('2026-12-10T02:00:00.000Z')
    supervisor = await server.signIn('supervisor.wu')
    reviewer = await server.signIn('reviewer.chen')
  })
  afterAll(() => server.dispose())

  async function figures(who: SignedInAgent, from: string, to: string, siteId?: string): Promise<{ stats: { applications: number, overdue: number }, queue: { applications: number, overdue: number }, exported: number }> {
    const site = siteId ? `&siteId=${siteId}` : ''
    const stats = await (await server.request(`/api/stats/overview?from=${from}&to=${to}${site}`, { token: who.token })).json()
    const range = `submittedFrom=${from}&submittedTo=${to}${site}`
    const total = async (query: string) => (await (await server.request(`/api/review/applications?${query}`, { token: who.token })).json()).total as number
    const exported = await server.request(`/api/exports/applications?format=csv&${range}`, { token: who.token })
    await exported.arrayBuffer()
    return {
      stats: { applications: stats.applications, overdue: stats.overdue },
      queue: { applications: await total(range), overdue: await total(`${range}&overdue=true`) },
      exported: Number(exported.headers.get('X-Total-Rows')),
    }
  }

  it('gives the same applications and overdue ones for a range, each day, and a site, whoever asks', async () => {
    const cases: Array<[SignedInAgent, string, string, string | undefined, number]> = [
      [supervisor, '2026-11-23', '2026-11-30', undefined, 6],
      [supervisor, '2026-11-23', '2026-11-23', undefined, 4],
      [supervisor, '2026-11-24', '2026-11-24', undefined, 1],
      [supervisor, '2026-11-25', '2026-11-25', undefined, 1],
      // The days L2 and L3 came back on: nothing first reached the server then.
      [supervisor, '2026-11-26', '2026-11-26', undefined, 0],
      [supervisor, '2026-11-30', '2026-11-30', undefined, 0],
      [supervisor, '2026-11-23', '2026-11-23', SYNC_SITE_ID, 3],
      [reviewer, '2026-11-23', '2026-11-30', undefined, 5],
      [reviewer, '2026-11-23', '2026-11-23', undefined, 3],
    ]
    for (const [who, from, to, siteId, applications] of cases) {
      const shown = await figures(who, from, to, siteId)
      const name = `${who === supervisor ? 'supervisor' : 'reviewer'} ${from}…${to} ${siteId ?? 'all sites'}`
      expect(shown.stats.applications, name).toBe(applications)
      expect(shown.queue, name).toEqual(shown.stats)
      expect(shown.exported, name).toBe(applications)
    }
  })

  it('lists a resubmitted application under the day it first arrived, with both times in its row', async () => {
    const { items } = await (await server.request(`/api/review/applications?submittedFrom=2026-11-23&submittedTo=2026-11-23&siteId=${SYNC_SITE_ID}`, { token: supervisor.token })).json()
    const l2 = items.find((item: { id: string }) => item.id === apps.L2!.id)
    expect(l2).toMatchObject({ arrivedAt: '2026-11-23T02:01:00.000Z', submittedAt: '2026-11-26T03:00:00.000Z' })
    expect(items.map((item: { id: string }) => item.id).sort()).toEqual([apps.L1!.id, apps.L2!.id, apps.L3!.id].sort())
  })
})
