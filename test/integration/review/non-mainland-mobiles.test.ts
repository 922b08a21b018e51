import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCsv } from '../../support/csv'
import { DIALECTS } from '../../support/databases'
import { approveThrough, deskApplication, pushApplication } from '../../support/review-fixtures'
import { pushBody, submit, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * A Hong Kong resident enrols with a Home Return Permit and a Hong Kong mobile, typed as
 * people write it (`00852 9123-4567`). Through the HTTP API on a real database: the server
 * stores it as `+85291234567`, masks it with its calling code, finds the member by it
 * however it is typed, flags a second enrolment with the same number, and the agent's
 * look-up finds the application by it. A number with no calling code is refused.
 */
describe.each(DIALECTS)('hong Kong, Macau and Taiwan mobiles on %s', (dialect) => {
  let server: TestServer
  let agent: SignedInAgent
  let supervisor: SignedInAgent
  let applicationId: string
  let receiptNo: string
  let memberNo: string
  let memberId: string

  const hongKongResident = (seq: number, mobile: string) => deskApplication(agent, seq, SYNC_SITE_ID, {
    person: { name: '陈家明', idType: 'hk_mo_permit', idNumber: `H${String(12345600 + seq)}`, birthDate: '1985-02-01', mobile },
  })

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    agent = await server.signIn('agent.li')
    supervisor = await server.signIn('supervisor.wu')
    const app = hongKongResident(1, '00852 9123-4567')
    await pushApplication(server, agent, app)
    applicationId = app.id
    receiptNo = app.receiptNo
  })
  afterAll(() => server.dispose())

  it('stores the number in E.164 and shows it masked with its calling code', async () => {
    const list = await (await server.request('/api/review/applications', { token: supervisor.token })).json()
    expect(list.items.find((i: { id: string }) => i.id === applicationId)).toMatchObject({ mobile: '+852****4567' })
    const masked = await (await server.request(`/api/review/applications/${applicationId}`, { token: supervisor.token })).json()
    expect(masked.application.person.mobile).toBe('+852****4567')
    const full = await (await server.request(`/api/review/applications/${applicationId}?reveal=true`, { token: supervisor.token })).json()
    expect(full.application.person.mobile).toBe('+85291234567')
  })

  it('finds the member by the number however it is typed, in the query or in X-Search', async () => {
    const approved = await approveThrough(server, supervisor.token, applicationId)
    memberNo = approved.memberNo
    memberId = approved.memberId
    for (const typed of ['+85291234567', '+852 9123 4567', '00852-9123-4567', '852 91234567', '＋８５２９１２３４５６７']) {
      const byHeader = await (await server.request('/api/members', { token: supervisor.token, headers: { 'X-Search': encodeURIComponent(typed) } })).json()
      expect(byHeader.items.map((m: { memberNo: string }) => m.memberNo), typed).toEqual([memberNo])
      expect(byHeader.items[0].mobile).toBe('+852****4567')
    }
    const byQuery = await (await server.request(`/api/members?q=${encodeURIComponent('+852 9123 4567')}`, { token: supervisor.token })).json()
    expect(byQuery.items.map((m: { memberNo: string }) => m.memberNo)).toEqual([memberNo])
    // Another region's number with the same digits is another number.
    const macau = await (await server.request('/api/members', { token: supervisor.token, headers: { 'X-Search': encodeURIComponent('+853 9123 4567') } })).json()
    expect(macau.items).toEqual([])
  })

  it('flags a second enrolment with the same number, typed another way, as a likely duplicate of the member', async () => {
    const again = deskApplication(agent, 2, SYNC_SITE_ID, {
      person: { name: '李慧', idType: 'passport', idNumber: 'K12345678', birthDate: '1991-07-07', mobile: '+852 9123 4567' },
    })
    await pushApplication(server, agent, again)
    const detail = await (await server.request(`/api/review/applications/${again.id}`, { token: supervisor.token })).json()
    expect(detail.duplicateCandidates).toEqual([expect.objectContaining({ otherType: 'member', level: 'likely', reasons: [expect.objectContaining({ code: 'same_mobile' })] })])
  })

  it('lets the agent find the application by the number on the device\'s look-up', async () => {
    const found = await (await server.request('/api/sync/applications', { token: agent.token, headers: { 'X-Search': encodeURIComponent('+852 9123 4567') } })).json()
    expect(found.items.map((i: { receiptNo: string }) => i.receiptNo)).toContain(receiptNo)
  })

  it('accepts Macau and Taiwan mobiles, Taiwan\'s trunk 0 dropped', async () => {
    const macau = hongKongResident(3, '+853 6612 3456')
    const taiwan = deskApplication(agent, 4, SYNC_SITE_ID, {
      person: { name: '林志玲', idType: 'tw_permit', idNumber: '01234567', birthDate: '1980-11-29', mobile: '+886 0912-345-678' },
    })
    await pushApplication(server, agent, macau)
    await pushApplication(server, agent, taiwan)
    for (const [id, stored] of [[macau.id, '+85366123456'], [taiwan.id, '+886912345678']] as const) {
      const full = await (await server.request(`/api/review/applications/${id}?reveal=true`, { token: supervisor.token })).json()
      expect(full.application.person.mobile).toBe(stored)
    }
    // A Taiwan number as written at home, its trunk 0 and no code, finds it too: no other mobile starts 09.
    const search = (path: string, token: string, typed: string) => server.request(path, { token, headers: { 'X-Search': encodeURIComponent(typed) } }).then(r => r.json())
    expect((await search('/api/sync/applications', agent.token, '0912-345-678')).items.map((i: { receiptNo: string }) => i.receiptNo)).toEqual([taiwan.receiptNo])
    const { memberNo: taiwanMember } = await approveThrough(server, supervisor.token, taiwan.id)
    for (const typed of ['0912 345 678', '０９１２３４５６７８'])
      expect((await search('/api/members', supervisor.token, typed)).items.map((m: { memberNo: string }) => m.memberNo), typed).toEqual([taiwanMember])
    expect((await search('/api/members', supervisor.token, '0912 345 679')).items).toEqual([])
  })

  it('finds a Hong Kong or Macau number typed without its calling code, as each region it may be', async () => {
    const search = (path: string, token: string, typed: string) => server.request(path, { token, headers: { 'X-Search': encodeURIComponent(typed) } }).then(r => r.json())
    const numbers = async (typed: string) => ((await search('/api/members', supervisor.token, typed)).items as { memberNo: string }[]).map(m => m.memberNo).sort()
    // 9… is Hong Kong's alone.
    expect(await numbers('9123 4567')).toEqual([memberNo])
    // 6… may be either region's: two people, one number's digits.
    const hongKong = deskApplication(agent, 7, SYNC_SITE_ID, {
      person: { name: '黄志强', idType: 'hk_mo_permit', idNumber: 'H87654321', birthDate: '1975-03-03', mobile: '+852 6677 8899' },
    })
    const macau = deskApplication(agent, 8, SYNC_SITE_ID, {
      person: { name: '梁嘉怡', idType: 'hk_mo_permit', idNumber: 'M12345678', birthDate: '1988-08-08', mobile: '+853 6677 8899' },
    })
    await pushApplication(server, agent, hongKong)
    await pushApplication(server, agent, macau)
    const receipts = (await search('/api/sync/applications', agent.token, '6677-8899')).items.map((i: { receiptNo: string }) => i.receiptNo)
    expect(receipts.sort()).toEqual([hongKong.receiptNo, macau.receiptNo].sort())
    const members = [await approveThrough(server, supervisor.token, hongKong.id), await approveThrough(server, supervisor.token, macau.id)]
    expect(await numbers('6677 8899')).toEqual(members.map(m => m.memberNo).sort())
    expect(await numbers('６６７７ ８８９９')).toEqual(members.map(m => m.memberNo).sort())
    // With its code it is the one number; a fixed line's digits (2…) are no mobile.
    expect(await numbers('+853 6677 8899')).toEqual([members[1]!.memberNo])
    expect(await numbers('2677 8899')).toEqual([])
  })

  it('changes a member\'s mobile at the desk (资料变更) to a Hong Kong number however it is typed, one member per number', async () => {
    const macau = deskApplication(agent, 6, SYNC_SITE_ID, {
      person: { name: '何嘉欣', idType: 'hk_mo_permit', idNumber: 'M87654321', birthDate: '1979-04-12', mobile: '+853 6688 1234' },
    })
    await pushApplication(server, agent, macau)
    const other = await approveThrough(server, supervisor.token, macau.id)
    const change = (mobile: string) => server.request(`/api/members/${other.memberId}/actions/update_contact`, { method: 'POST', token: supervisor.token, headers: { 'If-Match': '"1"' }, json: { contact: { person: { mobile } }, reason: '会员本人申请' } })
    // The first member's number, typed another way, is taken; the member's own, typed another way, changes nothing.
    const taken = await change('00852 9123-4567')
    expect(taken.status).toBe(409)
    expect((await taken.json()).error).toMatchObject({ code: 'member.mobile_taken', message: expect.stringContaining(memberNo) })
    const same = await change('00853-6688-1234')
    expect(same.status).toBe(422)
    expect((await same.json()).error.code).toBe('member.nothing_changed')
    expect((await change('852 6123 4567')).status).toBe(200)
    const full = await (await server.request(`/api/members/${other.memberId}?reveal=true`, { token: supervisor.token })).json()
    expect([full.mobile, full.data.person.mobile]).toEqual(['+85261234567', '+85261234567'])
    const found = await (await server.request('/api/members', { token: supervisor.token, headers: { 'X-Search': encodeURIComponent('+852 6123-4567') } })).json()
    expect(found.items.map((m: { memberNo: string, mobile: string }) => [m.memberNo, m.mobile])).toEqual([[other.memberNo, '+852****4567']])
  })

  it('exports the number as a phone number, kept as text with a tab like a mainland one, not as a defused formula', async () => {
    const exported = async (path: string) => parseCsv((await (await server.request(path, { token: supervisor.token })).text()).replace(/^\uFEFF/, ''))
    for (const [full, shown] of [[false, '+852****4567'], [true, '+85291234567']] as const) {
      const [header, ...rows] = await exported(`/api/exports/applications?format=csv${full ? '&full=true' : ''}`)
      const row = rows.find(r => r[0] === receiptNo)!
      expect(row[header!.indexOf('手机号码')], `full=${full}`).toBe(`\t${shown}`)
    }
    const [, ...copy] = await exported(`/api/exports/members/${memberId}/personal-copy?format=csv`)
    expect(copy.filter(row => row[2]!.includes('91234567')).map(row => row[2])).toEqual(['\t+85291234567'])
  })

  it('refuses a Hong Kong number without its calling code (the message for mobile.format says to add it)', async () => {
    const app = hongKongResident(5, '9123 4567')
    const response = await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: pushBody([submit(app)]) })
    const { results } = await response.json()
    expect(results[0]).toMatchObject({ outcome: 'rejected', issues: [{ path: 'person.mobile', code: 'mobile.format' }] })
  })
})
