import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestResponse, TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDedupScan } from '../../../server/dedup/rescan'
import { purgeApplication } from '../../../server/repositories/retention.repository'
import { makeResidentId } from '../../fixtures/applications'
import { DIALECTS } from '../../support/databases'
import { approveThrough, deskApplication, markAttachmentsArrived, OTHER_SITE_ID, pushApplication, pushArrival, reviewAction } from '../../support/review-fixtures'
import { pushBody, resubmit, submit, SYNC_SITE_ID, withdraw } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * Duplicates found at ingest and resolved by reviewers (DESIGN.md §6), through the HTTP API
 * on a real database: candidates across devices, the approval guard, both verdicts, and the
 * re-scan.
 */
describe.each(DIALECTS)('duplicate reconciliation on %s', (dialect) => {
  let server: TestServer
  let tabletA: SignedInAgent
  let tabletB: SignedInAgent
  let reviewer: SignedInAgent
  let otherReviewer: SignedInAgent
  let supervisor: SignedInAgent
  let seq = 100

  const detail = async (id: string, who: SignedInAgent = reviewer) => {
    const response = await server.request(`/api/review/applications/${id}`, { token: who.token })
    expect(response.status).toBe(200)
    return response.json()
  }
  const resolve = (id: string, candidateId: string, version: number, body: unknown, who: SignedInAgent = reviewer): Promise<TestResponse> =>
    server.request(`/api/review/applications/${id}/duplicates/${candidateId}/resolve`, { method: 'POST', token: who.token, headers: { 'If-Match': `"${version}"` }, json: body })
  /** A new applicant: own mobile and ID number (the fixture's name and birth date). */
  const enrol = (agent: SignedInAgent, person: Record<string, unknown> = {}) => pushArrival(server, agent, ++seq, person)
  const candidateRows = (applicationId: string) =>
    server.database.db.selectFrom('duplicate_candidates').selectAll().where('application_id', '=', applicationId).orderBy('id').execute()

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
    await server.createStaff('reviewer.sun', 'reviewer', [OTHER_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    // One agent, two tablets: each signs in with its own device id.
    tabletA = await server.signIn('agent.li', undefined, 'tablet-a')
    tabletB = await server.signIn('agent.li', undefined, 'tablet-b')
    reviewer = await server.signIn('reviewer.chen')
    otherReviewer = await server.signIn('reviewer.sun')
    supervisor = await server.signIn('supervisor.wu')
  })
  afterAll(() => server.dispose())

  it('flags the second of two offline enrolments of one person, from another device, against the first', async () => {
    const first = await enrol(tabletA, { name: '王小明' })
    // The same person on the other tablet: his ID typed with a lower-case x and spaces is the same document.
    const second = await enrol(tabletB, { name: '王晓明', idNumber: first.person.idNumber, mobile: '13912340001' })
    expect((await detail(first.id)).duplicateCandidates).toEqual([])
    const { duplicateCandidates } = await detail(second.id)
    expect(duplicateCandidates).toHaveLength(1)
    expect(duplicateCandidates[0]).toMatchObject({
      otherType: 'application',
      otherId: first.id,
      otherApplicationId: first.id,
      level: 'certain',
      resolution: null,
      other: { receiptNo: first.receiptNo, memberNo: null, status: 'submitted', siteId: SYNC_SITE_ID },
      comparison: { party: 'applicant', otherParty: 'applicant', fields: { idNumber: 'same', name: 'similar', mobile: 'different', birthDate: 'same' } },
    })
    expect(duplicateCandidates[0].reasons).toContainEqual({ code: 'same_id_number', party: 'applicant', otherParty: 'applicant' })
    expect(duplicateCandidates[0].other.displayName).toContain('*')
    // The queue's filter finds it.
    const queue = await (await server.request('/api/review/applications?hasDuplicates=true', { token: reviewer.token })).json()
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(second.id)
  })

  it('catches a person enrolled twice within one pushed batch, on the second', async () => {
    seq += 2
    const first = deskApplication(tabletA, seq - 1, SYNC_SITE_ID, { person: { name: '林静' } })
    const second = deskApplication(tabletA, seq, SYNC_SITE_ID, { person: { name: '林婧', idNumber: first.person.idNumber, mobile: '13812340009' } })
    await markAttachmentsArrived(server, first)
    await markAttachmentsArrived(server, second)
    const response = await server.request('/api/sync/push', { method: 'POST', token: tabletA.token, json: pushBody([submit(first), submit(second)]) })
    expect((await response.json()).results.map((r: { outcome: string }) => r.outcome)).toEqual(['applied', 'applied'])
    expect(await candidateRows(first.id)).toEqual([])
    expect(await candidateRows(second.id)).toMatchObject([{ other_type: 'application', other_id: first.id, level: 'certain' }])
  })

  it('checks against members: the same ID as an approved member is certain; a shared mobile alone likely', async () => {
    const original = await enrol(tabletA, { name: '赵丽' })
    const { memberId } = await approveThrough(server, supervisor.token, original.id)
    const again = await enrol(tabletB, { name: '赵莉', idNumber: original.person.idNumber })
    const sameMobile = await enrol(tabletB, { name: '钱芳', birthDate: '1990-01-01', idType: 'passport', idNumber: 'E98765432', mobile: original.person.mobile })
    const [certain] = (await detail(again.id)).duplicateCandidates
    expect(certain).toMatchObject({ otherType: 'member', otherId: memberId, otherApplicationId: original.id, level: 'certain' })
    expect(certain.other.memberNo).toMatch(/^FE/)
    expect(certain.other.status).toBe('active')
    // Its validity run out (stored status still active): the card says expired, as the member's page does.
    await server.database.db.updateTable('members').set({ valid_until: '2020-12-31' }).where('id', '=', memberId).execute()
    expect((await detail(again.id)).duplicateCandidates[0].other.status).toBe('expired')
    await server.database.db.updateTable('members').set({ valid_until: '2099-12-31' }).where('id', '=', memberId).execute()
    const [likely] = (await detail(sameMobile.id)).duplicateCandidates
    expect(likely).toMatchObject({ otherType: 'member', otherId: memberId, level: 'likely', reasons: [{ code: 'same_mobile', party: 'applicant', otherParty: 'applicant' }] })
  })

  it('blocks approval until the candidate is resolved; "different person" clears it and it is never raised again', async () => {
    const first = await enrol(tabletA, { name: '孙杰', mobile: '13712345678' })
    const second = await enrol(tabletB, { name: '孙洁', birthDate: '1979-09-09', idType: 'passport', idNumber: 'G12345678', mobile: '13712345678' })
    expect((await reviewAction(server, reviewer.token, second.id, 'start_review', 1)).status).toBe(200)
    const blocked = await reviewAction(server, reviewer.token, second.id, 'approve', 2, {})
    expect(blocked.status).toBe(422)
    expect((await blocked.json()).error.code).toBe('status.duplicate_unresolved')

    const [candidate] = (await detail(second.id)).duplicateCandidates
    expect(candidate.level).toBe('likely')
    // Only reviewers of the application's site (or supervisors), with a current version.
    expect((await resolve(second.id, candidate.id, 2, { resolution: 'different_person' }, otherReviewer)).status).toBe(404)
    expect((await resolve(second.id, candidate.id, 1, { resolution: 'different_person' })).status).toBe(409)
    expect((await resolve(second.id, candidate.id, 2, { resolution: 'different_person', memberFields: ['mobile'] })).status).toBe(422)
    const cleared = await resolve(second.id, candidate.id, 2, { resolution: 'different_person', note: '夫妻共用手机' })
    expect(cleared.status, await cleared.clone().text()).toBe(200)
    expect(await cleared.json()).toMatchObject({ resolution: 'different_person', decision: null, memberUpdate: null })
    // The note stays with the verdict, for whoever reads the application next (it was dropped).
    expect((await detail(second.id)).duplicateCandidates[0]).toMatchObject({ resolution: 'different_person', resolutionNote: '夫妻共用手机' })
    const again = await resolve(second.id, candidate.id, 2, { resolution: 'different_person' })
    expect(again.status).toBe(409)
    expect((await again.json()).error.code).toBe('duplicate.already_resolved')

    const audit = await server.database.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'duplicate.resolve').where('target_id', '=', second.id).execute()
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ candidateId: candidate.id, resolution: 'different_person', level: 'likely' })

    // Returned, fixed and resubmitted: the pair stays cleared.
    expect((await reviewAction(server, reviewer.token, second.id, 'return', 2, { items: [{ kind: 'field', ref: 'person.email' }] })).status).toBe(200)
    const resubmitted = await server.request('/api/sync/push', { method: 'POST', token: tabletB.token, json: pushBody([resubmit({ ...second, person: { ...second.person, email: 'sun.jie@example.cn' } }, 3)]) })
    expect((await resubmitted.json()).results[0].outcome).toBe('applied')
    const rows = await candidateRows(second.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ resolution: 'different_person', resolved_by: reviewer.staffId })
    // Nor from the other side, when the first application is checked again by a re-scan.
    await runDedupScan(server.deps)
    expect(await candidateRows(first.id)).toEqual([])
    expect(await candidateRows(second.id)).toHaveLength(1)

    // Now it can be approved.
    expect((await reviewAction(server, reviewer.token, second.id, 'start_review', 4)).status).toBe(200)
    expect((await reviewAction(server, reviewer.token, second.id, 'approve', 5, {})).status).toBe(200)
  })

  it('"same person" closes the application as a rejected duplicate and brings the chosen member details up to date', async () => {
    const original = await enrol(tabletA, { name: '周强', mobile: '13600001111' })
    const { memberId } = await approveThrough(server, supervisor.token, original.id)
    const newer = await enrol(tabletB, { name: '周强', idNumber: original.person.idNumber, mobile: '13600002222', email: 'zhou.qiang@example.cn' })
    const [candidate] = (await detail(newer.id)).duplicateCandidates

    const notYet = await resolve(newer.id, candidate.id, 1, { resolution: 'same_person' })
    expect(notYet.status).toBe(409)
    expect((await notYet.json()).error.code).toBe('duplicate.same_person_needs_review')
    expect((await reviewAction(server, reviewer.token, newer.id, 'start_review', 1)).status).toBe(200)

    const response = await resolve(newer.id, candidate.id, 2, { resolution: 'same_person', memberFields: ['mobile', 'email', 'address'] })
    expect(response.status, await response.clone().text()).toBe(200)
    const result = await response.json()
    expect(result.decision).toMatchObject({ id: newer.id, status: 'rejected', version: 3 })
    expect(result.memberUpdate).toEqual({ memberId, version: 2, fields: ['mobile', 'email'] })

    const closed = await detail(newer.id)
    expect(closed).toMatchObject({ status: 'rejected', rejectReason: 'duplicate' })
    expect(closed.duplicateCandidates[0]).toMatchObject({ resolution: 'same_person', resolvedBy: reviewer.staffId, resolutionNote: null })

    const member = await (await server.request(`/api/members/${memberId}?reveal=true`, { token: supervisor.token })).json()
    expect(member.data.person).toMatchObject({ mobile: '13600002222', email: 'zhou.qiang@example.cn', idNumber: original.person.idNumber })
    expect(member.changes.at(-1)).toMatchObject({ version: 2, action: 'update_from_duplicate', actorId: reviewer.staffId, detail: { fields: ['mobile', 'email'], applicationId: newer.id } })

    // The member is found by the new mobile from now on.
    const byNewMobile = await enrol(tabletA, { name: '吴刚', birthDate: '1970-02-02', idType: 'passport', idNumber: 'E11112222', mobile: '13600002222' })
    expect((await detail(byNewMobile.id)).duplicateCandidates[0]).toMatchObject({ otherType: 'member', otherId: memberId, level: 'likely' })
  })

  it('"same person" does not give the member a mobile another member holds: 409, and nothing changes', async () => {
    const original = await enrol(tabletA, { name: '郑敏', mobile: '13600003333' })
    const { memberId } = await approveThrough(server, supervisor.token, original.id)
    const holder = await enrol(tabletA, { name: '冯军', birthDate: '1982-08-08', idType: 'passport', idNumber: 'E22223333', mobile: '13600004444' })
    const { memberNo: holderNo } = await approveThrough(server, supervisor.token, holder.id)
    const newer = await enrol(tabletB, { name: '郑敏', idNumber: original.person.idNumber, mobile: '13600004444' })
    const candidate = (await detail(newer.id)).duplicateCandidates.find((c: { otherId: string }) => c.otherId === memberId)
    expect((await reviewAction(server, reviewer.token, newer.id, 'start_review', 1)).status).toBe(200)

    const response = await resolve(newer.id, candidate.id, 2, { resolution: 'same_person', memberFields: ['mobile'] })
    expect(response.status).toBe(409)
    const { error } = await response.json()
    expect(error.code).toBe('member.mobile_taken')
    expect(error.message).toContain(holderNo)
    expect(await detail(newer.id)).toMatchObject({ status: 'in_review', version: 2 })
    const member = await (await server.request(`/api/members/${memberId}?reveal=true`, { token: supervisor.token })).json()
    expect(member).toMatchObject({ version: 1, data: { person: { mobile: '13600003333' } } })
  })

  it('"same person" carries no details to another site\'s member the reviewer may not work on: 403, and nothing changes', async () => {
    // The person became a member at site-sh01; enrolled again at site-bj01, whose reviewer
    // can neither open that member nor change it through its own operations.
    seq++
    const original = deskApplication(tabletA, seq, OTHER_SITE_ID, { person: { name: '褚红', mobile: '13600005555' } })
    // agent.li works for both sites (one agent covering two sites is common).
    await server.database.db.insertInto('staff_sites').values({ staff_id: tabletA.staffId, site_id: OTHER_SITE_ID }).onConflict(oc => oc.doNothing()).execute()
    await pushApplication(server, tabletA, original)
    const { memberId } = await approveThrough(server, supervisor.token, original.id)
    expect((await server.request(`/api/members/${memberId}`, { token: reviewer.token })).status).toBe(404)
    const newer = await enrol(tabletB, { name: '褚红', idNumber: original.person.idNumber, mobile: '13600006666' })
    const candidate = (await detail(newer.id)).duplicateCandidates.find((c: { otherId: string }) => c.otherId === memberId)
    expect(candidate).toMatchObject({ otherType: 'member', other: { siteId: OTHER_SITE_ID } })
    expect((await reviewAction(server, reviewer.token, newer.id, 'start_review', 1)).status).toBe(200)

    const refused = await resolve(newer.id, candidate.id, 2, { resolution: 'same_person', memberFields: ['mobile'] })
    expect(refused.status).toBe(403)
    expect((await refused.json()).error.code).toBe('member.site_not_assigned')
    expect(await detail(newer.id)).toMatchObject({ status: 'in_review', version: 2 })
    const member = await (await server.request(`/api/members/${memberId}?reveal=true`, { token: supervisor.token })).json()
    expect(member).toMatchObject({ version: 1, data: { person: { mobile: '13600005555' } } })

    // The verdict itself is the reviewer's to give; a supervisor may bring the member up to date.
    const closed = await resolve(newer.id, candidate.id, 2, { resolution: 'same_person' })
    expect(closed.status).toBe(200)
  })

  it('closes candidates whose other application is withdrawn, and moves them to the member when it is approved', async () => {
    const a = await enrol(tabletA, { name: '郑红', mobile: '13511112222' })
    const b = await enrol(tabletB, { name: '郑虹', idNumber: a.person.idNumber })
    const c = await enrol(tabletA, { name: '冯军', mobile: '13533334444' })
    const d = await enrol(tabletB, { name: '冯君', idNumber: c.person.idNumber })
    const withdrawn = await server.request('/api/sync/push', { method: 'POST', token: tabletA.token, json: pushBody([withdraw(a.id, 1)]) })
    expect((await withdrawn.json()).results[0].outcome).toBe('applied')
    expect((await detail(b.id)).duplicateCandidates[0]).toMatchObject({ otherId: a.id, resolution: 'other_closed' })

    const { memberId } = await approveThrough(server, supervisor.token, c.id)
    expect((await detail(d.id)).duplicateCandidates[0]).toMatchObject({ otherType: 'member', otherId: memberId, otherApplicationId: c.id, resolution: null })
  })

  it('counts a candidate in the queue\'s 疑似重复 filter and flag only while its application is open: not once it is withdrawn, rejected or approved', async () => {
    const flagged = async (query: string) => {
      const response = await server.request(`/api/review/applications?pageSize=100&${query}`, { token: reviewer.token })
      expect(response.status).toBe(200)
      return new Map(((await response.json()).items as Array<{ id: string, duplicateCandidates: number }>).map(item => [item.id, item.duplicateCandidates]))
    }
    // Each pair's later arrival holds an unresolved candidate, then ends without a verdict on it.
    const kept = await enrol(tabletA, { name: '陶然', mobile: '13522220001' })
    const withdrawn = await enrol(tabletB, { name: '陶冉', idNumber: kept.person.idNumber })
    await enrol(tabletA, { name: '蒋涛', mobile: '13522220002' })
    const rejected = await enrol(tabletB, { name: '蒋韬', idType: 'passport', idNumber: 'E22220002', mobile: '13522220002' })
    await enrol(tabletA, { name: '沈明', birthDate: '1991-07-07', idNumber: makeResidentId('1991-07-07', 'male', { sequence: 71 }) })
    // Only a similar name and birth date (another address): possible, which does not hold approval back.
    const approved = await enrol(tabletB, { name: '沈敏', birthDate: '1991-07-07', idType: 'passport', idNumber: 'E22220003', address: { regionCode: '310104', detail: '漕溪北路100号' } })
    const open = await enrol(tabletB, { name: '陶然', idNumber: kept.person.idNumber, mobile: '13522220009' })
    expect((await candidateRows(approved.id)).map(row => row.level)).toEqual(['possible'])

    expect((await (await server.request('/api/sync/push', { method: 'POST', token: tabletB.token, json: pushBody([withdraw(withdrawn.id, 1)]) })).json()).results[0].outcome).toBe('applied')
    expect((await reviewAction(server, reviewer.token, rejected.id, 'start_review', 1)).status).toBe(200)
    expect((await reviewAction(server, reviewer.token, rejected.id, 'reject', 2, { reason: 'applicant_request' })).status).toBe(200)
    await approveThrough(server, reviewer.token, approved.id)
    // Their candidates stay as they were (unresolved): only the application moved on.
    for (const id of [withdrawn.id, rejected.id, approved.id])
      expect((await candidateRows(id)).map(row => row.resolution)).toEqual([null])

    const has = await flagged('hasDuplicates=true')
    expect(has.get(open.id)).toBeGreaterThan(0)
    for (const id of [withdrawn.id, rejected.id, approved.id])
      expect(has.has(id), id).toBe(false)
    const none = await flagged('hasDuplicates=false&status=withdrawn,rejected,approved')
    for (const id of [withdrawn.id, rejected.id, approved.id])
      expect(none.get(id), id).toBe(0)
  })

  it('scores again, when the earlier application is fixed and resubmitted, the candidate the later one holds against it', async () => {
    // The first agent typed another applicant's mobile; the second application is raised against it (likely).
    const earlier = await enrol(tabletA, { name: '韦东', mobile: '13544445555' })
    const later = await enrol(tabletB, { name: '韦冬', birthDate: '1970-01-01', idType: 'passport', idNumber: 'E33334444', mobile: '13544445555' })
    const [before] = (await detail(later.id)).duplicateCandidates
    expect(before).toMatchObject({ otherId: earlier.id, level: 'likely', comparison: { fields: { mobile: 'same' } } })

    // Returned for the mobile and fixed: the likeness left is a similar name at the same address.
    expect((await reviewAction(server, reviewer.token, earlier.id, 'start_review', 1)).status).toBe(200)
    expect((await reviewAction(server, reviewer.token, earlier.id, 'return', 2, { items: [{ kind: 'field', ref: 'person.mobile' }] })).status).toBe(200)
    const fixed = await server.request('/api/sync/push', { method: 'POST', token: tabletA.token, json: pushBody([resubmit({ ...earlier, person: { ...earlier.person, mobile: '13544446666' } }, 3)]) })
    expect((await fixed.json()).results[0].outcome).toBe('applied')
    const after = (await detail(later.id)).duplicateCandidates
    expect(after).toHaveLength(1)
    expect(after[0]).toMatchObject({ id: before.id, otherId: earlier.id, level: 'possible', resolution: null, comparison: { fields: { mobile: 'different', name: 'similar', address: 'same' } } })
    expect(after[0].reasons.map((r: { code: string }) => r.code)).toEqual(['similar_name_same_address'])
    // The re-scan agrees, and a possible duplicate no longer holds the approval back.
    const stored = await candidateRows(later.id)
    await runDedupScan(server.deps)
    expect(await candidateRows(later.id)).toEqual(stored)
    expect((await reviewAction(server, reviewer.token, later.id, 'start_review', 1)).status).toBe(200)
    expect((await reviewAction(server, reviewer.token, later.id, 'approve', 2, {})).status).toBe(200)
  })

  it('keeps a verdict\'s note with the candidate until the application is purged', async () => {
    const first = await enrol(tabletA, { name: '邱文', mobile: '13544448888' })
    const second = await enrol(tabletB, { name: '邱雯', birthDate: '1972-02-02', idType: 'passport', idNumber: 'E44448888', mobile: '13544448888' })
    expect((await reviewAction(server, reviewer.token, second.id, 'start_review', 1)).status).toBe(200)
    const [candidate] = (await detail(second.id)).duplicateCandidates
    const note = '同一人在另一台平板重复登记，手机号码相同'
    expect((await resolve(second.id, candidate.id, 2, { resolution: 'same_person', note })).status).toBe(200)
    expect((await detail(second.id)).duplicateCandidates[0]).toMatchObject({ resolution: 'same_person', resolutionNote: note })
    expect(await detail(second.id)).toMatchObject({ status: 'rejected', decisionNote: note })

    await server.database.db.transaction().execute(trx => purgeApplication(trx, second.id, server.clock.now().toISOString()))
    expect(await candidateRows(second.id)).toMatchObject([{ id: candidate.id, resolution: 'same_person', resolution_note: null }])
    expect(JSON.stringify(await candidateRows(second.id))).not.toContain(note)
    expect(await candidateRows(first.id)).toEqual([])
  })

  it('closes the candidates against a member whose membership is cancelled: the new application may then be approved', async () => {
    const original = await enrol(tabletA, { name: '骆宾', mobile: '13544449999' })
    const { memberId } = await approveThrough(server, supervisor.token, original.id)
    const rejoin = await enrol(tabletB, { name: '骆宾', idNumber: original.person.idNumber, mobile: '13544440000' })
    expect((await detail(rejoin.id)).duplicateCandidates).toMatchObject([{ otherType: 'member', otherId: memberId, level: 'certain', resolution: null }])

    // The person gives up the old membership to join again (at ingest a cancelled member is no candidate at all).
    const cancelled = await server.request(`/api/members/${memberId}/actions/cancel`, { method: 'POST', token: supervisor.token, headers: { 'If-Match': '"1"' }, json: { reason: '会员本人申请注销后重新入会' } })
    expect(cancelled.status, await cancelled.clone().text()).toBe(200)
    expect((await detail(rejoin.id)).duplicateCandidates).toMatchObject([{ otherId: memberId, resolution: 'other_closed', resolvedBy: null }])
    const flagged = await (await server.request('/api/review/applications?hasDuplicates=true&pageSize=100', { token: reviewer.token })).json()
    expect(flagged.items.map((item: { id: string }) => item.id)).not.toContain(rejoin.id)
    // Approval is no longer held back, and the re-scan agrees.
    const stored = await candidateRows(rejoin.id)
    await runDedupScan(server.deps)
    expect(await candidateRows(rejoin.id)).toEqual(stored)
    expect((await reviewAction(server, reviewer.token, rejoin.id, 'start_review', 1)).status).toBe(200)
    expect((await reviewAction(server, reviewer.token, rejoin.id, 'approve', 2, {})).status).toBe(200)
  })

  it('re-scans imported records, resumes after an interruption, and changes nothing when run twice', async () => {
    // Records from before the rules: neither keyed nor checked.
    const x = await enrol(tabletA, { name: '韩梅梅', gender: 'female', birthDate: '1995-05-05', idNumber: makeResidentId('1995-05-05', 'female', { sequence: 88 }), mobile: '13300001234' })
    const y = await enrol(tabletB, { name: '韓梅梅', gender: 'female', birthDate: '1995-05-05', idType: 'passport', idNumber: 'P7654321', mobile: '13300005678', address: { regionCode: '310104', detail: '徐汇区漕溪北路100号' } })
    await server.database.db.deleteFrom('duplicate_candidates').where('application_id', 'in', [x.id, y.id]).execute()
    await server.database.db.deleteFrom('dedup_keys').execute()

    const progress: Array<{ phase: string, done: number, total: number }> = []
    const interrupted = await runDedupScan(server.deps, { batchSize: 2, shouldStop: () => progress.length >= 2, onProgress: p => progress.push(p) })
    expect(interrupted.completed).toBe(false)
    const resumed = await runDedupScan(server.deps, { batchSize: 2, onProgress: p => progress.push(p) })
    expect(resumed).toMatchObject({ completed: true, resumed: true })
    expect(progress.some(p => p.phase === 'keys')).toBe(true)
    const last = progress.at(-1)!
    expect(last).toMatchObject({ phase: 'candidates' })
    expect(last.done).toBe(last.total)

    const found = await candidateRows(y.id)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ other_id: x.id, level: 'possible' })
    expect(JSON.parse(found[0]!.reasons).map((r: { code: string }) => r.code)).toEqual(['similar_name_same_birth_date'])
    expect(await candidateRows(x.id)).toEqual([])

    const everything = () => server.database.db.selectFrom('duplicate_candidates').selectAll().orderBy('id').execute()
    const before = await everything()
    const keysBefore = await server.database.db.selectFrom('dedup_keys').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const second = await runDedupScan(server.deps)
    expect(second).toMatchObject({ completed: true, resumed: false })
    expect(await everything()).toEqual(before)
    const keysAfter = await server.database.db.selectFrom('dedup_keys').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(keysAfter.n)).toBe(Number(keysBefore.n))
  })
})
