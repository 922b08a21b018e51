import type { ExportPageEnd } from '../../../server/repositories/application-queue.repository'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestResponse, TestServer } from '../../support/test-server'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app'
import { createDatabase } from '../../../server/db/database'
import { listApplicationsForExport } from '../../../server/repositories/application-queue.repository'
import { DIALECTS } from '../../support/databases'
import { applicantOf, approveThrough, deskApplication, OTHER_SITE_ID, pushApplication, reviewAction } from '../../support/review-fixtures'
import { pushBody, resubmit, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

const DAY_MS = 86_400_000

interface Desk {
  li: SignedInAgent
  zhao: SignedInAgent
  reviewer: SignedInAgent
  supervisor: SignedInAgent
  admin: SignedInAgent
}

/** Agents at two sites, a reviewer of the first, a supervisor and the administrator. */
async function staffDesk(server: TestServer): Promise<Desk> {
  await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
  await server.createStaff('agent.zhao', 'field_agent', [OTHER_SITE_ID])
  await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
  await server.createStaff('supervisor.wu', 'supervisor', [])
  return {
    li: await server.signIn('agent.li'),
    zhao: await server.signIn('agent.zhao'),
    reviewer: await server.signIn('reviewer.chen'),
    supervisor: await server.signIn('supervisor.wu'),
    admin: await server.signIn('admin', server.adminPassword),
  }
}

async function insertCandidate(server: TestServer, applicationId: string, level: string, resolution: string | null = null): Promise<string> {
  const id = `dup-${applicationId.slice(-8)}-${level}-${Math.random().toString(36).slice(2, 8)}`
  await server.database.db.insertInto('duplicate_candidates').values({
    id,
    application_id: applicationId,
    other_type: 'member',
    other_id: `member-${id}`,
    level,
    score: level === 'certain' ? 1 : 0.8,
    reasons: JSON.stringify(['mobile']),
    resolution,
    resolved_by: resolution ? 'staff-reviewer.chen' : null,
    resolved_at: resolution ? server.clock.now().toISOString() : null,
    created_at: server.clock.now().toISOString(),
  }).execute()
  return id
}

async function auditCount(server: TestServer, action: string, targetId: string): Promise<number> {
  const row = await server.database.db.selectFrom('audit_log').select(eb => eb.fn.countAll<number>().as('n')).where('action', '=', action).where('target_id', '=', targetId).executeTakeFirstOrThrow()
  return Number(row.n)
}

async function pullChange(server: TestServer, agent: SignedInAgent, applicationId: string) {
  const body = await (await server.request('/api/sync/pull', { token: agent.token })).json()
  return body.changes.filter((c: { applicationId: string }) => c.applicationId === applicationId).at(-1)
}

async function errorCode(response: TestResponse): Promise<string> {
  return (await response.json()).error.code
}

describe.each(DIALECTS)('review queue on %s', (dialect) => {
  let server: TestServer
  let desk: Desk
  /** L1–L7 by agent.li at site-bj01, Z1–Z2 by agent.zhao at site-sh01; ids by label. */
  const ids: Record<string, string> = {}
  const receipts: Record<string, string> = {}

  const list = (query: string, who: SignedInAgent = desk.reviewer) => server.request(`/api/review/applications${query}`, { token: who.token })
  const labelsOf = async (query: string, who?: SignedInAgent): Promise<string[]> => {
    const response = await list(query, who)
    expect(response.status).toBe(200)
    const body = await response.json()
    const byId = Object.fromEntries(Object.entries(ids).map(([label, id]) => [id, label]))
    return body.items.map((item: { id: string }) => byId[item.id]).sort()
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    desk = await staffDesk(server)
    const push = async (label: string, agent: SignedInAgent, seq: number, siteId: string, attachments = true) => {
      const app = deskApplication(agent, seq, siteId)
      await pushApplication(server, agent, app, { attachments })
      ids[label] = app.id
      receipts[label] = app.receiptNo
    }
    // Monday 2026-11-23 (due Thursday 11-26)
    for (const seq of [1, 2, 3, 4])
      await push(`L${seq}`, desk.li, seq, SYNC_SITE_ID)
    await push('L5', desk.li, 5, SYNC_SITE_ID, false)
    await push('Z1', desk.zhao, 101, OTHER_SITE_ID)
    await push('Z2', desk.zhao, 102, OTHER_SITE_ID)
    // Wednesday 2026-11-25 (due Monday 11-30)
    server.clock.advance(2 * DAY_MS)
    await push('L6', desk.li, 6, SYNC_SITE_ID)
    await push('L7', desk.li, 7, SYNC_SITE_ID)

    const token = desk.reviewer.token
    expect((await reviewAction(server, token, ids.L2!, 'start_review', 1)).status).toBe(200)
    expect((await reviewAction(server, token, ids.L3!, 'start_review', 1)).status).toBe(200)
    expect((await reviewAction(server, token, ids.L3!, 'return', 2, { items: [{ kind: 'field', ref: 'person.mobile' }] })).status).toBe(200)
    await approveThrough(server, token, ids.L4!)
    await insertCandidate(server, ids.L1!, 'possible')
    await insertCandidate(server, ids.L6!, 'likely', 'different_person')
  })
  afterAll(() => server.dispose())

  it('shows a reviewer their sites\' applications only, and a supervisor every site', async () => {
    expect(await labelsOf('')).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7'])
    expect(await labelsOf('', desk.supervisor)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'Z1', 'Z2'])
    const body = await (await list('')).json()
    expect(body).toMatchObject({ total: 7, page: 1, pageSize: 20 })
  })

  it('filters by one or several statuses', async () => {
    expect(await labelsOf('?status=submitted')).toEqual(['L1', 'L5', 'L6', 'L7'])
    expect(await labelsOf('?status=in_review,returned')).toEqual(['L2', 'L3'])
    expect(await labelsOf('?status=approved&status=in_review')).toEqual(['L2', 'L4'])
    expect(await labelsOf('?status=withdrawn')).toEqual([])
  })

  it('refuses an unknown status as not one of the options, not as missing', async () => {
    const response = await server.request('/api/review/applications?status=bogus', { token: desk.supervisor.token, headers: { 'Accept-Language': 'en' } })
    expect(response.status).toBe(400)
    const { error } = await response.json()
    expect(error.issues[0]).toMatchObject({ path: 'status.0', code: 'field.invalid_option' })
    expect(error.issues[0].message).not.toBe('Required')
  })

  it('filters by site and by agent, within the actor\'s scope', async () => {
    expect(await labelsOf(`?siteId=${OTHER_SITE_ID}`, desk.supervisor)).toEqual(['Z1', 'Z2'])
    expect(await labelsOf(`?siteId=${SYNC_SITE_ID}`, desk.supervisor)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7'])
    expect(await labelsOf(`?siteId=${OTHER_SITE_ID}`)).toEqual([])
    expect(await labelsOf(`?agentId=${desk.zhao.staffId}`, desk.supervisor)).toEqual(['Z1', 'Z2'])
    expect(await labelsOf(`?agentId=${desk.zhao.staffId}`)).toEqual([])
    expect(await labelsOf(`?agentId=${desk.li.staffId}&status=submitted`)).toEqual(['L1', 'L5', 'L6', 'L7'])
  })

  it('filters by the day of first submission in China, both ends inclusive', async () => {
    expect(await labelsOf('?submittedFrom=2026-11-24')).toEqual(['L6', 'L7'])
    expect(await labelsOf('?submittedTo=2026-11-23')).toEqual(['L1', 'L2', 'L3', 'L4', 'L5'])
    expect(await labelsOf('?submittedFrom=2026-11-25&submittedTo=2026-11-25')).toEqual(['L6', 'L7'])
    expect(await labelsOf('?submittedFrom=2026-11-26')).toEqual([])
    const reversed = await list('?submittedFrom=2026-11-25&submittedTo=2026-11-23')
    expect(reversed.status).toBe(400)
    expect((await reversed.json()).error.issues).toEqual([expect.objectContaining({ path: 'submittedTo', code: 'date.range_reversed' })])
    const invalid = await list('?submittedFrom=2026-02-30')
    expect(invalid.status).toBe(400)
    expect((await invalid.json()).error.issues[0]).toMatchObject({ path: 'submittedFrom', code: 'date.invalid' })
  })

  it('filters by unresolved duplicate candidates and counts them', async () => {
    expect(await labelsOf('?hasDuplicates=true')).toEqual(['L1'])
    expect(await labelsOf('?hasDuplicates=false')).toEqual(['L2', 'L3', 'L4', 'L5', 'L6', 'L7'])
    const items = (await (await list('')).json()).items as { id: string, duplicateCandidates: number }[]
    expect(items.find(i => i.id === ids.L1)!.duplicateCandidates).toBe(1)
    expect(items.find(i => i.id === ids.L6)!.duplicateCandidates).toBe(0)
  })

  it('filters applications whose attachments have not all arrived', async () => {
    expect(await labelsOf('?incomplete=true')).toEqual(['L5'])
    expect(await labelsOf('?incomplete=false')).toEqual(['L1', 'L2', 'L3', 'L4', 'L6', 'L7'])
    const items = (await (await list('')).json()).items as { id: string, attachmentsComplete: boolean }[]
    expect(items.find(i => i.id === ids.L5)!.attachmentsComplete).toBe(false)
  })

  it('sorts by receipt number, submission and deadline, either way', async () => {
    const receiptOrder = async (query: string) => ((await (await list(query)).json()).items as { receiptNo: string }[]).map(i => i.receiptNo)
    const all = Object.entries(receipts).filter(([label]) => label.startsWith('L')).map(([, receipt]) => receipt).sort()
    expect(await receiptOrder('?sort=receiptNo')).toEqual(all)
    expect(await receiptOrder('?sort=receiptNo&order=desc')).toEqual([...all].reverse())
    const byDue = ((await (await list('?sort=reviewDueAt&order=desc')).json()).items as { reviewDueAt: string }[]).map(i => i.reviewDueAt)
    expect(byDue).toEqual(['2026-11-30', '2026-11-30', '2026-11-26', '2026-11-26', '2026-11-26', '2026-11-26', '2026-11-26'])
    const bySubmission = ((await (await list('?sort=submittedAt&order=asc')).json()).items as { submittedAt: string }[]).map(i => i.submittedAt)
    expect(bySubmission).toEqual([...bySubmission].sort())
  })

  it('by deadline, puts what awaits review first either way: returned and decided ones follow, though their deadlines were earliest', async () => {
    const byId = Object.fromEntries(Object.entries(ids).map(([label, id]) => [id, label]))
    const labelOrder = async (query: string) => ((await (await list(query)).json()).items as { id: string }[]).map(i => byId[i.id]!)
    // L1, L2 (in review), L5 due Thursday; L6, L7 due Monday; L3 returned and L4 approved, due Thursday.
    const ascending = await labelOrder('?sort=reviewDueAt&order=asc')
    expect(new Set(ascending.slice(0, 3))).toEqual(new Set(['L1', 'L2', 'L5']))
    expect(new Set(ascending.slice(3, 5))).toEqual(new Set(['L6', 'L7']))
    expect(new Set(ascending.slice(5))).toEqual(new Set(['L3', 'L4']))
    const descending = await labelOrder('?sort=reviewDueAt&order=desc')
    expect(new Set(descending.slice(0, 2))).toEqual(new Set(['L6', 'L7']))
    expect(new Set(descending.slice(2, 5))).toEqual(new Set(['L1', 'L2', 'L5']))
    expect(new Set(descending.slice(5))).toEqual(new Set(['L3', 'L4']))
    // Paged, the same order with nothing skipped or repeated.
    const paged = (await Promise.all([1, 2, 3].map(page => labelOrder(`?sort=reviewDueAt&order=asc&pageSize=3&page=${page}`)))).flat()
    expect(paged).toEqual(ascending)
    // The export walks the same order by keys, a page at a time (two rows here).
    for (const [direction, expected] of [['asc', ascending], ['desc', descending]] as const) {
      const walked: string[] = []
      let after: ExportPageEnd | null = null
      for (let page = 0; page < 10; page++) {
        const rows = await listApplicationsForExport(server.database.db, { scope: { kind: 'sites', siteIds: [SYNC_SITE_ID] } }, { sort: 'reviewDueAt', direction }, after, 2)
        walked.push(...rows.map(row => byId[row.id]!))
        if (rows.length < 2)
          break
        const last = rows.at(-1)!
        after = { sortKey: last.sortKey, sortRank: last.sortRank, id: last.id }
      }
      expect(walked, direction).toEqual(expected)
    }
  })

  it('pages with a total, without overlap', async () => {
    const pages = await Promise.all([1, 2, 3].map(async page => (await list(`?sort=receiptNo&pageSize=3&page=${page}`)).json()))
    expect(pages.map(p => p.items.length)).toEqual([3, 3, 1])
    expect(pages.every(p => p.total === 7 && p.pageSize === 3)).toBe(true)
    const seen = pages.flatMap(p => p.items.map((i: { id: string }) => i.id))
    expect(new Set(seen).size).toBe(7)
    expect((await (await list('?page=4&pageSize=3')).json()).items).toEqual([])
    for (const bad of ['?pageSize=101', '?page=0', '?status=draft', '?sort=name', '?overdue=yes'])
      expect((await list(bad)).status, bad).toBe(400)
  })

  it('masks names and mobiles and never shows an ID number in the list', async () => {
    const response = await list('', desk.supervisor)
    const text = await response.text()
    for (const seq of [1, 2, 3, 4, 5, 6, 7, 101, 102]) {
      const { mobile, idNumber } = applicantOf(seq)
      expect(text).not.toContain(mobile)
      expect(text).not.toContain(idNumber)
    }
    expect(text).not.toContain('张伟')
    const item = JSON.parse(text).items.find((i: { id: string }) => i.id === ids.L1)
    expect(item).toMatchObject({ displayName: '张*', mobile: '139****0001', receiptNo: receipts.L1, status: 'submitted', siteId: SYNC_SITE_ID, agentId: desk.li.staffId, version: 1, applicantType: 'individual', category: 'standard' })
    // Names instead of ids for the desk (the test server names a site after its id, an agent after the user name).
    expect(item).toMatchObject({ siteCode: 'BJ01', siteName: SYNC_SITE_ID, agentName: 'agent.li' })
    expect(Object.keys(item).sort()).toEqual(['agentId', 'agentName', 'applicantType', 'arrivedAt', 'attachmentsComplete', 'category', 'displayName', 'duplicateCandidates', 'id', 'mobile', 'overdue', 'receiptNo', 'reviewDueAt', 'siteCode', 'siteId', 'siteName', 'status', 'submittedAt', 'version'])
  })

  it('flags overdue applications once the working-day deadline has passed', async () => {
    expect(await labelsOf('?overdue=true')).toEqual([])
    const start = server.clock.now().toISOString()
    // Wednesday 11-25 → Friday 11-27: Thursday's deadline has passed for L1–L5.
    server.clock.advance(2 * DAY_MS)
    try {
      expect(await labelsOf('?overdue=true')).toEqual(['L1', 'L2', 'L5'])
      expect(await labelsOf('?overdue=false')).toEqual(['L3', 'L4', 'L6', 'L7'])
      const items = (await (await list('')).json()).items as { id: string, overdue: boolean }[]
      expect(items.filter(i => i.overdue).map(i => i.id).sort()).toEqual([ids.L1, ids.L2, ids.L5].sort())
    }
    finally {
      server.clock.set(start)
    }
  })

  it('is for reviewers and supervisors only', async () => {
    expect(await errorCode(await list('', desk.li))).toBe('auth.forbidden')
    expect((await list('', desk.admin)).status).toBe(403)
    expect((await server.request('/api/review/applications')).status).toBe(401)
  })
})

