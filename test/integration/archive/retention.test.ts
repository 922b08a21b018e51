import type { Buffer } from 'node:buffer'
import type { PurgeReport } from '../../../server/services/retention.service'
import type { FileAttachmentStorage } from '../../../server/storage/attachment-storage'
import type { IndividualInput } from '../../fixtures/applications'
import type { SignedInAdmin } from '../../support/admin-fixtures'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { createHash } from 'node:crypto'
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { todayInChina } from '#shared/dates/calendar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDedupScan } from '../../../server/dedup/rescan'
import { verifyAuditChain } from '../../../server/repositories/audit.repository'
import { purgeExpiredRecords } from '../../../server/services/retention.service'
import { attachmentPath } from '../../../server/storage/attachment-tree'
import { auditEntries, signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { approveThrough, deskApplication, pushApplication, reviewAction } from '../../support/review-fixtures'
import { pushBody, resubmit, SYNC_SITE_ID, withdraw } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'
import { jpeg } from '../../support/tiny-files'

const DAY_MS = 86_400_000

/**
 * The retention purge (shared/archive/retention.ts) on a real database and attachment folder:
 * under the default periods (closed applications 365 days, cancelled members 1,095), what is
 * due loses every trace of who the applicant was — in every table, and its document files
 * unless another application names them — while its numbered skeleton, the counts and the
 * audit chain stay; what is not due is untouched; a second run changes nothing.
 */
describe.each(DIALECTS)('retention purge on %s', (dialect) => {
  let server: TestServer
  let admin: SignedInAdmin
  let agent: SignedInAgent
  let reviewer: SignedInAgent
  let supervisor: SignedInAgent
  /** rejected, withdrawn, approved then cancelled, approved and kept, rejected recently. */
  const apps: Record<'rejected' | 'withdrawn' | 'cancelled' | 'member' | 'recent', IndividualInput> = {} as never
  const memberIds: Record<'cancelled' | 'member', string> = {} as never
  const shared = jpeg('shared by two applications')
  const own = jpeg('only the rejected one')
  /** Uploaded by a device whose application never arrived: long ago, and lately. */
  const unnamed = { old: jpeg('a photo whose application never came'), recent: jpeg('a photo whose application is on its way') }
  /** An ID photo a resubmission replaced (named by an earlier version only), and the one that replaced it. */
  const superseded = { before: jpeg('a blurred ID photo, taken again'), after: jpeg('the ID photo taken again') }
  let returned: IndividualInput
  const hash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
  let dryRun: PurgeReport
  /** The China date of the cancelled member's re-visit. */
  let revisitDay: string
  let report: PurgeReport

  const upload = async (bytes: Buffer) => {
    const response = await server.request(`/api/attachments/${hash(bytes)}`, { method: 'PUT', token: agent.token, headers: { 'Content-Type': 'image/jpeg' }, body: bytes })
    expect([200, 201]).toContain(response.status)
  }
  /** The application with real files as its ID photos. */
  const withPhotos = (app: IndividualInput, front: Buffer, back: Buffer): IndividualInput => ({
    ...app,
    attachments: app.attachments.map(a => a.kind === 'id_front' ? { ...a, sha256: hash(front), mediaType: 'image/jpeg', size: front.length } : a.kind === 'id_back' ? { ...a, sha256: hash(back), mediaType: 'image/jpeg', size: back.length } : a),
  })
  /** Every row of the tables that hold personal data, as text. */
  const everything = async (): Promise<string> => {
    const db = server.database.db
    const tables = ['applications', 'application_versions', 'application_events', 'members', 'member_changes', 'mutations', 'change_feed', 'dedup_keys', 'duplicate_candidates', 'audit_log'] as const
    const dumps = await Promise.all(tables.map(t => db.selectFrom(t).selectAll().execute()))
    return JSON.stringify(dumps)
  }

  beforeAll(async () => {
    server = await createTestServer(dialect)
    admin = await signInAdmin(server)
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    agent = await server.signIn('agent.li')
    reviewer = await server.signIn('reviewer.chen')
    supervisor = await server.signIn('supervisor.wu')
    await upload(shared)
    await upload(own)
    await upload(unnamed.old)
    apps.rejected = withPhotos(deskApplication(agent, 1, SYNC_SITE_ID, { person: { name: '钱多多' } }), shared, own)
    apps.withdrawn = deskApplication(agent, 2, SYNC_SITE_ID, { person: { name: '孙小圣' } })
    apps.cancelled = deskApplication(agent, 3, SYNC_SITE_ID, { person: { name: '周全福' } })
    apps.member = withPhotos(deskApplication(agent, 4, SYNC_SITE_ID), shared, shared)
    for (const app of [apps.rejected, apps.withdrawn, apps.cancelled, apps.member])
      await pushApplication(server, agent, app)
    // Returned for a sharper ID photo, and resubmitted with it: the application lives on.
    await upload(superseded.before)
    await upload(superseded.after)
    returned = withPhotos(deskApplication(agent, 6, SYNC_SITE_ID, { person: { name: '赵小雨' } }), superseded.before, shared)
    await pushApplication(server, agent, returned)
    expect((await reviewAction(server, reviewer.token, returned.id, 'start_review', 1)).status).toBe(200)
    expect((await reviewAction(server, reviewer.token, returned.id, 'return', 2, { items: [{ kind: 'field', ref: 'person.mobile' }] })).status).toBe(200)
    const resubmitted = await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: pushBody([resubmit(withPhotos(returned, superseded.after, shared), 3)]) })
    expect((await resubmitted.json()).results[0].outcome).toBe('applied')
    expect((await reviewAction(server, reviewer.token, apps.rejected.id, 'start_review', 1)).status).toBe(200)
    expect((await reviewAction(server, reviewer.token, apps.rejected.id, 'reject', 2, { reason: 'other', note: '钱多多本人电话 13900000001 无法接通' })).status).toBe(200)
    const withdrawn = await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: pushBody([withdraw(apps.withdrawn.id, 1)]) })
    expect((await withdrawn.json()).results[0].outcome).toBe('applied')
    memberIds.cancelled = (await approveThrough(server, reviewer.token, apps.cancelled.id)).memberId
    memberIds.member = (await approveThrough(server, reviewer.token, apps.member.id)).memberId
    // Re-visited once before leaving: the note names the person, the outcome is a statistic.
    revisitDay = todayInChina(server.clock.now())
    const revisit = await server.request(`/api/members/${memberIds.cancelled}/actions/revisit`, { method: 'POST', token: supervisor.token, headers: { 'If-Match': '"1"' }, json: { revisit: { channel: 'phone', outcome: 'reached' }, note: '周全福本人接听，说下月搬家' } })
    expect(revisit.status).toBe(200)
    const cancel = await server.request(`/api/members/${memberIds.cancelled}/actions/cancel`, { method: 'POST', token: supervisor.token, headers: { 'If-Match': '"2"' }, json: { reason: '会员本人申请' } })
    expect(cancel.status).toBe(200)

    // A thousand days on, an application is rejected; a hundred days later the purge runs.
    server.clock.advance(1000 * DAY_MS)
    // Sessions expire meanwhile: everyone signs in again.
    agent = await server.signIn('agent.li')
    reviewer = await server.signIn('reviewer.chen')
    apps.recent = deskApplication(agent, 5, SYNC_SITE_ID)
    await upload(unnamed.recent)
    await pushApplication(server, agent, apps.recent)
    expect((await reviewAction(server, reviewer.token, apps.recent.id, 'start_review', 1)).status).toBe(200)
    expect((await reviewAction(server, reviewer.token, apps.recent.id, 'reject', 2, { reason: 'ineligible' })).status).toBe(200)
    server.clock.advance(100 * DAY_MS)
    reviewer = await server.signIn('reviewer.chen')
    supervisor = await server.signIn('supervisor.wu')
    admin = await signInAdmin(server)

    dryRun = await purgeExpiredRecords(server.deps, { dryRun: true })
    report = await purgeExpiredRecords(server.deps, { batchSize: 2 })
  })
  afterAll(() => server.dispose())

  it('counts what is due on a dry run and changes nothing then', () => {
    expect(dryRun).toEqual({ due: { members: 1, applications: 2, documents: 2 }, purged: { members: 0, applications: 0, documents: 0 }, filesDeleted: 0, strayFiles: 0, completed: true })
  })

  it('purges the cancelled member and the closed applications past their period, and nothing else', async () => {
    expect(report).toMatchObject({ due: { members: 1, applications: 2, documents: 2 }, purged: { members: 1, applications: 2, documents: 2 }, completed: true })
    const rows = await server.database.db.selectFrom('applications').select(['id', 'purged_at', 'display_name', 'data']).execute()
    const purged = new Set(rows.filter(r => r.purged_at !== null).map(r => r.id))
    expect([...purged].sort()).toEqual([apps.rejected.id, apps.withdrawn.id, apps.cancelled.id].sort())
    expect(rows.filter(r => purged.has(r.id)).every(r => r.data === '{}' && r.display_name === '')).toBe(true)
    const members = await server.database.db.selectFrom('members').select(['id', 'purged_at', 'member_no', 'status']).execute()
    expect(members.find(m => m.id === memberIds.cancelled)).toMatchObject({ status: 'cancelled', purged_at: expect.any(String) })
    expect(members.find(m => m.id === memberIds.member)).toMatchObject({ status: 'active', purged_at: null })
  })

  it('keeps a purged member\'s re-visit as a channel and an outcome, so the reach rate of that day holds', async () => {
    const changes = await server.database.db.selectFrom('member_changes').select(['action', 'detail']).where('member_id', '=', memberIds.cancelled).orderBy('version').execute()
    expect(changes.map(c => [c.action, JSON.parse(c.detail)])).toEqual([
      ['create', {}],
      ['revisit', { revisit: { channel: 'phone', outcome: 'reached' } }],
      ['cancel', {}],
    ])
    const overview = await (await server.request(`/api/stats/overview?from=${revisitDay}&to=${revisitDay}`, { token: supervisor.token })).json()
    expect(overview.revisits).toMatchObject({ recorded: 1, reached: 1 })
  })

  it('leaves no trace of who a purged applicant was, in any table', async () => {
    const text = await everything()
    expect(text).not.toContain('下月搬家')
    for (const app of [apps.rejected, apps.withdrawn, apps.cancelled]) {
      expect(text).not.toContain(app.person.mobile)
      expect(text).not.toContain(app.person.name)
    }
    // Nor the reviewer's note that named the applicant.
    expect(text).not.toContain('无法接通')
    const hmacs = await server.database.db.selectFrom('applications').select('id_number_hmac').where('purged_at', 'is not', null).execute()
    expect(hmacs.every(r => r.id_number_hmac === null)).toBe(true)
    // The kept ones are still there, in full.
    expect(text).toContain(apps.member.person.mobile)
    expect(text).toContain(apps.recent.person.mobile)
  })

  it('deletes the purged applications\' feed entries by the application they name, and keeps the others\'', async () => {
    const feed = await server.database.db.selectFrom('change_feed').select(['application_id', 'payload']).where('kind', '=', 'application').execute()
    // Every writer (push, decision) names the application; the purge relies on it.
    for (const entry of feed)
      expect(entry.application_id).toBe((JSON.parse(entry.payload) as { applicationId: string }).applicationId)
    const named = new Set(feed.map(entry => entry.application_id))
    for (const app of [apps.rejected, apps.withdrawn, apps.cancelled])
      expect(named.has(app.id)).toBe(false)
    expect(named.has(apps.member.id)).toBe(true)
    expect(named.has(apps.recent.id)).toBe(true)
  })

  it('deletes a document file no other application names, and keeps one that another still does', async () => {
    // The rejected application's own photo, and the documents no application names any more (below).
    expect(report.filesDeleted).toBe(3)
    expect(await server.deps.storage.has(hash(own))).toBe(false)
    expect(await server.deps.storage.has(hash(shared))).toBe(true)
    const reviewerFile = await server.request(`/api/attachments/${hash(shared)}`, { token: reviewer.token })
    expect(reviewerFile.status).toBe(200)
  })

  it('destroys documents no application names any more once a closed application would be, audited; keeps a recent one and the live application', async () => {
    // Never named (its application never came), and replaced by a resubmission (no desk screen serves it).
    for (const gone of [unnamed.old, superseded.before]) {
      expect(await server.deps.storage.has(hash(gone))).toBe(false)
      expect(await server.database.db.selectFrom('attachments').select('sha256').where('sha256', '=', hash(gone)).execute()).toEqual([])
    }
    expect(await server.deps.storage.has(hash(unnamed.recent))).toBe(true)
    expect(await server.deps.storage.has(hash(superseded.after))).toBe(true)
    const live = await server.database.db.selectFrom('applications').select(['status', 'purged_at']).where('id', '=', returned.id).executeTakeFirstOrThrow()
    expect(live).toEqual({ status: 'submitted', purged_at: null })
    const entries = await server.database.db.selectFrom('audit_log').select(['actor_id', 'target_type', 'target_id', 'detail']).where('action', '=', 'attachment.purge').orderBy('seq').execute()
    expect(entries.map(e => e.target_id).sort()).toEqual([hash(unnamed.old), hash(superseded.before)].sort())
    expect(entries.every(e => e.actor_id === null && e.target_type === 'attachment' && e.detail === JSON.stringify({ reason: 'retention' }))).toBe(true)
    // Its device, still holding the photo, sends it again with the application: it is stored anew.
    agent = await server.signIn('agent.li')
    await upload(unnamed.old)
    expect(await server.deps.storage.has(hash(unnamed.old))).toBe(true)
  })

  it('answers the desk 410 record.purged for a purged record, and lists it by number with no name', async () => {
    const detail = await server.request(`/api/review/applications/${apps.rejected.id}`, { token: reviewer.token })
    expect(detail.status).toBe(410)
    expect((await detail.json()).error.code).toBe('record.purged')
    expect((await server.request(`/api/review/applications/${apps.rejected.id}/versions/1`, { token: reviewer.token })).status).toBe(410)
    expect((await server.request(`/api/members/${memberIds.cancelled}`, { token: reviewer.token })).status).toBe(410)
    // Nor can anything be done to it: said as such, not as a consent it never gave or a state it is in.
    for (const version of ['3', '1']) {
      const withdraw = await server.request(`/api/members/${memberIds.cancelled}/actions/withdraw_marketing`, { method: 'POST', token: reviewer.token, headers: { 'If-Match': `"${version}"` }, json: {} })
      expect(withdraw.status).toBe(410)
      expect((await withdraw.json()).error.code).toBe('record.purged')
    }
    expect((await server.request(`/api/members/${memberIds.member}`, { token: reviewer.token })).status).toBe(200)
    expect((await server.request(`/api/review/applications/${apps.recent.id}`, { token: reviewer.token })).status).toBe(200)
    const queue = await (await server.request('/api/review/applications?pageSize=100', { token: reviewer.token })).json()
    expect(queue.items.find((i: { id: string }) => i.id === apps.rejected.id)).toMatchObject({ receiptNo: apps.rejected.receiptNo, status: 'rejected', displayName: '', mobile: '' })
    // The history of who did what stays, without the reviewer's words.
    const history = await (await server.request(`/api/review/applications/${apps.rejected.id}/history`, { token: reviewer.token })).json()
    expect(history.events.map((e: { action: string }) => e.action)).toEqual(['ingest', 'start_review', 'reject'])
  })

  it('exports a purged record as such, with nothing of the person', async () => {
    const csv = await (await server.request('/api/exports/applications?format=csv&full=true', { token: supervisor.token })).text()
    const line = csv.split('\n').find(l => l.includes(apps.rejected.receiptNo))!
    expect(line).toContain('个人信息已到期销毁')
    expect(csv).not.toContain(apps.rejected.person.idNumber)
    expect(csv).toContain(apps.recent.person.idNumber)
    const members = await (await server.request('/api/exports/members?format=csv&full=true', { token: supervisor.token })).text()
    expect(members).toContain('个人信息已到期销毁')
    expect(members).not.toContain(apps.cancelled.person.idNumber)
  })

  it('audits each purge with no actor, keeps the chain whole, and never finds a purged record again', async () => {
    const purges = [...await auditEntries(server, admin, { action: 'application.purge' }), ...await auditEntries(server, admin, { action: 'member.purge' })]
    expect(purges.map(e => e.targetId).sort()).toEqual([apps.rejected.id, apps.withdrawn.id, memberIds.cancelled].sort())
    expect(purges.every(e => e.actorId === null && e.detail.reason === 'retention')).toBe(true)
    expect((await verifyAuditChain(server.database.db)).ok).toBe(true)
    // A re-scan of duplicates keys only what is kept.
    await runDedupScan(server.deps, {})
    const keyed = new Set((await server.database.db.selectFrom('dedup_keys').select('application_id').execute()).map(r => r.application_id))
    expect(keyed.has(apps.cancelled.id)).toBe(false)
    expect(keyed.has(apps.member.id)).toBe(true)
  })

  it('changes nothing when run again', async () => {
    const before = await everything()
    expect(await purgeExpiredRecords(server.deps)).toEqual({ due: { members: 0, applications: 0, documents: 0 }, purged: { members: 0, applications: 0, documents: 0 }, filesDeleted: 0, strayFiles: 0, completed: true, ...(dialect === 'sqlite' ? { walEmptied: true } : {}) })
    expect(await everything()).toBe(before)
  })
  it('deletes stray files — stored, recorded nowhere, untouched for an hour — as a purge cut between its commit and its removals leaves them', async () => {
    const root = (server.deps.storage as FileAttachmentStorage).root
    /** A file in the store with no attachment record, last written at `at`. */
    const stray = (bytes: Buffer, at: Date) => {
      const path = attachmentPath(root, hash(bytes))
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, bytes)
      utimesSync(path, at, at)
      return hash(bytes)
    }
    const now = server.clock.now()
    const left = stray(jpeg('an ID photo a killed purge left behind'), new Date(now.getTime() - 2 * 3_600_000))
    const arriving = stray(jpeg('an upload about to record itself'), now)

    const counted = await purgeExpiredRecords(server.deps, { dryRun: true })
    expect(counted.strayFiles).toBe(1)
    expect(await server.deps.storage.has(left)).toBe(true)

    expect((await purgeExpiredRecords(server.deps)).strayFiles).toBe(1)
    expect(await server.deps.storage.has(left)).toBe(false)
    expect(await server.deps.storage.has(arriving)).toBe(true)
    expect(await server.deps.storage.has(hash(shared))).toBe(true)

    // An hour on, the upload never recorded itself: it goes too. The recorded file stays.
    server.clock.advance(61 * 60_000)
    expect((await purgeExpiredRecords(server.deps)).strayFiles).toBe(1)
    expect(await server.deps.storage.has(arriving)).toBe(false)
    expect(await server.deps.storage.has(hash(shared))).toBe(true)
    expect((await server.request(`/api/attachments/${hash(shared)}`, { token: reviewer.token })).status).toBe(200)
  })
})
