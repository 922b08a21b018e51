import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestResponse, TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDedupScan } from '../../../server/dedup/rescan'
import { DIALECTS } from '../../support/databases'
import { approveThrough, pushArrival, reviewAction } from '../../support/review-fixtures'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * A member's contact details changed — at the desk (资料变更) or by a same-person verdict —
 * are what open applications are compared with from then on: the candidates naming the
 * member are scored again on the new details, and an open application the new details now
 * match gets one, as a resubmitted application's would. Before, only applications arriving
 * later saw the change: an open one kept a candidate on a mobile the member no longer has
 * (its approval held for nothing), and one with the member's new mobile was never flagged.
 */
describe.each(DIALECTS)('duplicates after a member\'s contact change, on %s', (dialect) => {
  let server: TestServer
  let tablet: SignedInAgent
  let reviewer: SignedInAgent
  let supervisor: SignedInAgent
  let seq = 500

  const enrol = (person: Record<string, unknown>) => pushArrival(server, tablet, ++seq, person)
  /** Another person on a passport, born elsewhen, with `mobile`: only the mobile can match. */
  const stranger = (name: string, mobile: string) => enrol({ name, mobile, birthDate: '1969-09-09', idType: 'passport', idNumber: `E${mobile.slice(-8)}` })
  const candidates = (applicationId: string) =>
    server.database.db.selectFrom('duplicate_candidates').select(['id', 'other_type', 'other_id', 'level', 'resolution']).where('application_id', '=', applicationId).orderBy('id').execute()
  const changeMobile = async (memberId: string, version: number, mobile: string): Promise<void> => {
    const response: TestResponse = await server.request(`/api/members/${memberId}/actions/update_contact`, { method: 'POST', token: reviewer.token, headers: { 'If-Match': `"${version}"` }, json: { contact: { person: { mobile } }, reason: '会员本人申请' } })
    expect(response.status, await response.clone().text()).toBe(200)
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    tablet = await server.signIn('agent.li')
    reviewer = await server.signIn('reviewer.chen')
    supervisor = await server.signIn('supervisor.wu')
  })
  afterAll(() => server.dispose())

  it('drops the candidate an open application held on the member\'s old mobile: its approval is no longer held', async () => {
    const original = await enrol({ name: '葛亮', mobile: '13577770001' })
    const { memberId } = await approveThrough(server, supervisor.token, original.id)
    const sharer = await stranger('鲁迅', '13577770001')
    expect(await candidates(sharer.id)).toMatchObject([{ other_type: 'member', other_id: memberId, level: 'likely', resolution: null }])

    await changeMobile(memberId, 1, '13577770002')
    expect(await candidates(sharer.id)).toEqual([])
    const stored = await candidates(sharer.id)
    await runDedupScan(server.deps)
    expect(await candidates(sharer.id)).toEqual(stored)
    await approveThrough(server, reviewer.token, sharer.id)
  })

  it('flags an open application that has the member\'s new mobile, and holds its approval', async () => {
    const original = await enrol({ name: '邓超', mobile: '13577770011' })
    const { memberId } = await approveThrough(server, supervisor.token, original.id)
    const waiting = await stranger('孔明', '13577770012')
    expect(await candidates(waiting.id)).toEqual([])

    await changeMobile(memberId, 1, '13577770012')
    expect(await candidates(waiting.id)).toMatchObject([{ other_type: 'member', other_id: memberId, level: 'likely', resolution: null }])
    const stored = await candidates(waiting.id)
    await runDedupScan(server.deps)
    expect(await candidates(waiting.id)).toEqual(stored)
    expect((await reviewAction(server, reviewer.token, waiting.id, 'start_review', 1)).status).toBe(200)
    const blocked = await reviewAction(server, reviewer.token, waiting.id, 'approve', 2, {})
    expect(blocked.status).toBe(422)
    expect((await blocked.json()).error.code).toBe('status.duplicate_unresolved')
  })

  it('leaves a different-person verdict as it is, and raises no new candidate for that pair', async () => {
    const original = await enrol({ name: '范伟', mobile: '13577770021' })
    const { memberId } = await approveThrough(server, supervisor.token, original.id)
    const sharer = await stranger('曹操', '13577770021')
    const [candidate] = await candidates(sharer.id)
    expect((await reviewAction(server, reviewer.token, sharer.id, 'start_review', 1)).status).toBe(200)
    const cleared = await server.request(`/api/review/applications/${sharer.id}/duplicates/${candidate!.id}/resolve`, { method: 'POST', token: reviewer.token, headers: { 'If-Match': '"2"' }, json: { resolution: 'different_person' } })
    expect(cleared.status).toBe(200)

    await changeMobile(memberId, 1, '13577770022')
    await changeMobile(memberId, 2, '13577770021')
    expect(await candidates(sharer.id)).toMatchObject([{ id: candidate!.id, other_id: memberId, resolution: 'different_person' }])
  })

  it('flags an open application with the mobile a same-person verdict carried over to the member', async () => {
    const original = await enrol({ name: '何平', mobile: '13577770031' })
    const { memberId } = await approveThrough(server, supervisor.token, original.id)
    const waiting = await stranger('袁枚', '13577770032')
    // The person enrolled again with a new mobile; the reviewer brings the member up to date.
    const again = await enrol({ name: '何平', idNumber: original.person.idNumber, mobile: '13577770032' })
    const [same] = (await candidates(again.id)).filter(c => c.other_id === memberId)
    expect((await reviewAction(server, reviewer.token, again.id, 'start_review', 1)).status).toBe(200)
    const resolved = await server.request(`/api/review/applications/${again.id}/duplicates/${same!.id}/resolve`, { method: 'POST', token: reviewer.token, headers: { 'If-Match': '"2"' }, json: { resolution: 'same_person', memberFields: ['mobile'] } })
    expect(resolved.status, await resolved.clone().text()).toBe(200)
    expect(await candidates(waiting.id)).toMatchObject([{ other_type: 'member', other_id: memberId, level: 'likely', resolution: null }])
  })
})
