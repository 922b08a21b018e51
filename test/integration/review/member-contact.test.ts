import type { OrganisationInput } from '../../fixtures/applications'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestResponse, TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrganisation, makeReceiptNo } from '../../fixtures/applications'
import { DIALECTS } from '../../support/databases'
import { applicantOf, approveThrough, deskApplication, membersCast, pushApplication } from '../../support/review-fixtures'
import { SYNC_SITE_CODE, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * A member's contact details changed at the desk (资料变更) through the HTTP API: checked by
 * the application's field rules and the operations table, versioned, in the history and the
 * audit log by field name only, and followed by search and duplicate look-ups.
 */
describe.each(DIALECTS)('member contact changes on %s', (dialect) => {
  let server: TestServer
  let li: SignedInAgent
  let reviewer: SignedInAgent
  let supervisor: SignedInAgent
  /** Members by the applicant's seq: 1, 2 and the organisation 5 at site-bj01, 4 at site-sh01. */
  const ids: Record<number, string> = {}
  const NEW_MOBILE = '13700007777'

  const act = (id: string, version: number, body: unknown, who: SignedInAgent = reviewer): Promise<TestResponse> =>
    server.request(`/api/members/${id}/actions/update_contact`, { method: 'POST', token: who.token, headers: { 'If-Match': `"${version}"` }, json: body })
  const ok = async (response: TestResponse) => {
    const text = await response.text()
    expect(response.status, text).toBe(200)
    return JSON.parse(text)
  }
  const refused = async (response: TestResponse, status: number) => {
    const text = await response.text()
    expect(response.status, text).toBe(status)
    return JSON.parse(text).error
  }
  const member = async (id: string, reveal = false) => ok(await server.request(`/api/members/${id}?reveal=${reveal}`, { token: supervisor.token }))

  beforeAll(async () => {
    server = await createTestServer(dialect)
    const cast = await membersCast(server, [1, 2, 4])
    ;({ li, reviewer, supervisor } = cast)
    Object.assign(ids, cast.ids)
    const organisation: OrganisationInput = makeOrganisation({
      agentId: li.staffId,
      deviceId: li.deviceId,
      siteId: SYNC_SITE_ID,
      receiptNo: makeReceiptNo(5, { siteCode: SYNC_SITE_CODE, deviceCode: li.deviceCode }),
    }, { seq: 5 })
    await pushApplication(server, li, organisation)
    ids[5] = (await approveThrough(server, supervisor.token, organisation.id)).memberId
  })
  afterAll(() => server.dispose())

  it('changes a member\'s mobile and address with a reason: versioned, the history naming the fields, never their values', async () => {
    const address = { regionCode: '310104', detail: '漕溪北路 88 号 5 楼' }
    const result = await ok(await act(ids[1]!, 1, { contact: { person: { mobile: '+86 137 0000 7777', address } }, reason: '会员本人来电申请', note: '已核对身份证' }))
    expect(result).toMatchObject({ operation: 'update_contact', version: 2, status: 'active' })
    expect(result.change.detail).toEqual({ changes: {}, fields: ['mobile', 'address'], reason: '会员本人来电申请', note: '已核对身份证' })

    const full = await member(ids[1]!, true)
    expect(full.mobile).toBe(NEW_MOBILE)
    expect(full.data.person).toMatchObject({ mobile: NEW_MOBILE, address, name: '张伟', idNumber: applicantOf(1).idNumber })
    const masked = await member(ids[1]!)
    expect(masked.mobile).toBe('137****7777')
    expect(masked.changes.map((c: { action: string }) => c.action)).toEqual(['create', 'update_contact'])

    const audited = await server.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'member.update_contact').where('target_id', '=', ids[1]!).execute()
    expect(audited).toHaveLength(1)
    expect(JSON.parse(audited[0]!.detail)).toMatchObject({ version: 2, fields: ['mobile', 'address'] })
    // The reason is people's words, kept in the member's history (which the retention purge
    // can destroy), not in the append-only log.
    expect(audited[0]!.detail).not.toContain('会员本人来电申请')
    expect(audited[0]!.detail).not.toContain('7777')
    expect(audited[0]!.detail).not.toContain('漕溪北路')
  })

  it('finds the member by the new mobile, no longer by the old one', async () => {
    const byNew = await ok(await server.request(`/api/members?q=${NEW_MOBILE}`, { token: reviewer.token }))
    expect(byNew.items.map((m: { id: string }) => m.id)).toEqual([ids[1]])
    const byOld = await ok(await server.request(`/api/members?q=${applicantOf(1).mobile}`, { token: reviewer.token }))
    expect(byOld.items).toEqual([])
  })

  it('rebuilds the member\'s duplicate keys: a new application with the new mobile is matched with the member', async () => {
    // Someone else on a passport (no document to compare) giving the member's new mobile.
    const app = deskApplication(li, 6, SYNC_SITE_ID, { person: { mobile: NEW_MOBILE, name: '王小明', idType: 'passport', idNumber: 'E12345678' } })
    await pushApplication(server, li, app)
    const candidates = await server.database.db.selectFrom('duplicate_candidates').select(['other_type', 'other_id', 'level']).where('application_id', '=', app.id).execute()
    expect(candidates).toContainEqual({ other_type: 'member', other_id: ids[1], level: 'likely' })
  })

  it('refuses another person member\'s mobile (409), naming the member that holds it', async () => {
    const error = await refused(await act(ids[2]!, 1, { contact: { person: { mobile: NEW_MOBILE } }, reason: '会员本人申请' }), 409)
    expect(error.code).toBe('member.mobile_taken')
    expect(error.message).toContain((await member(ids[1]!)).memberNo)
    expect((await member(ids[2]!)).version).toBe(1)
  })

  it('refuses the mobile of another site\'s member without naming that member to a reviewer who may not see it', async () => {
    // Member 4 is at site-sh01: the reviewer of site-bj01 cannot find it by its mobile, and
    // must not learn its member number by offering its mobile to one of their own members.
    const otherSites = (await member(ids[4]!)).memberNo
    expect((await ok(await server.request(`/api/members?q=${applicantOf(4).mobile}`, { token: reviewer.token }))).items).toEqual([])
    const error = await refused(await act(ids[2]!, 1, { contact: { person: { mobile: applicantOf(4).mobile } }, reason: '会员本人申请' }), 409)
    expect(error).toEqual({ code: 'member.mobile_taken_elsewhere', message: '该手机号码已是其他网点会员的号码' })
    expect(JSON.stringify(error)).not.toContain(otherSites)
    // A supervisor, who sees every site, is told whose it is.
    const named = await refused(await act(ids[2]!, 1, { contact: { person: { mobile: applicantOf(4).mobile } }, reason: '会员本人申请' }, supervisor), 409)
    expect(named.code).toBe('member.mobile_taken')
    expect(named.message).toContain(otherSites)
    expect((await member(ids[2]!)).version).toBe(1)
  })

  it('refuses nothing to change, no reason, details that do not fit, identity fields and bad values', async () => {
    expect((await refused(await act(ids[2]!, 1, { reason: '会员本人申请' }), 422)).code).toBe('member.contact_required')
    expect((await refused(await act(ids[2]!, 1, { contact: { person: { email: 'new@example.com' } } }), 422)).code).toBe('member.reason_required')
    expect((await refused(await act(ids[2]!, 1, { contact: { person: { mobile: applicantOf(2).mobile } }, reason: '核对' }), 422)).code).toBe('member.nothing_changed')
    expect((await refused(await act(ids[2]!, 1, { contact: { organisation: { registeredAddress: { regionCode: '110105', detail: '望京街 1 号' } } }, reason: '核对' }), 422)).code).toBe('member.contact_type_mismatch')
    expect((await act(ids[2]!, 1, { contact: { person: { name: '李四' } }, reason: '改名' })).status).toBe(400)
    expect((await act(ids[2]!, 1, { contact: { person: { mobile: '1234' } }, reason: '核对' })).status).toBe(400)
    expect((await act(ids[4]!, 1, { contact: { person: { email: 'x@example.com' } }, reason: '核对' })).status).toBe(404)
    expect((await member(ids[2]!)).changes).toHaveLength(1)
  })

  it('removes an optional detail the member withdraws', async () => {
    const result = await ok(await act(ids[2]!, 1, { contact: { person: { email: null } }, reason: '会员要求删除电子邮箱' }))
    expect(result.change.detail.fields).toEqual(['email'])
    expect((await member(ids[2]!, true)).data.person.email).toBeUndefined()
  })

  it('changes an organisation\'s contact person: the member\'s mobile follows it', async () => {
    const contact = { name: '钱多多', mobile: '15800001111', position: '办公室主任' }
    const result = await ok(await act(ids[5]!, 1, { contact: { organisation: { contact } }, reason: '单位来函更换联系人' }))
    expect(result.change.detail.fields).toEqual(['contact'])
    const full = await member(ids[5]!, true)
    expect(full.data.organisation.contact).toEqual(contact)
    expect(full.mobile).toBe('15800001111')

    // Only the contact person's new mobile: the name and position stay as they were.
    const mobileOnly = await ok(await act(ids[5]!, 2, { contact: { organisation: { contact: { mobile: '15800002222' } } }, reason: '联系人更换手机号' }))
    expect(mobileOnly.change.detail.fields).toEqual(['contact'])
    const after = await member(ids[5]!, true)
    expect(after.data.organisation.contact).toEqual({ ...contact, mobile: '15800002222' })
    expect(after.mobile).toBe('15800002222')
  })

  it('a change on a stale copy answers 409 and changes nothing', async () => {
    const error = await refused(await act(ids[1]!, 1, { contact: { person: { occupation: '律师' } }, reason: '会员本人申请' }), 409)
    expect(error.code).toBe('request.version_conflict')
    expect((await member(ids[1]!, true)).data.person.occupation).not.toBe('律师')
  })

  it('gives one mobile to one member when two desks give it to two members at once', async () => {
    const shared = '13700008888'
    for (let round = 0; round < 5; round++) {
      const mobile = `${shared.slice(0, -1)}${round}`
      const [a, b] = [await member(ids[2]!), await member(ids[4]!)]
      const answers = await Promise.all([
        act(ids[2]!, a.version, { contact: { person: { mobile } }, reason: '会员本人申请' }, supervisor),
        act(ids[4]!, b.version, { contact: { person: { mobile } }, reason: '会员本人申请' }, supervisor),
      ])
      expect(answers.map(answer => answer.status).sort()).toEqual([200, 409])
      const holders = await server.database.db.selectFrom('members').select('id').where('mobile', '=', mobile).execute()
      expect(holders).toHaveLength(1)
    }
  })
})
