import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestResponse, TestServer } from '../../support/test-server'
import { formatIssue } from '#shared/errors/format-issue'
import { MAX_LOOKUP_QUERY } from '#shared/sync/protocol-constants'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lookUpOwnApplications } from '../../../client/src/field/lookup/own-applications'
import { DIALECTS } from '../../support/databases'
import { applicantOf, approveThrough, deskApplication, OTHER_SITE_ID, pushApplication, reviewAction } from '../../support/review-fixtures'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * The agent's look-up of their own applications on the server (查询服务器记录), for what a
 * tablet no longer holds: masked, newest first, only their own at their current sites, found
 * by receipt number (or its beginning) or by mobile.
 */
describe.each(DIALECTS)('an agent\'s look-up of their own applications on %s', (dialect) => {
  let server: TestServer
  let li: SignedInAgent
  let wang: SignedInAgent
  let supervisor: SignedInAgent
  const receipts: Record<number, string> = {}
  let memberNo: string

  const look = async (query: string, who: SignedInAgent = li): Promise<TestResponse> => server.request(`/api/sync/applications${query}`, { token: who.token })
  const items = async (query: string, who?: SignedInAgent) => {
    const response = await look(query, who)
    expect(response.status).toBe(200)
    return (await response.json()).items as Array<{ receiptNo: string, status: string, memberNo: string | null, displayName: string, rejectReason: string | null, purged: boolean }>
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID, OTHER_SITE_ID])
    await server.createStaff('agent.wang', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    li = await server.signIn('agent.li')
    wang = await server.signIn('agent.wang')
    supervisor = await server.signIn('supervisor.wu')
    for (const seq of [1, 2, 3]) {
      server.clock.advance(60_000)
      const app = deskApplication(li, seq, seq === 3 ? OTHER_SITE_ID : SYNC_SITE_ID)
      await pushApplication(server, li, app)
      receipts[seq] = app.receiptNo
      if (seq === 1)
        memberNo = (await approveThrough(server, supervisor.token, app.id)).memberNo
      if (seq === 2) {
        await reviewAction(server, supervisor.token, app.id, 'start_review', 1)
        await reviewAction(server, supervisor.token, app.id, 'reject', 2, { reason: 'ineligible', note: '年龄不符' })
      }
    }
    server.clock.advance(60_000)
    const others = deskApplication(wang, 4, SYNC_SITE_ID)
    await pushApplication(server, wang, others)
    receipts[4] = others.receiptNo
  })
  afterAll(() => server.dispose())

  it('lists the agent\'s own applications, newest first, masked, with what became of them', async () => {
    const all = await items('')
    expect(all.map(item => item.receiptNo)).toEqual([receipts[3], receipts[2], receipts[1]])
    expect(all[2]).toMatchObject({ status: 'approved', memberNo, displayName: '张*', rejectReason: null, purged: false })
    expect(all[1]).toMatchObject({ status: 'rejected', memberNo: null, rejectReason: 'ineligible' })
    expect(all[0]).toMatchObject({ status: 'submitted' })
    // Nothing in the answer is the applicant's full data.
    const text = await (await look('')).text()
    expect(text).not.toContain(applicantOf(1).mobile)
    expect(text).not.toContain('张伟')
    expect(text).not.toContain('年龄不符')
  })

  it('finds one by its receipt number as typed (lower case, spaces, full-width), by its beginning, or by the applicant\'s mobile', async () => {
    expect((await items(`?q=${encodeURIComponent(receipts[1]!.toLowerCase())}`)).map(i => i.receiptNo)).toEqual([receipts[1]])
    const spaced = receipts[2]!.replace(/-/g, ' - ')
    expect((await items(`?q=${encodeURIComponent(spaced)}`)).map(i => i.receiptNo)).toEqual([receipts[2]])
    expect((await items(`?q=${encodeURIComponent(receipts[1]!.slice(0, 4))}`)).length).toBeGreaterThanOrEqual(2)
    const mobile = applicantOf(2).mobile
    expect((await items(`?q=${encodeURIComponent(`+86 ${mobile.slice(0, 3)} ${mobile.slice(3)}`)}`)).map(i => i.receiptNo)).toEqual([receipts[2]])
    expect(await items('?q=ZZ99')).toEqual([])
    // A LIKE wildcard is a character, not a pattern.
    expect(await items('?q=%25')).toEqual([])
    // Pasted from a chat app with zero-width spaces: the same number.
    expect((await items(`?q=${encodeURIComponent(`\u200B${receipts[1]!}\uFEFF`)}`)).map(i => i.receiptNo)).toEqual([receipts[1]])
    expect((await items(`?q=${encodeURIComponent(`${mobile.slice(0, 3)}\u200B${mobile.slice(3)}`)}`)).map(i => i.receiptNo)).toEqual([receipts[2]])
  })

  it('takes the search in the X-Search header, keeping the mobile out of the URL', async () => {
    const mobile = applicantOf(2).mobile
    const found = await server.request('/api/sync/applications', { token: li.token, headers: { 'X-Search': encodeURIComponent(`+86 ${mobile}`) } })
    expect((await found.json()).items.map((i: { receiptNo: string }) => i.receiptNo)).toEqual([receipts[2]])
    const tooLong = await server.request('/api/sync/applications', { token: li.token, headers: { 'X-Search': '9'.repeat(200) } })
    expect(tooLong.status).toBe(400)
    expect((await tooLong.json()).error.issues).toEqual([expect.objectContaining({ path: 'q', code: 'field.too_long' })])
  })

  it('never shows another agent\'s applications, nor the agent\'s own at a site no longer theirs', async () => {
    expect(await items(`?q=${encodeURIComponent(receipts[4]!)}`)).toEqual([])
    expect((await items('', wang)).map(i => i.receiptNo)).toEqual([receipts[4]])
    await server.database.db.deleteFrom('staff_sites').where('staff_id', '=', li.staffId).where('site_id', '=', OTHER_SITE_ID).execute()
    const moved = await server.signIn('agent.li')
    expect((await items('', moved)).map(i => i.receiptNo)).toEqual([receipts[2], receipts[1]])
  })

  it('pages, and refuses a bad query or another role', async () => {
    const first = await (await look('?pageSize=1&page=2')).json()
    expect(first).toMatchObject({ total: 2, page: 2, pageSize: 1 })
    expect(first.items.map((i: { receiptNo: string }) => i.receiptNo)).toEqual([receipts[1]])
    expect((await look('?pageSize=1000')).status).toBe(400)
    expect((await look('', supervisor)).status).toBe(403)
  })

  it('shows a purged application as such, with its number and status', async () => {
    await server.database.db.updateTable('applications').set({ display_name: '', purged_at: server.clock.now().toISOString() }).where('receipt_no', '=', receipts[2]!).execute()
    const [purged] = await items(`?q=${encodeURIComponent(receipts[2]!)}`, await server.signIn('agent.li'))
    expect(purged).toMatchObject({ receiptNo: receipts[2], status: 'rejected', displayName: '', purged: true })
  })

  it('answers the device\'s look-up, and names what is wrong with a search it refuses', async () => {
    // The device's own client, against this server.
    const fetcher = ((url: string, init?: RequestInit) => Promise.resolve(server.app.request(url, init))) as typeof fetch
    const found = await lookUpOwnApplications(fetcher, li.token, receipts[1]!)
    expect(found.ok && found.list.items.map(item => item.receiptNo)).toEqual([receipts[1]])
    const tooLong = await lookUpOwnApplications(fetcher, li.token, '1'.repeat(MAX_LOOKUP_QUERY + 1))
    expect(tooLong).toMatchObject({ ok: false, reason: 'failed', code: 'request.invalid', issue: { path: 'q', code: 'field.too_long', params: { max: MAX_LOOKUP_QUERY } } })
    expect(!tooLong.ok && tooLong.issue && formatIssue(tooLong.issue, 'zh-CN')).toBe(`最多${MAX_LOOKUP_QUERY}个字符`)
    expect((await look(`?q=${'1'.repeat(MAX_LOOKUP_QUERY)}`)).status).toBe(200)
  })
})
