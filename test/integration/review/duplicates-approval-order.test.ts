import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDedupScan } from '../../../server/dedup/rescan'
import { makeResidentId } from '../../fixtures/applications'
import { DIALECTS } from '../../support/databases'
import { approveThrough, pushArrival, reviewAction } from '../../support/review-fixtures'
import { pushBody, resubmit, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * A pair is raised once, on the later arrival (B) against the earlier (A). When B becomes a
 * member while A is still open, A must be compared with that member — at once, and again when
 * A is resubmitted or re-scanned — unless a reviewer judged them different people. Before,
 * B's own candidate (now moot: B has nothing more to decide) kept A from ever being paired
 * with the member, and A could be approved as a second membership of one person.
 */
describe.each(DIALECTS)('an earlier application when the later duplicate is approved first, on %s', (dialect) => {
  let server: TestServer
  let tablet: SignedInAgent
  let reviewer: SignedInAgent
  let seq = 300

  const enrol = (person: Record<string, unknown>) => pushArrival(server, tablet, ++seq, person)
  const candidates = (applicationId: string) =>
    server.database.db.selectFrom('duplicate_candidates').select(['id', 'other_type', 'other_id', 'other_application_id', 'level', 'resolution']).where('application_id', '=', applicationId).orderBy('id').execute()
  /** Only a similar name and the same birth date: possible, which holds no approval back. */
  const possiblePair = async (names: [string, string], birthDate: string, sequence: number) => {
    const a = await enrol({ name: names[0], birthDate, idNumber: makeResidentId(birthDate, 'male', { sequence }) })
    const b = await enrol({ name: names[1], birthDate, idType: 'passport', idNumber: `E${sequence}0000`, address: { regionCode: '310104', detail: '漕溪北路100号' } })
    expect(await candidates(b.id)).toMatchObject([{ other_type: 'application', other_id: a.id, level: 'possible', resolution: null }])
    return { a, b }
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
    tablet = await server.signIn('agent.li')
    reviewer = await server.signIn('reviewer.chen')
  })
  afterAll(() => server.dispose())

  it('gives the earlier application a candidate against the member the later one became, and a re-scan agrees', async () => {
    const { a, b } = await possiblePair(['沈明', '沈敏'], '1991-07-07', 71)
    const { memberId } = await approveThrough(server, reviewer.token, b.id)
    expect(await candidates(a.id)).toMatchObject([{ other_type: 'member', other_id: memberId, other_application_id: b.id, level: 'possible', resolution: null }])
    const stored = await candidates(a.id)
    await runDedupScan(server.deps)
    expect(await candidates(a.id)).toEqual(stored)
  })

  it('holds the earlier application\'s approval once its resubmission makes it a likely duplicate of that member', async () => {
    const { a, b } = await possiblePair(['程亮', '程量'], '1986-06-06', 72)
    const { memberId } = await approveThrough(server, reviewer.token, b.id)
    // Returned for the mobile, and the agent types the one the member gave.
    expect((await reviewAction(server, reviewer.token, a.id, 'start_review', 1)).status).toBe(200)
    expect((await reviewAction(server, reviewer.token, a.id, 'return', 2, { items: [{ kind: 'field', ref: 'person.mobile' }] })).status).toBe(200)
    const fixed = await server.request('/api/sync/push', { method: 'POST', token: tablet.token, json: pushBody([resubmit({ ...a, person: { ...a.person, mobile: b.person.mobile } }, 3)]) })
    expect((await fixed.json()).results[0].outcome).toBe('applied')
    expect(await candidates(a.id)).toMatchObject([{ other_type: 'member', other_id: memberId, level: 'likely', resolution: null }])
    expect((await reviewAction(server, reviewer.token, a.id, 'start_review', 4)).status).toBe(200)
    const blocked = await reviewAction(server, reviewer.token, a.id, 'approve', 5, {})
    expect(blocked.status).toBe(422)
    expect((await blocked.json()).error.code).toBe('status.duplicate_unresolved')
  })

  it('raises nothing against the member when a reviewer judged the pair different people', async () => {
    const a = await enrol({ name: '柯文', mobile: '13566660001' })
    const b = await enrol({ name: '柯雯', birthDate: '1975-05-05', idType: 'passport', idNumber: 'E66660001', mobile: '13566660001' })
    const [candidate] = await candidates(b.id)
    expect(candidate).toMatchObject({ other_id: a.id, level: 'likely' })
    expect((await reviewAction(server, reviewer.token, b.id, 'start_review', 1)).status).toBe(200)
    const cleared = await server.request(`/api/review/applications/${b.id}/duplicates/${candidate!.id}/resolve`, { method: 'POST', token: reviewer.token, headers: { 'If-Match': '"2"' }, json: { resolution: 'different_person' } })
    expect(cleared.status).toBe(200)
    expect((await reviewAction(server, reviewer.token, b.id, 'approve', 2, {})).status).toBe(200)
    expect(await candidates(a.id)).toEqual([])
    await runDedupScan(server.deps)
    expect(await candidates(a.id)).toEqual([])
  })
})
