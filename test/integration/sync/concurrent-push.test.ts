import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withPath } from '../../fixtures/applications'
import { DIALECTS } from '../../support/databases'
import { agentApplication, pushBody, submit, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * Batches from several devices at once, and a retry racing its original: each batch gets
 * exactly the answers it would get alone, and nothing is stored twice.
 */

describe.each(DIALECTS)('concurrent pushes on %s', (dialect) => {
  let server: TestServer
  let li: SignedInAgent
  let wang: SignedInAgent

  const push = (who: SignedInAgent, mutations: Parameters<typeof pushBody>[0]) =>
    server.request('/api/sync/push', { method: 'POST', token: who.token, json: pushBody(mutations) })

  const count = async (table: 'applications' | 'application_versions' | 'application_events' | 'mutations' | 'change_feed', ids: readonly string[]) => {
    const column = table === 'applications' ? 'id' : 'application_id'
    const row = await server.database.db.selectFrom(table).select(eb => eb.fn.countAll<number>().as('n')).where(column, 'in', [...ids]).executeTakeFirstOrThrow()
    return Number(row.n)
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('agent.wang', 'field_agent', [SYNC_SITE_ID])
    li = await server.signIn('agent.li')
    wang = await server.signIn('agent.wang')
  })
  afterAll(() => server.dispose())

  it('answers each of several batches sent at once as if alone: an invalid item, a retry racing its original', async () => {
    const liApps = [agentApplication(li, 101), agentApplication(li, 102)]
    const wangApps = [agentApplication(wang, 201), agentApplication(wang, 202), agentApplication(wang, 203)]
    const liBatch = liApps.map(a => submit(a))
    const invalid = submit(withPath(wangApps[1], 'person.mobile', '1234') as never)
    const wangBatch = [submit(wangApps[0]!), invalid, submit(wangApps[2]!)]

    // The same batch twice at once (a device that timed out and retried), and the other device's.
    const [original, retry, other] = await Promise.all([push(li, liBatch), push(li, liBatch), push(wang, wangBatch)])
    expect([original.status, retry.status, other.status]).toEqual([200, 200, 200])
    const [a, b, c] = [(await original.json()).results, (await retry.json()).results, (await other.json()).results]

    // Whichever came first applied; the other answers already_applied with the same receipts.
    const outcomes = [a, b].map(results => results.map((r: { outcome: string }) => r.outcome).join())
    expect(outcomes.sort()).toEqual(['already_applied,already_applied', 'applied,applied'])
    expect(b.map((r: { receipt: unknown }) => r.receipt)).toEqual(a.map((r: { receipt: unknown }) => r.receipt))

    expect(c.map((r: { outcome: string }) => r.outcome)).toEqual(['applied', 'rejected', 'applied'])
    expect(c[1]).toMatchObject({ mutationId: invalid.mutationId, issues: expect.arrayContaining([expect.objectContaining({ path: 'person.mobile' })]) })

    const stored = [...liApps, wangApps[0]!, wangApps[2]!].map(x => x.id)
    expect(await count('applications', stored)).toBe(4)
    expect(await count('application_versions', stored)).toBe(4)
    expect(await count('application_events', stored)).toBe(4)
    expect(await count('mutations', stored)).toBe(4)
    expect(await count('applications', [wangApps[1]!.id])).toBe(0)
    const feed = await server.database.db.selectFrom('change_feed').select('payload').execute()
    const feedIds = feed.map(f => (JSON.parse(f.payload) as { applicationId: string }).applicationId).filter(id => stored.includes(id))
    expect(feedIds.sort()).toEqual([...stored].sort())
  })

  it('keeps every batch of many devices pushing at once, and retries of all of them change nothing', async () => {
    const devices = await Promise.all(Array.from({ length: 4 }, () => server.signIn('agent.li')))
    const batches = devices.map((device, d) => Array.from({ length: 5 }, (_, i) => submit(agentApplication(device, 1000 + d * 10 + i))))
    const first = await Promise.all(batches.map((batch, d) => push(devices[d]!, batch)))
    const firstResults = await Promise.all(first.map(r => r.json()))
    for (const { results } of firstResults)
      expect(results.map((r: { outcome: string }) => r.outcome)).toEqual(Array.from({ length: 5 }, () => 'applied'))

    const again = await Promise.all(batches.map((batch, d) => push(devices[d]!, batch)))
    const againResults = await Promise.all(again.map(r => r.json()))
    againResults.forEach(({ results }, d) => {
      expect(results.map((r: { outcome: string }) => r.outcome)).toEqual(Array.from({ length: 5 }, () => 'already_applied'))
      expect(results.map((r: { receipt: unknown }) => r.receipt)).toEqual(firstResults[d].results.map((r: { receipt: unknown }) => r.receipt))
    })
    const ids = batches.flat().map(m => m.applicationId)
    expect(await count('applications', ids)).toBe(20)
    expect(await count('mutations', ids)).toBe(20)
    // The feed hands out sequence numbers in commit order, without gaps.
    const seqs = (await server.database.db.selectFrom('change_feed').select('seq').orderBy('seq').execute()).map(r => Number(r.seq))
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i))
  })
})
