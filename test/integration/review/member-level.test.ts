import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestResponse, TestServer } from '../../support/test-server'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../support/databases'
import { approveThrough, deskApplication, membersCast, pushApplication } from '../../support/review-fixtures'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * A member's level changed at the desk (等级变更, 银卡 → 金卡): only to another level of its
 * category in the programme in force, with a reason; versioned, in the history and the
 * audit log, and followed by the list and the member's record.
 */
describe.each(DIALECTS)('member level changes on %s', (dialect) => {
  let server: TestServer
  let reviewer: SignedInAgent
  let supervisor: SignedInAgent
  let vip: string
  let standard: string

  const act = (id: string, version: number, body: unknown): Promise<TestResponse> =>
    server.request(`/api/members/${id}/actions/change_level`, { method: 'POST', token: reviewer.token, headers: { 'If-Match': `"${version}"` }, json: body })
  const member = async (id: string) => (await server.request(`/api/members/${id}`, { token: supervisor.token })).json()
  const codeOf = async (response: TestResponse, status: number) => {
    const text = await response.text()
    expect(response.status, text).toBe(status)
    return JSON.parse(text).error.code
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    const cast = await membersCast(server, [1])
    ;({ reviewer, supervisor } = cast)
    standard = cast.ids[1]!
    const app = deskApplication(cast.li, 2, SYNC_SITE_ID, { category: 'vip', level: 'silver' })
    await pushApplication(server, cast.li, app)
    vip = (await approveThrough(server, supervisor.token, app.id)).memberId
  })
  afterAll(() => server.dispose())

  it('offers a level change only to a member whose category has another level', async () => {
    expect((await member(vip)).availableOperations).toContain('change_level')
    expect((await member(standard)).availableOperations).not.toContain('change_level')
  })

  it('moves a VIP member from silver to gold: the level in the history, the list and the record', async () => {
    const response = await act(vip, 1, { level: 'gold', reason: '会员申请升级', note: '已收取升级费 200 元' })
    const text = await response.text()
    expect(response.status, text).toBe(200)
    const result = JSON.parse(text)
    expect(result.change.detail).toEqual({ changes: { level: { from: 'silver', to: 'gold' } }, reason: '会员申请升级', note: '已收取升级费 200 元' })
    const after = await member(vip)
    expect(after).toMatchObject({ level: 'gold', version: 2 })
    expect(after.data.level).toBe('gold')
    const listed = await (await server.request(`/api/members?q=${after.memberNo}`, { token: reviewer.token })).json()
    expect(listed.items[0].level).toBe('gold')
    const audited = await server.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'member.change_level').where('target_id', '=', vip).execute()
    expect(audited.map(a => JSON.parse(a.detail).changes)).toEqual([{ level: { from: 'silver', to: 'gold' } }])
  })

  it('lists and exports members by category and level', async () => {
    const ids = async (query: string) => (await (await server.request(`/api/members?${query}`, { token: reviewer.token })).json()).items.map((m: { id: string }) => m.id)
    expect(await ids('category=vip')).toEqual([vip])
    expect(await ids('category=vip&level=gold')).toEqual([vip])
    expect(await ids('category=vip&level=silver')).toEqual([])
    expect(await ids('category=standard')).toEqual([standard])
    expect((await server.request('/api/members?category=VIP', { token: reviewer.token })).status).toBe(400)
    const csv = await (await server.request('/api/exports/members?format=csv&category=vip&level=gold', { token: reviewer.token })).text()
    expect(csv.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(2)
  })

  it('refuses no level, an unknown one, the current one, no reason, a category without levels and a frozen member', async () => {
    expect(await codeOf(await act(vip, 2, { reason: '升级' }), 422)).toBe('member.level_required')
    expect(await codeOf(await act(vip, 2, { level: 'platinum', reason: '升级' }), 422)).toBe('member.level_unknown')
    expect(await codeOf(await act(vip, 2, { level: 'gold', reason: '升级' }), 422)).toBe('member.nothing_changed')
    expect(await codeOf(await act(vip, 2, { level: 'diamond' }), 422)).toBe('member.reason_required')
    expect(await codeOf(await act(standard, 1, { level: 'gold', reason: '升级' }), 422)).toBe('member.category_without_levels')
    const frozen = await server.request(`/api/members/${vip}/actions/freeze`, { method: 'POST', token: reviewer.token, headers: { 'If-Match': '"2"' }, json: { reason: '核查' } })
    expect(frozen.status).toBe(200)
    expect(await codeOf(await act(vip, 3, { level: 'diamond', reason: '升级' }), 409)).toBe('member.operation_not_allowed')
    expect((await member(vip)).level).toBe('gold')
  })

  it('follows the levels in force: a level the programme no longer offers is refused', async () => {
    const admin = await server.signIn('admin', server.adminPassword)
    const current = await (await server.request('/api/admin/programme', { token: admin.token })).json()
    const categories = DEFAULT_PROGRAMME.categories.map(c => c.code === 'vip' ? { ...c, levels: c.levels.filter(l => l.code !== 'diamond') } : c)
    const published = await server.request('/api/admin/programme', { method: 'PUT', token: admin.token, json: { ...current.settings, categories }, headers: { 'If-Match': `"${current.version}"` } })
    expect(published.status).toBe(200)
    await server.request(`/api/members/${vip}/actions/unfreeze`, { method: 'POST', token: reviewer.token, headers: { 'If-Match': '"3"' }, json: {} })
    expect(await codeOf(await act(vip, 4, { level: 'diamond', reason: '升级' }), 422)).toBe('member.level_unknown')
  })
})