describe.each(DIALECTS)('review decisions on %s', (dialect) => {
  let server: TestServer
  let desk: Desk
  let seq = 0

  async function submitted(options: { agent?: SignedInAgent, siteId?: string, attachments?: boolean } = {}) {
    const agent = options.agent ?? desk.li
    const app = deskApplication(agent, ++seq, options.siteId ?? SYNC_SITE_ID)
    await pushApplication(server, agent, app, { attachments: options.attachments ?? true })
    return app
  }

  const detail = (id: string, who: SignedInAgent = desk.reviewer) => server.request(`/api/review/applications/${id}`, { token: who.token })

  beforeAll(async () => {
    server = await createTestServer(dialect)
    desk = await staffDesk(server)
  })
  afterAll(() => server.dispose())

  it('approves after review: a member FE00000001 with a pending card, linked, in history, and on the agent\'s next pull', async () => {
    const app = await submitted()
    const token = desk.reviewer.token

    const started = await reviewAction(server, token, app.id, 'start_review', 1)
    expect(started.status).toBe(200)
    expect(started.headers.get('ETag')).toBe('"2"')
    expect(await started.json()).toMatchObject({ id: app.id, action: 'start_review', version: 2, status: 'in_review', memberNo: null })

    const approved = await reviewAction(server, token, app.id, 'approve', 2, { note: '材料齐全' })
    expect(approved.status).toBe(200)
    const result = await approved.json()
    expect(result).toMatchObject({ action: 'approve', version: 3, status: 'approved', memberNo: 'FE00000001' })

    const db = server.database.db
    const member = await db.selectFrom('members').selectAll().where('application_id', '=', app.id).executeTakeFirstOrThrow()
    expect(member).toMatchObject({ id: result.memberId, member_no: 'FE00000001', status: 'active', card_status: 'pending', card_no: null, valid_from: '2026-11-23', valid_until: '2027-11-22', site_id: SYNC_SITE_ID, display_name: '张伟', mobile: applicantOf(seq).mobile })
    expect(Number(member.version)).toBe(1)
    expect(member.data).not.toContain(app.person.idNumber)
    const changes = await db.selectFrom('member_changes').select(['action', 'version', 'actor_id', 'detail']).where('member_id', '=', member.id).execute()
    expect(changes).toHaveLength(1)
    expect(changes[0]).toMatchObject({ action: 'create', actor_id: desk.reviewer.staffId })
    expect(JSON.parse(changes[0]!.detail)).toMatchObject({ applicationId: app.id })
    const row = await db.selectFrom('applications').select(['member_id', 'status', 'version', 'reviewer_id', 'decision_note']).where('id', '=', app.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ member_id: member.id, status: 'approved', reviewer_id: desk.reviewer.staffId, decision_note: '材料齐全' })
    expect(await auditCount(server, 'application.approve', app.id)).toBe(1)

    expect(await pullChange(server, desk.li, app.id)).toMatchObject({ status: 'approved', version: 3, action: 'approve', memberNo: 'FE00000001' })

    const history = await (await server.request(`/api/review/applications/${app.id}/history`, { token })).json()
    expect(history.events.map((e: { action: string, from: string, to: string }) => [e.action, e.from, e.to])).toEqual([['ingest', 'queued', 'submitted'], ['start_review', 'submitted', 'in_review'], ['approve', 'in_review', 'approved']])
    expect(history.events[2]).toMatchObject({ version: 3, actorId: desk.reviewer.staffId, actorName: 'reviewer.chen', note: '材料齐全' })
    expect(history.versions.map((v: { version: number, status: string }) => [v.version, v.status])).toEqual([[1, 'submitted'], [2, 'in_review'], [3, 'approved']])
    expect(history.versions[0]).toMatchObject({ actorId: desk.li.staffId, deviceTime: expect.any(String), serverTime: expect.any(String) })
    expect(history.versions[2]).toMatchObject({ actorId: desk.reviewer.staffId, deviceTime: null })

    const view = await (await detail(app.id)).json()
    expect(view).toMatchObject({ status: 'approved', version: 3, memberNo: 'FE00000001', memberId: member.id, availableActions: [] })
  })

  it('refuses a second approval of the same application', async () => {
    const app = await submitted()
    await approveThrough(server, desk.reviewer.token, app.id)
    const again = await reviewAction(server, desk.reviewer.token, app.id, 'approve', 3, {})
    expect(again.status).toBe(409)
    expect(await errorCode(again)).toBe('status.action_not_allowed')
    const stale = await reviewAction(server, desk.reviewer.token, app.id, 'approve', 2, {})
    expect(stale.status).toBe(409)
    expect(await errorCode(stale)).toBe('request.version_conflict')
    const members = await server.database.db.selectFrom('members').select('id').where('application_id', '=', app.id).execute()
    expect(members).toHaveLength(1)
  })

  it('shows the application masked by default and in full with reveal=true, with what the actor may do, auditing every view', async () => {
    const app = await submitted()
    const response = await detail(app.id)
    expect(response.status).toBe(200)
    expect(response.headers.get('ETag')).toBe('"1"')
    const body = await response.json()
    expect(body).toMatchObject({
      id: app.id,
      receiptNo: app.receiptNo,
      version: 1,
      status: 'submitted',
      siteId: SYNC_SITE_ID,
      siteCode: 'BJ01',
      siteName: SYNC_SITE_ID,
      agentId: desk.li.staffId,
      agentName: 'agent.li',
      deviceId: desk.li.deviceId,
      deviceCode: desk.li.deviceCode,
      attachmentsComplete: true,
      overdue: false,
      reviewDueAt: '2026-11-26',
      returnItems: null,
      rejectReason: null,
      memberNo: null,
      duplicateCandidates: [],
      availableActions: ['start_review'],
    })
    // Masked by default — names, ID numbers, mobiles, street address, all but the birth year —
    // and audited as a (masked) view. The month and day would give the ID's hidden digits away.
    expect(body.revealed).toBe(false)
    expect(body.application.person).toMatchObject({ name: '张*', idNumber: `${app.person.idNumber.slice(0, 6)}********${app.person.idNumber.slice(-4)}`, mobile: `${app.person.mobile.slice(0, 3)}****${app.person.mobile.slice(-4)}`, birthDate: `${app.person.birthDate.slice(0, 4)}-**-**` })
    const text = JSON.stringify(body)
    expect(text).not.toContain(app.person.birthDate)
    expect(text).not.toContain(app.person.idNumber)
    expect(text).not.toContain(app.person.mobile)
    expect(text).not.toContain(app.person.address.detail)
    expect(text).not.toContain('"张伟"')
    // Where it was taken, to about a kilometre: the exact point would give the address away.
    expect(app.geo).toEqual({ lat: 39.9087, lng: 116.4605, accuracy: 12 })
    expect(body.application.geo).toEqual({ lat: 39.91, lng: 116.46, accuracy: 1000 })
    expect(await auditCount(server, 'application.view', app.id)).toBe(1)
    expect(await auditCount(server, 'application.view_full', app.id)).toBe(0)

    // reveal=true is the full view, audited as such.
    const full = await (await server.request(`/api/review/applications/${app.id}?reveal=true`, { token: desk.supervisor.token })).json()
    expect(full.revealed).toBe(true)
    expect(full.application.person).toMatchObject({ name: '张伟', idNumber: app.person.idNumber, mobile: app.person.mobile, birthDate: app.person.birthDate })
    expect(full.application.geo).toEqual(app.geo)
    expect(await auditCount(server, 'application.view_full', app.id)).toBe(1)
    const entry = await server.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'application.view_full').where('target_id', '=', app.id).orderBy('seq', 'desc').executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ actor_id: desk.supervisor.staffId, target_type: 'application' })
    expect((await server.request(`/api/review/applications/${app.id}?reveal=maybe`, { token: desk.supervisor.token })).status).toBe(400)

    expect((await (await detail(app.id, desk.supervisor)).json()).availableActions).toEqual(['start_review'])
  })

  it('serves a stored version masked or revealed, audited, and 404 for a version that does not exist', async () => {
    const app = await submitted()
    const before = await auditCount(server, 'application.view_full', app.id)
    const masked = await (await server.request(`/api/review/applications/${app.id}/versions/1`, { token: desk.reviewer.token })).json()
    expect(masked).toMatchObject({ applicationId: app.id, version: 1, revealed: false })
    expect(masked.application.person.idNumber).not.toBe(app.person.idNumber)
    expect(await auditCount(server, 'application.view', app.id)).toBe(1)
    const response = await server.request(`/api/review/applications/${app.id}/versions/1?reveal=true`, { token: desk.reviewer.token })
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body).toMatchObject({ applicationId: app.id, version: 1, status: 'submitted', actorId: desk.li.staffId, revealed: true })
    expect(body.application.person.idNumber).toBe(app.person.idNumber)
    expect(await auditCount(server, 'application.view_full', app.id)).toBe(before + 1)
    expect((await server.request(`/api/review/applications/${app.id}/versions/9`, { token: desk.reviewer.token })).status).toBe(404)
  })

  it('compares two versions on the server: only the changes leave it, masked unless revealed, one audited look', async () => {
    const app = await submitted()
    const token = desk.reviewer.token
    await reviewAction(server, token, app.id, 'start_review', 1)
    await reviewAction(server, token, app.id, 'return', 2, { items: [{ kind: 'field', ref: 'person.mobile' }] })
    // Corrected inside the digits a masked view hides, an address line changed, and the ID's
    // front photo retaken (a new file under a new id, listed last, as the tablet does it).
    const mobile = `${app.person.mobile.slice(0, 3)}${app.person.mobile.slice(3, 7) === '2468' ? '1357' : '2468'}${app.person.mobile.slice(7)}`
    const front = app.attachments.find(a => a.kind === 'id_front')!
    const retaken = { ...front, id: '0190f000-0000-7000-8000-0000000f0e0f', sha256: 'c'.repeat(64), size: front.size + 1 }
    const attachments = [...app.attachments.filter(a => a !== front), retaken]
    const fixed = { ...app, attachments, person: { ...app.person, mobile, address: { ...app.person.address, detail: '朝阳区建国路88号' } } }
    const { results } = await (await server.request('/api/sync/push', { method: 'POST', token: desk.li.token, json: pushBody([resubmit(fixed, 3)]) })).json()
    expect(results[0]).toMatchObject({ outcome: 'applied', receipt: { version: 4 } })
    const compare = (query: string, who: SignedInAgent = desk.reviewer) => server.request(`/api/review/applications/${app.id}/version-changes?${query}`, { token: who.token })

    const masked = await compare('from=1&to=4')
    expect(masked.status).toBe(200)
    const body = await masked.json()
    expect(body).toMatchObject({ applicationId: app.id, revealed: false, from: { version: 1, status: 'submitted' }, to: { version: 4, status: 'submitted', actorId: desk.li.staffId } })
    expect(body.changes.map((c: { path: string, kind: string }) => `${c.path}:${c.kind}`)).toEqual(['person.mobile:changed', 'person.address.detail:changed', 'attachments.id_front:changed'])
    // The photo is one change, said by what it is and its size: no file's id or hash is sent.
    expect(body.changes[2]).toEqual({ path: 'attachments.id_front', kind: 'changed', before: { mediaType: front.mediaType, size: front.size }, after: { mediaType: front.mediaType, size: front.size + 1 } })
    // A change in the hidden digits is listed, though both sides read alike; no full value is sent.
    expect(body.changes[0].before).toBe(body.changes[0].after)
    const text = JSON.stringify(body)
    for (const secret of [app.person.mobile, mobile, app.person.address.detail, '朝阳区建国路88号', app.person.idNumber, front.id, front.sha256, retaken.id, retaken.sha256])
      expect(text).not.toContain(secret)
    expect(await auditCount(server, 'application.view', app.id)).toBe(1)
    const look = await server.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'application.view').where('target_id', '=', app.id).executeTakeFirstOrThrow()
    expect(JSON.parse(look.detail)).toEqual({ receiptNo: app.receiptNo, compared: [1, 4] })

    // Revealed: the values in full, audited as a full view.
    const full = await (await compare('from=3&to=4&reveal=true')).json()
    expect(full.revealed).toBe(true)
    expect(full.changes[0]).toEqual({ path: 'person.mobile', kind: 'changed', before: app.person.mobile, after: mobile })
    expect(await auditCount(server, 'application.view_full', app.id)).toBe(1)
    // Taking it into review changed no content.
    expect((await (await compare('from=1&to=2')).json()).changes).toEqual([])

    // Backwards, the same version twice, or a version the application does not have: said, not guessed.
    const seen = await auditCount(server, 'application.view', app.id)
    for (const [query, from, to] of [['from=2&to=1', 2, 1], ['from=4&to=4', 4, 4]] as const) {
      const refused = await compare(query)
      expect(refused.status, query).toBe(400)
      expect((await refused.json()).error.issues, query).toEqual([{ path: 'to', code: 'version.order', params: { from, to }, message: `对比的版本应从较早的到较新的（第${from}版不早于第${to}版）` }])
    }
    for (const [query, version] of [['from=1&to=9', 9], ['from=7&to=9', 7]] as const) {
      const refused = await compare(query)
      expect(refused.status, query).toBe(400)
      expect((await refused.json()).error, query).toEqual({ code: 'version.unknown', message: `这份申请没有第${version}版`, params: { version } })
    }
    expect(await auditCount(server, 'application.view', app.id)).toBe(seen)
    for (const query of ['from=1', 'from=0&to=2', 'from=a&to=2', 'from=1&to=2&reveal=maybe'])
      expect((await compare(query)).status, query).toBe(400)
    // Another site's reviewer does not learn it exists, and nothing is audited for them.
    await server.createStaff('reviewer.compare.outsider', 'reviewer', [OTHER_SITE_ID])
    const looks = await auditCount(server, 'application.view', app.id)
    expect(looks).toBe(2)
    const refused = await compare('from=1&to=4', await server.signIn('reviewer.compare.outsider'))
    expect(refused.status).toBe(404)
    expect(await auditCount(server, 'application.view', app.id)).toBe(looks)
  })

  it('hides other sites\' applications from a reviewer (404) but not from a supervisor', async () => {
    const app = await submitted({ agent: desk.zhao, siteId: OTHER_SITE_ID })
    const token = desk.reviewer.token
    for (const path of ['', '/history', '/versions/1']) {
      const response = await server.request(`/api/review/applications/${app.id}${path}`, { token })
      expect(response.status, path).toBe(404)
      expect(await errorCode(response)).toBe('request.not_found')
    }
    expect((await reviewAction(server, token, app.id, 'start_review', 1)).status).toBe(404)
    expect(await auditCount(server, 'application.view_full', app.id)).toBe(0)
    expect(await auditCount(server, 'application.view', app.id)).toBe(0)
    expect((await detail(app.id, desk.supervisor)).status).toBe(200)
    expect((await reviewAction(server, desk.supervisor.token, app.id, 'start_review', 1)).status).toBe(200)
    expect((await detail('no-such-application', desk.supervisor)).status).toBe(404)
  })

  it('refuses field agents and administrators', async () => {
    const app = await submitted()
    for (const who of [desk.li, desk.admin]) {
      expect((await detail(app.id, who)).status).toBe(403)
      const action = await reviewAction(server, who.token, app.id, 'start_review', 1)
      expect(action.status).toBe(403)
      expect(await errorCode(action)).toBe('auth.forbidden')
    }
  })

  it('requires If-Match (428), refuses a malformed one (400), and answers a stale one with the current copy (409)', async () => {
    const app = await submitted()
    const token = desk.reviewer.token
    const missing = await reviewAction(server, token, app.id, 'start_review', null)
    expect(missing.status).toBe(428)
    expect(await errorCode(missing)).toBe('request.version_required')
    expect((await reviewAction(server, token, app.id, 'start_review', 'soon')).status).toBe(400)
    expect((await reviewAction(server, token, app.id, 'start_review', 'W/"1"')).status).toBe(200)

    const stale = await reviewAction(server, token, app.id, 'return', 1, { items: [{ kind: 'material', ref: 'id_front' }] })
    expect(stale.status).toBe(409)
    const { error } = await stale.json()
    expect(error.code).toBe('request.version_conflict')
    expect(error.current).toMatchObject({ applicationId: app.id, version: 2, status: 'in_review', memberNo: null })
    // Masked, as the page it came from: a stale version is no way round 显示完整信息.
    const text = JSON.stringify(error)
    expect(text).not.toContain(app.person.idNumber)
    expect(text).not.toContain(app.person.mobile)
    expect(error.current.application.person).toMatchObject({ idNumber: `${app.person.idNumber.slice(0, 6)}********${app.person.idNumber.slice(-4)}`, mobile: `${app.person.mobile.slice(0, 3)}****${app.person.mobile.slice(-4)}` })
    const audited = await server.database.db.selectFrom('audit_log').select(['action', 'detail']).where('target_id', '=', app.id).where('detail', 'like', '%version_conflict%').execute()
    expect(audited.map(a => a.action)).toEqual(['application.view'])
    const row = await server.database.db.selectFrom('applications').select(['status', 'version']).where('id', '=', app.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'in_review' })
    expect(Number(row.version)).toBe(2)
  })

  it('refuses an action the state does not allow (409)', async () => {
    const app = await submitted()
    const early = await reviewAction(server, desk.reviewer.token, app.id, 'approve', 1, {})
    expect(early.status).toBe(409)
    expect((await early.json()).error).toMatchObject({ code: 'status.action_not_allowed', params: { status: 'submitted', action: 'approve' } })
  })

  it('returns with items and a comment; the agent pulls it and resubmits at the next version', async () => {
    const app = await submitted()
    const token = desk.reviewer.token
    await reviewAction(server, token, app.id, 'start_review', 1)
    const empty = await reviewAction(server, token, app.id, 'return', 2, { items: [] })
    expect(empty.status).toBe(422)
    // A field that does not exist is not something the agent could fix: refused, nothing changes.
    const bogus = await reviewAction(server, token, app.id, 'return', 2, { items: [{ kind: 'field', ref: 'doesNotExist.foo' }] })
    expect(bogus.status).toBe(400)
    expect((await bogus.json()).error.issues).toEqual([expect.objectContaining({ path: 'items.0.ref', code: 'return.unknown_field' })])
    // Nor is a field of the form this application does not have: an individual has no payment
    // name, organisation or guardian, no twentieth dependant; a name has no parts.
    for (const ref of ['payment.name', 'person.name.name', 'person.uscc', 'dependants.19.name', 'guardian.name', 'organisation.name']) {
      const absent = await reviewAction(server, token, app.id, 'return', 2, { items: [{ kind: 'material', ref: 'id_back' }, { kind: 'field', ref }] })
      expect({ ref, status: absent.status }).toEqual({ ref, status: 400 })
      expect((await absent.json()).error.issues, ref).toEqual([expect.objectContaining({ path: 'items.1.ref', code: 'return.unknown_field' })])
    }
    expect(await server.database.db.selectFrom('applications').select(['status', 'version']).where('id', '=', app.id).executeTakeFirstOrThrow()).toEqual({ status: 'in_review', version: 2 })
    expect(await errorCode(empty)).toBe('status.items_required')
    // The same field or material twice (notes aside) is refused on the repeat, as the desk's form refuses it.
    for (const twice of [
      [{ kind: 'field', ref: 'person.mobile' }, { kind: 'material', ref: 'id_back' }, { kind: 'field', ref: 'person.mobile', note: '再核实' }],
      [{ kind: 'material', ref: 'id_back', note: '模糊' }, { kind: 'material', ref: 'id_back' }],
    ]) {
      const repeated = await reviewAction(server, token, app.id, 'return', 2, { items: twice })
      expect(repeated.status).toBe(400)
      expect((await repeated.json()).error.issues).toEqual([{ path: `items.${twice.length - 1}.ref`, code: 'return.duplicate_item', message: '同一项需修改的内容列出了不止一次' }])
    }
    expect((await reviewAction(server, token, app.id, 'return', 2, {})).status).toBe(422)
    expect((await reviewAction(server, token, app.id, 'return', 2, { items: [{ kind: 'field', ref: 'Not A Path' }] })).status).toBe(400)
    // A misspelt key is refused, not dropped (the comment would silently vanish), and so is a hidden character.
    const misspelt = await reviewAction(server, token, app.id, 'return', 2, { items: [{ kind: 'material', ref: 'id_back', notes: '模糊' }], comments: '请补充' })
    expect((await misspelt.json()).error.issues.map((i: { path: string, code: string }) => `${i.path}:${i.code}`).sort()).toEqual(['comments:field.unknown', 'items.0.notes:field.unknown'])
    const hidden = await reviewAction(server, token, app.id, 'return', 2, { items: [{ kind: 'material', ref: 'id_back' }], comment: '请补充\u0007' })
    expect((await hidden.json()).error.issues).toEqual([expect.objectContaining({ path: 'comment', code: 'text.hidden_characters' })])

    const items = [{ kind: 'field', ref: 'person.mobile', note: '号码停机，请核实' }, { kind: 'material', ref: 'id_back' }]
    const returned = await reviewAction(server, token, app.id, 'return', 2, { items, comment: '请补充后重新提交' })
    expect(returned.status).toBe(200)
    expect(await returned.json()).toMatchObject({ version: 3, status: 'returned' })

    const change = await pullChange(server, desk.li, app.id)
    expect(change).toMatchObject({ status: 'returned', version: 3, action: 'return', returnItems: items, decisionNote: '请补充后重新提交' })
    // Not answered while it is returned.
    expect((await (await server.request(`/api/review/applications/${app.id}`, { token })).json()).answeredReturn).toBeNull()
    const history = await (await server.request(`/api/review/applications/${app.id}/history`, { token })).json()
    expect(history.events.at(-1)).toMatchObject({ action: 'return', items, note: '请补充后重新提交' })

    const fixed = { ...app, person: { ...app.person, mobile: '13711112222' } }
    const { results } = await (await server.request('/api/sync/push', { method: 'POST', token: desk.li.token, json: pushBody([resubmit(fixed, change.version)]) })).json()
    expect(results[0]).toMatchObject({ outcome: 'applied', receipt: { version: 4, status: 'submitted' } })
    const view = await (await server.request(`/api/review/applications/${app.id}?reveal=true`, { token })).json()
    expect(view).toMatchObject({ status: 'submitted', version: 4, availableActions: ['start_review'] })
    expect(view.application.person.mobile).toBe('13711112222')
    // The resubmission answered the mobile and left the photo as it was: each item says so,
    // compared on the real values, masked view or not.
    const answered = { version: 3, note: '请补充后重新提交', items: [{ ...items[0], changed: true }, { ...items[1], changed: false }] }
    expect(view.answeredReturn).toMatchObject(answered)
    const masked = await (await server.request(`/api/review/applications/${app.id}`, { token })).json()
    expect(masked.answeredReturn).toMatchObject(answered)
    expect((await reviewAction(server, token, app.id, 'start_review', 4)).status).toBe(200)
    expect((await (await server.request(`/api/review/applications/${app.id}`, { token })).json()).answeredReturn).toMatchObject(answered)
  })

  it('rejects with a reason code, and a note when the reason is other', async () => {
    const app = await submitted()
    const token = desk.reviewer.token
    await reviewAction(server, token, app.id, 'start_review', 1)
    const noReason = await reviewAction(server, token, app.id, 'reject', 2, {})
    expect(noReason.status).toBe(422)
    expect(await errorCode(noReason)).toBe('status.reason_required')
    const noNote = await reviewAction(server, token, app.id, 'reject', 2, { reason: 'other', note: '  ' })
    expect(noNote.status).toBe(422)
    expect(await errorCode(noNote)).toBe('status.note_required')
    expect((await reviewAction(server, token, app.id, 'reject', 2, { reason: 'because' })).status).toBe(400)

    const rejected = await reviewAction(server, token, app.id, 'reject', 2, { reason: 'other', note: '申请人已移居外地' })
    expect(rejected.status).toBe(200)
    expect(await rejected.json()).toMatchObject({ version: 3, status: 'rejected', memberNo: null })
    expect(await pullChange(server, desk.li, app.id)).toMatchObject({ status: 'rejected', rejectReason: 'other', decisionNote: '申请人已移居外地' })
    expect(await auditCount(server, 'application.reject', app.id)).toBe(1)

    const plain = await submitted()
    await reviewAction(server, token, plain.id, 'start_review', 1)
    expect((await reviewAction(server, token, plain.id, 'reject', 2, { reason: 'invalid_documents' })).status).toBe(200)
  })

  it('blocks approval while a certain or likely duplicate candidate is unresolved', async () => {
    const app = await submitted()
    const token = desk.reviewer.token
    await reviewAction(server, token, app.id, 'start_review', 1)
    const candidate = await insertCandidate(server, app.id, 'likely')
    await insertCandidate(server, app.id, 'possible')

    const view = await (await detail(app.id)).json()
    expect(view.duplicateCandidates).toHaveLength(2)
    expect(view.availableActions).toEqual(['reject', 'return'])
    const blocked = await reviewAction(server, token, app.id, 'approve', 2, {})
    expect(blocked.status).toBe(422)
    expect((await blocked.json()).error).toMatchObject({ code: 'status.duplicate_unresolved', params: { count: 1 } })
    expect(await server.database.db.selectFrom('members').select('id').where('application_id', '=', app.id).execute()).toEqual([])

    await server.database.db.updateTable('duplicate_candidates').set({ resolution: 'different_person' }).where('id', '=', candidate).execute()
    expect((await reviewAction(server, token, app.id, 'approve', 2, {})).status).toBe(200)
  })

  it('blocks approval until every attachment has arrived', async () => {
    const app = await submitted({ attachments: false })
    const token = desk.reviewer.token
    await reviewAction(server, token, app.id, 'start_review', 1)
    expect((await (await detail(app.id)).json()).availableActions).toEqual(['reject', 'return'])
    const blocked = await reviewAction(server, token, app.id, 'approve', 2)
    expect(blocked.status).toBe(422)
    expect(await errorCode(blocked)).toBe('status.attachments_incomplete')
  })

  it('publishes the review routes in the OpenAPI description', async () => {
    const doc = await (await server.request('/api/openapi.json')).json()
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/review/applications',
      '/api/review/applications/{id}',
      '/api/review/applications/{id}/history',
      '/api/review/applications/{id}/versions/{version}',
      '/api/review/applications/{id}/version-changes',
      '/api/review/applications/{id}/actions/start_review',
      '/api/review/applications/{id}/actions/approve',
      '/api/review/applications/{id}/actions/reject',
      '/api/review/applications/{id}/actions/return',
    ]))
  })
})

