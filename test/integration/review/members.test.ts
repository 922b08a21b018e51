import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeResidentId } from '../../fixtures/applications'
import { DIALECTS } from '../../support/databases'
import { applicantOf, approveThrough, deskApplication, OTHER_SITE_ID, pushApplication } from '../../support/review-fixtures'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

describe.each(DIALECTS)('members on %s', (dialect) => {
  let server: TestServer
  let li: SignedInAgent
  let zhao: SignedInAgent
  let reviewer: SignedInAgent
  let supervisor: SignedInAgent
  /** Member ids and numbers by the applicant's seq: 1 and 2 at site-bj01, 3 at site-sh01; 4 approved under a passport. */
  const members: Record<number, { memberId: string, memberNo: string }> = {}
  const passport = 'E12345678'
  /** A resident ID ending in X, for the look-up of a lower-case x. */
  const idWithX = (() => {
    for (let sequence = 501; ; sequence += 2) {
      const id = makeResidentId('1988-03-15', 'male', { sequence })
      if (id.endsWith('X'))
        return id
    }
  })()

  const list = (query: string, who: SignedInAgent = reviewer) => server.request(`/api/members${query}`, { token: who.token })
  const numbersOf = async (query: string, who?: SignedInAgent): Promise<string[]> => {
    const response = await list(query, who)
    expect(response.status, query).toBe(200)
    return (await response.json()).items.map((m: { memberNo: string }) => m.memberNo)
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('agent.zhao', 'field_agent', [OTHER_SITE_ID])
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    li = await server.signIn('agent.li')
    zhao = await server.signIn('agent.zhao')
    reviewer = await server.signIn('reviewer.chen')
    supervisor = await server.signIn('supervisor.wu')

    const approve = async (seq: number, agent: SignedInAgent, siteId: string, person: Record<string, unknown> = {}) => {
      const app = deskApplication(agent, seq, siteId, { person })
      await pushApplication(server, agent, app)
      members[seq] = await approveThrough(server, supervisor.token, app.id)
    }
    await approve(1, li, SYNC_SITE_ID)
    await approve(2, li, SYNC_SITE_ID, { idNumber: idWithX })
    await approve(3, zhao, OTHER_SITE_ID)
    await approve(4, li, SYNC_SITE_ID, { idType: 'passport', idNumber: passport, birthDate: '1990-06-01' })
  })
  afterAll(() => server.dispose())

  it('numbers members in approval order', () => {
    expect([1, 2, 3, 4].map(seq => members[seq]!.memberNo)).toEqual(['FE00000001', 'FE00000002', 'FE00000003', 'FE00000004'])
  })

  it('lists a reviewer\'s sites\' members and every member for a supervisor, masked', async () => {
    const response = await list('')
    expect(response.status).toBe(200)
    const text = await response.text()
    const body = JSON.parse(text)
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 20 })
    expect(body.items.map((m: { memberNo: string }) => m.memberNo)).toEqual(['FE00000001', 'FE00000002', 'FE00000004'])
    expect(body.items[0]).toMatchObject({ id: members[1]!.memberId, displayName: '张*', mobile: '139****0001', status: 'active', cardStatus: 'pending', validFrom: '2026-11-23', validUntil: '2027-11-22', siteId: SYNC_SITE_ID, siteCode: 'BJ01', siteName: SYNC_SITE_ID, version: 1 })
    for (const seq of [1, 2, 4]) {
      expect(text).not.toContain(applicantOf(seq).mobile)
      expect(text).not.toContain(applicantOf(seq).idNumber)
    }
    expect(text).not.toContain('张伟')
    expect(text).not.toContain(idWithX)
    expect(text).not.toContain(passport)
    expect(await numbersOf('', supervisor)).toEqual(['FE00000001', 'FE00000002', 'FE00000003', 'FE00000004'])
  })

  it('searches by member number or its prefix', async () => {
    expect(await numbersOf('?q=FE00000002')).toEqual(['FE00000002'])
    expect(await numbersOf('?q=fe00000004')).toEqual(['FE00000004'])
    expect(await numbersOf('?q=FE0000000')).toEqual(['FE00000001', 'FE00000002', 'FE00000004'])
    expect(await numbersOf('?q=FE00000003')).toEqual([])
    expect(await numbersOf('?q=FE00000003', supervisor)).toEqual(['FE00000003'])
    expect(await numbersOf('?q=XX00000001')).toEqual([])
  })

  it('searches by exact mobile, however it is typed', async () => {
    expect(await numbersOf(`?q=${applicantOf(2).mobile}`)).toEqual(['FE00000002'])
    expect(await numbersOf(`?q=${encodeURIComponent('+86 139-0000-0002')}`)).toEqual(['FE00000002'])
    expect(await numbersOf(`?q=${applicantOf(2).mobile.slice(0, 7)}`)).toEqual([])
    expect(await numbersOf(`?q=${applicantOf(3).mobile}`)).toEqual([])
    expect(await numbersOf(`?q=${applicantOf(3).mobile}`, supervisor)).toEqual(['FE00000003'])
  })

  it('searches by exact identity document number through its keyed hash', async () => {
    expect(await numbersOf(`?q=${applicantOf(1).idNumber}`)).toEqual(['FE00000001'])
    expect(await numbersOf(`?q=${idWithX.toLowerCase()}`)).toEqual(['FE00000002'])
    expect(await numbersOf(`?q=${passport}`)).toEqual(['FE00000004'])
    expect(await numbersOf(`?q=${applicantOf(1).idNumber.slice(0, 17)}`)).toEqual([])
    expect(await numbersOf(`?q=${applicantOf(3).idNumber}`)).toEqual([])
    expect(await numbersOf(`?q=${applicantOf(3).idNumber}`, supervisor)).toEqual(['FE00000003'])
    const stored = await server.database.db.selectFrom('members').select('data').execute()
    expect(stored.some(m => m.data.includes(applicantOf(1).idNumber))).toBe(false)
  })

  it('finds a member number, mobile or ID number pasted with invisible characters, as typed without them', async () => {
    // Copied from a chat app: zero-width spaces, a BOM, a word joiner nobody can see or delete.
    const pasted = (text: string) => `?q=${encodeURIComponent(text)}`
    expect(await numbersOf(pasted('\uFEFFFE00000002\u200B'))).toEqual(['FE00000002'])
    expect(await numbersOf(pasted(`${applicantOf(2).mobile.slice(0, 3)}\u200B${applicantOf(2).mobile.slice(3)}`))).toEqual(['FE00000002'])
    expect(await numbersOf(pasted(`\u2060${applicantOf(1).idNumber}`))).toEqual(['FE00000001'])
    // Still within the reviewer's sites.
    expect(await numbersOf(pasted(`\u200B${applicantOf(3).mobile}`))).toEqual([])
    const exported = await server.request(`/api/exports/members?format=csv&q=${encodeURIComponent('\u200BFE00000002')}`, { token: reviewer.token })
    expect(exported.headers.get('X-Total-Rows')).toBe('1')
    expect(await exported.text()).toContain('FE00000002')
  })

  it('takes the search in the X-Search header, keeping a mobile or an ID number out of the URL, and checks it as it checks q', async () => {
    const searched = async (term: string, path = '/api/members') => server.request(path, { token: reviewer.token, headers: { 'X-Search': encodeURIComponent(term) } })
    const numbers = async (term: string) => ((await (await searched(term)).json()).items as { memberNo: string }[]).map(m => m.memberNo)
    expect(await numbers(applicantOf(1).idNumber)).toEqual(['FE00000001'])
    expect(await numbers('+86 139-0000-0002')).toEqual(['FE00000002'])
    expect(await numbers('\u200BFE00000004')).toEqual(['FE00000004'])
    // The header wins over q; with the other filters in the URL as ever.
    const both = await server.request('/api/members?q=FE00000001&status=active', { token: reviewer.token, headers: { 'X-Search': 'FE00000002' } })
    expect((await both.json()).items.map((m: { memberNo: string }) => m.memberNo)).toEqual(['FE00000002'])
    // Refused as q would be, under q: too long, control characters, not percent-encoding at all.
    for (const [term, code] of [[encodeURIComponent('1'.repeat(65)), 'field.too_long'], ['%00FE', 'text.hidden_characters'], ['%E4%B8', 'field.invalid']] as const) {
      const refused = await server.request('/api/members', { token: reviewer.token, headers: { 'X-Search': term } })
      expect(refused.status, term).toBe(400)
      expect((await refused.json()).error.issues, term).toEqual([expect.objectContaining({ path: 'q', code })])
    }
    // The members export too.
    const exported = await searched(applicantOf(2).mobile, '/api/exports/members?format=csv')
    expect(exported.headers.get('X-Total-Rows')).toBe('1')
    expect(await exported.text()).toContain('FE00000002')
  })

  it('filters by status and site, and pages', async () => {
    expect(await numbersOf('?status=active')).toEqual(['FE00000001', 'FE00000002', 'FE00000004'])
    expect(await numbersOf('?status=frozen,cancelled')).toEqual([])
    expect(await numbersOf(`?siteId=${OTHER_SITE_ID}`, supervisor)).toEqual(['FE00000003'])
    expect(await numbersOf(`?siteId=${OTHER_SITE_ID}`)).toEqual([])
    const second = await (await list('?pageSize=2&page=2', supervisor)).json()
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 2 })
    expect(second.items.map((m: { memberNo: string }) => m.memberNo)).toEqual(['FE00000003', 'FE00000004'])
    for (const bad of ['?status=gone', '?pageSize=500', `?q=${'1'.repeat(65)}`])
      expect((await list(bad)).status, bad).toBe(400)
    // An empty search is no search (server/http/blank-query.ts).
    expect((await list('?q=')).status).toBe(200)
  })

  it('shows a member masked with its change history, in full with reveal=true, and audits each view', async () => {
    const { memberId } = members[1]!
    const masked = await server.request(`/api/members/${memberId}`, { token: reviewer.token })
    expect(masked.status).toBe(200)
    const maskedText = await masked.text()
    expect(maskedText).not.toContain(applicantOf(1).mobile)
    expect(maskedText).not.toContain(applicantOf(1).idNumber)
    expect(maskedText).not.toContain('"张伟"')
    expect(JSON.parse(maskedText)).toMatchObject({ displayName: '张*', mobile: '139****0001', revealed: false, availableOperations: ['issue_card', 'freeze', 'renew', 'revisit', 'update_contact'] })
    const maskedAudit = await server.database.db.selectFrom('audit_log').select(['actor_id']).where('action', '=', 'member.view').where('target_id', '=', memberId).execute()
    expect(maskedAudit).toEqual([{ actor_id: reviewer.staffId }])

    const response = await server.request(`/api/members/${memberId}?reveal=true`, { token: reviewer.token })
    expect(response.status).toBe(200)
    expect(response.headers.get('ETag')).toBe('"1"')
    const body = await response.json()
    expect(body).toMatchObject({ id: memberId, memberNo: 'FE00000001', displayName: '张伟', mobile: applicantOf(1).mobile, status: 'active', cardStatus: 'pending', cardNo: null, version: 1, revealed: true })
    expect(body.data.person.idNumber).toBe(applicantOf(1).idNumber)
    expect(body).not.toHaveProperty('idNumberHmac')
    expect(body.changes).toEqual([{ version: 1, action: 'create', actorId: supervisor.staffId, actorName: 'supervisor.wu', at: expect.any(String), detail: expect.objectContaining({ applicationId: body.applicationId, memberNo: 'FE00000001' }) }])
    const audit = await server.database.db.selectFrom('audit_log').select(['actor_id', 'target_type']).where('action', '=', 'member.view_full').where('target_id', '=', memberId).execute()
    expect(audit).toEqual([{ actor_id: reviewer.staffId, target_type: 'member' }])
  })

  it('answers 404 for a member outside the reviewer\'s sites or unknown, and 403 to a field agent', async () => {
    const other = await server.request(`/api/members/${members[3]!.memberId}`, { token: reviewer.token })
    expect(other.status).toBe(404)
    expect((await other.json()).error.code).toBe('request.not_found')
    expect((await server.request(`/api/members/${members[3]!.memberId}?reveal=true`, { token: supervisor.token })).status).toBe(200)
    expect((await server.request('/api/members/nobody', { token: supervisor.token })).status).toBe(404)
    const audit = await server.database.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'member.view_full').where('target_id', '=', members[3]!.memberId).execute()
    expect(audit).toEqual([{ actor_id: supervisor.staffId }])
    expect((await list('', li)).status).toBe(403)
    expect((await server.request(`/api/members/${members[1]!.memberId}`, { token: li.token })).status).toBe(403)
    expect((await server.request('/api/members')).status).toBe(401)
  })

  it('publishes the member routes in the OpenAPI description', async () => {
    const doc = await (await server.request('/api/openapi.json')).json()
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/members', '/api/members/{id}']))
  })
})
