import type { SignedInAdmin } from '../../support/admin-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { patchAdminRecord, signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { createTestServer } from '../../support/test-server'

const PASSWORD = 'a brand new password'

/**
 * A staff member's `displayName` is named in the answers as the staff screen labels it
 * (姓名 / Name): the message says which field, as a site's 网点名称 does.
 */
describe.each(DIALECTS)('admin API: a staff member\'s name in the messages, on %s', (dialect) => {
  let server: TestServer
  let admin: SignedInAdmin

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', ['site-bj01'])
    admin = await signInAdmin(server)
  })
  afterAll(() => server.dispose())

  const create = (json: Record<string, unknown>, language: string) => server.request('/api/admin/staff', { method: 'POST', token: admin.token, headers: { 'Accept-Language': language }, json: { username: 'agent.zhao', role: 'field_agent', password: PASSWORD, ...json } })
  const change = (json: Record<string, unknown>, language: string) => patchAdminRecord(server, admin.token, '/api/admin/staff/staff-agent.li', json, { 'Accept-Language': language })
  const issuesOf = async (response: Awaited<ReturnType<typeof create>>) => {
    expect(response.status).toBe(400)
    return (await response.json()).error.issues
  }

  it.each([
    ['zh-CN', '姓名：最多50个字符', '姓名：必填', '姓名：包含控制字符或不可见字符，请重新输入', '姓名：数据类型不正确'],
    ['en', 'Name: At most 50 characters', 'Name: Required', 'Name: Contains control or invisible characters: type it again', 'Name: Wrong type of value'],
  ])('creating or changing an account, in %s', async (language, tooLong, blank, hidden, notText) => {
    expect(await issuesOf(await create({ displayName: '赵'.repeat(51) }, language)))
      .toEqual([expect.objectContaining({ path: 'displayName', code: 'field.too_long', params: expect.objectContaining({ max: 50 }), message: tooLong })])
    expect(await issuesOf(await create({ displayName: '\u3000 ' }, language)))
      .toEqual([expect.objectContaining({ path: 'displayName', code: 'field.required', message: blank })])
    expect(await issuesOf(await create({}, language)))
      .toEqual([expect.objectContaining({ path: 'displayName', code: 'field.required', message: blank })])
    expect(await issuesOf(await change({ displayName: '李\u200B四' }, language)))
      .toEqual([expect.objectContaining({ path: 'displayName', code: 'text.hidden_characters', message: hidden })])
    expect(await issuesOf(await change({ displayName: 5 }, language)))
      .toEqual([expect.objectContaining({ path: 'displayName', code: 'field.type', message: notText })])
    const staff = await (await server.request('/api/admin/staff?q=agent', { token: admin.token })).json()
    expect(staff.items.map((s: { username: string, displayName: string }) => [s.username, s.displayName])).toEqual([['agent.li', 'agent.li']])
  })

  it('a 50-character name is taken, trimmed', async () => {
    const response = await patchAdminRecord(server, admin.token, '/api/admin/staff/staff-agent.li', { displayName: ` ${'李'.repeat(50)}\u3000` })
    expect(response.status).toBe(200)
    expect((await response.json()).displayName).toBe('李'.repeat(50))
  })
})