const SECOND_INSTANCE = 'field-enrol-second-instance'

describe.runIf(DIALECTS.includes('postgres'))('concurrent approvals on postgres, two app instances on one database', () => {
  let server: TestServer
  let desk: Desk
  let second: ReturnType<typeof createDatabase>
  let apps: ReturnType<typeof createApp>[]

  function approveOn(app: ReturnType<typeof createApp>, id: string, version: number): Promise<Response> {
    return Promise.resolve(app.request(`/api/review/applications/${id}/actions/approve`, {
      method: 'POST',
      headers: { 'Authorization': `Bearer ${desk.reviewer.token}`, 'If-Match': `"${version}"`, 'Content-Type': 'application/json' },
      body: '{}',
    }))
  }

  async function inReview(count: number, firstSeq: number): Promise<string[]> {
    const ids: string[] = []
    for (let i = 0; i < count; i++) {
      const app = deskApplication(desk.li, firstSeq + i, SYNC_SITE_ID)
      await pushApplication(server, desk.li, app)
      expect((await reviewAction(server, desk.reviewer.token, app.id, 'start_review', 1)).status).toBe(200)
      ids.push(app.id)
    }
    return ids
  }

  beforeAll(async () => {
    server = await createTestServer('postgres')
    desk = await staffDesk(server)
    // The second instance's connections are named, so teardown can wait until they are gone.
    const url = new URL(server.database.location.databaseUrl!)
    url.searchParams.set('application_name', SECOND_INSTANCE)
    second = createDatabase({ databaseUrl: url.toString(), sqlitePath: server.database.location.sqlitePath, poolSize: 10 })
    apps = [server.app, createApp({ ...server.deps, db: second.db, dialect: second.dialect })]
  })
  afterAll(async () => {
    // pg's pool.end() resolves before its connections have closed; dropping the database
    // under a closing connection would surface as an unhandled error.
    await second.destroy()
    for (let i = 0; i < 100; i++) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where application_name = ${SECOND_INSTANCE}`.execute(server.database.db)
      if (rows[0]!.n === 0)
        break
      await new Promise(resolve => setTimeout(resolve, 20))
    }
    await server.dispose()
  })

  it('gives 20 applications approved at once 20 distinct, consecutive member numbers', async () => {
    const ids = await inReview(20, 1)
    const responses = await Promise.all(ids.map((id, i) => approveOn(apps[i % 2]!, id, 2)))
    expect(responses.map(r => r.status)).toEqual(ids.map(() => 200))
    const numbers = (await Promise.all(responses.map(async r => (await r.json() as { memberNo: string }).memberNo))).sort()
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `FE${String(i + 1).padStart(8, '0')}`))
    const stored = await server.database.db.selectFrom('members').select('member_no').orderBy('member_no').execute()
    expect(stored.map(m => m.member_no)).toEqual(numbers)
  })

  it('approves the same application once when both instances try at once', async () => {
    const [id] = await inReview(1, 100)
    const responses = await Promise.all(apps.map(app => approveOn(app, id!, 2)))
    expect(responses.map(r => r.status).sort()).toEqual([200, 409])
    const loser = responses.find(r => r.status === 409)!
    expect((await loser.json() as { error: unknown }).error).toMatchObject({ code: 'request.version_conflict', current: { status: 'approved', version: 3 } })
    const members = await server.database.db.selectFrom('members').select('member_no').where('application_id', '=', id!).execute()
    expect(members).toEqual([{ member_no: 'FE00000021' }])
    const events = await server.database.db.selectFrom('application_events').select('action').where('application_id', '=', id!).where('action', '=', 'approve').execute()
    expect(events).toHaveLength(1)
  })
})
