import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../support/databases'
import { agentApplication, pushBody, submit, SYNC_SITE_ID, withdraw } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

describe.each(DIALECTS)('sync pull on %s', (dialect) => {
  let server: TestServer
  let agent: SignedInAgent
  let other: SignedInAgent

  const pull = (who: SignedInAgent, query = '') => server.request(`/api/sync/pull${query}`, { token: who.token })

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('agent.wang', 'field_agent', [SYNC_SITE_ID])
    agent = await server.signIn('agent.li')
    other = await server.signIn('agent.wang')
    const mine = [agentApplication(agent, 1), agentApplication(agent, 2)]
    await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: pushBody(mine.map(a => submit(a))) })
    await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: pushBody([withdraw(mine[1]!.id, 1)]) })
    await server.request('/api/sync/push', { method: 'POST', token: other.token, json: pushBody([submit(agentApplication(other, 3))]) })
  })
  afterAll(() => server.dispose())

  it('returns this agent\'s changes in order, never another agent\'s, with the reference data in force', async () => {
    const response = await pull(agent)
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.changes.map((c: { status: string, version: number }) => [c.status, c.version])).toEqual([['submitted', 1], ['submitted', 1], ['withdrawn', 2]])
    expect(body.changes.every((c: { receiptNo: string }) => c.receiptNo.includes(agent.deviceCode))).toBe(true)
    expect(body.hasMore).toBe(false)
    expect(body.cursor).toBe(body.changes.at(-1).seq)
    expect(body.reference.programmeVersion).toBe(1)
    expect(body.reference.programme.privacyNoticeVersion).toBe(DEFAULT_PROGRAMME.privacyNoticeVersion)
    expect(body.reference.sites).toEqual([{ id: SYNC_SITE_ID, code: 'BJ01', name: SYNC_SITE_ID, regionCode: '110105' }])
    expect(body.reference.siteIds).toEqual([SYNC_SITE_ID])
  })

  it('pages with hasMore and resumes exactly after the cursor', async () => {
    const first = await (await pull(agent, '?cursor=0&limit=2')).json()
    expect(first.changes).toHaveLength(2)
    expect(first.hasMore).toBe(true)
    const rest = await (await pull(agent, `?cursor=${first.cursor}&limit=2`)).json()
    expect(rest.changes).toHaveLength(1)
    expect(rest.hasMore).toBe(false)
    const all = await (await pull(agent)).json()
    expect([...first.changes, ...rest.changes]).toEqual(all.changes)
  })

  it('answers an up-to-date cursor with no changes and the same cursor', async () => {
    const all = await (await pull(agent)).json()
    const none = await (await pull(agent, `?cursor=${all.cursor}`)).json()
    expect(none.changes).toEqual([])
    expect(none.cursor).toBe(all.cursor)
  })

  /** The highest sequence the server has handed out: its change feed's end. */
  async function feedEnd(): Promise<number> {
    const row = await server.database.db.selectFrom('counters').select('value').where('name', '=', 'change_feed').executeTakeFirstOrThrow()
    return Number(row.value)
  }

  it('answers a cursor at the feed\'s end (past this agent\'s last change) with no changes', async () => {
    const end = await feedEnd()
    const mine = await (await pull(agent)).json()
    expect(end).toBeGreaterThan(mine.cursor)
    const response = await pull(agent, `?cursor=${end}`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ changes: [], cursor: end, hasMore: false })
  })

  it('refuses a cursor beyond the feed\'s end (a database restored from an older backup) with sync.cursor_ahead, in either language', async () => {
    const end = await feedEnd()
    const response = await pull(agent, `?cursor=${end + 1}`)
    expect(response.status).toBe(409)
    expect((await response.json()).error).toEqual({ code: 'sync.cursor_ahead', message: `设备的同步位置（${end + 1}）超出了服务器的变更记录（${end}），需从头重新同步`, params: { cursor: end + 1, end } })
    const english = await server.request(`/api/sync/pull?cursor=${end + 1000}`, { token: agent.token, headers: { 'Accept-Language': 'en' } })
    expect(english.status).toBe(409)
    expect((await english.json()).error).toMatchObject({ code: 'sync.cursor_ahead', message: `The device's sync position (${end + 1000}) is beyond the server's change feed (${end}): sync again from the start` })
  })

  it('refuses a bad cursor', async () => {
    const response = await pull(agent, '?cursor=-1')
    expect(response.status).toBe(400)
    expect((await response.json()).error.issues[0]).toMatchObject({ path: 'cursor', code: 'field.digits' })
  })
})
