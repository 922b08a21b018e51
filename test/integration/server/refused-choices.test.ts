import type { MembersCast } from '../../support/review-fixtures'
import type { TestResponse, TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../support/databases'
import { deskApplication, membersCast, pushApplication, reviewAction } from '../../support/review-fixtures'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * A value that is none of a field's choices is refused as that (`field.invalid_option`),
 * at the item that is wrong, with the choices listed by the labels the desk shows them
 * by: not as a missing value (必填), and not by their codes in a Chinese sentence.
 */
describe.each(DIALECTS)('a refused choice, on %s', (dialect) => {
  let server: TestServer
  let cast: MembersCast
  let submitted: string

  beforeAll(async () => {
    server = await createTestServer(dialect)
    cast = await membersCast(server, [1])
    const app = deskApplication(cast.li, 10, SYNC_SITE_ID)
    await pushApplication(server, cast.li, app)
    submitted = app.id
  })
  afterAll(() => server.dispose())

  const issuesOf = async (response: TestResponse) => {
    expect(response.status).toBe(400)
    return (await response.json()).error.issues
  }
  const list = (path: string, language = 'zh-CN') => server.request(path, { token: cast.supervisor.token, headers: { 'Accept-Language': language } })
  const post = (path: string, json: unknown, language = 'zh-CN') => server.request(path, { method: 'POST', token: cast.supervisor.token, headers: { 'If-Match': '"1"', 'Accept-Language': language }, json })

  it('a repeated or comma-listed filter names the item that is not an option, not a missing one', async () => {
    const applicationStatuses = '请从可选项中选择：已提交、审核中、已通过、已拒绝、退回补充、已撤回'
    for (const query of ['status=submitted&status=nope', 'status=submitted,nope']) {
      expect(await issuesOf(await list(`/api/review/applications?${query}`)), query)
        .toEqual([expect.objectContaining({ path: 'status.1', code: 'field.invalid_option', message: applicationStatuses })])
    }
    expect(await issuesOf(await list('/api/members?status=active&status=zzz', 'en')))
      .toEqual([expect.objectContaining({ path: 'status.1', code: 'field.invalid_option', message: 'Choose one of: Active, Frozen, Expired, Cancelled' })])
    // Both at once: the items are counted as the filter reads them.
    expect(await issuesOf(await list('/api/members?status=active,frozen&status=zzz')))
      .toEqual([expect.objectContaining({ path: 'status.2', code: 'field.invalid_option' })])
  })

  it('members\' status filter, on the list and the export, by the members\' statuses', async () => {
    for (const path of ['/api/members?status=zzz', '/api/exports/members?format=csv&status=zzz']) {
      expect(await issuesOf(await list(path)), path)
        .toEqual([expect.objectContaining({ path: 'status.0', code: 'field.invalid_option', message: '请从可选项中选择：正常、冻结、已过期、已注销' })])
    }
  })

  it('a reject reason, a re-visit\'s channel and outcome, a duplicate\'s resolution', async () => {
    expect(await issuesOf(await reviewAction(server, cast.supervisor.token, submitted, 'reject', 1, { reason: 'nope' }))).toEqual([
      expect.objectContaining({ path: 'reason', message: '请从可选项中选择：重复申请、不符合入会条件、证件无效、信息不实、申请人要求撤销、其他' }),
    ])
    expect(await issuesOf(await post(`/api/members/${cast.ids[1]}/actions/revisit`, { revisit: { channel: 'fax', outcome: 'maybe' } }))).toEqual([
      expect.objectContaining({ path: 'revisit.channel', message: '请从可选项中选择：电话回访、上门回访、短信/微信' }),
      expect.objectContaining({ path: 'revisit.outcome', message: '请从可选项中选择：已回访、未接通、拒绝回访' }),
    ])
    expect(await issuesOf(await post(`/api/review/applications/${submitted}/duplicates/none/resolve`, { resolution: 'perhaps' }, 'en'))).toEqual([
      expect.objectContaining({ path: 'resolution', message: 'Choose one of: Same person (closed as a duplicate), Different person (never raised again)' }),
    ])
    const detail = await (await server.request(`/api/review/applications/${submitted}`, { token: cast.supervisor.token })).json()
    expect(detail).toMatchObject({ status: 'submitted', version: 1 })
  })

  it('a member operation that is none of the operations, by the operations\' names', async () => {
    expect(await issuesOf(await post(`/api/members/${cast.ids[1]}/actions/promote`, {}))).toEqual([
      expect.objectContaining({ path: 'operation', code: 'field.invalid_option', message: '请从可选项中选择：发卡、挂失、补办、冻结、解冻、注销、续期、登记回访、资料变更、等级变更、撤回营销授权' }),
    ])
    expect(await issuesOf(await post(`/api/members/${cast.ids[1]}/actions/promote`, {}, 'en'))).toEqual([
      expect.objectContaining({ path: 'operation', message: 'Choose one of: Issue card, Report card lost, Reissue card, Freeze, Unfreeze, Cancel membership, Renew, Record re-visit, Change contact details, Change level, Withdraw marketing consent' }),
    ])
    const member = await (await server.request(`/api/members/${cast.ids[1]}`, { token: cast.supervisor.token })).json()
    expect(member).toMatchObject({ version: 1, changes: [expect.anything()] })
  })

  it('a member detail a same-person verdict may not carry, by the details\' names', async () => {
    expect(await issuesOf(await post(`/api/review/applications/${submitted}/duplicates/none/resolve`, { resolution: 'same_person', memberFields: ['mobile', 'name'] }))).toEqual([
      expect.objectContaining({ path: 'memberFields.1', code: 'field.invalid_option', message: '请从可选项中选择：手机号码、电子邮箱、通讯地址、职业、工作单位、联系人、注册地址' }),
    ])
    expect(await issuesOf(await post(`/api/review/applications/${submitted}/duplicates/none/resolve`, { resolution: 'same_person', memberFields: ['idNumber'] }, 'en'))).toEqual([
      expect.objectContaining({ path: 'memberFields.0', message: 'Choose one of: Mobile number, E-mail, Postal address, Occupation, Employer, Contact person, Registered address' }),
    ])
    const detail = await (await server.request(`/api/review/applications/${submitted}`, { token: cast.supervisor.token })).json()
    expect(detail).toMatchObject({ status: 'submitted', version: 1 })
  })
})
