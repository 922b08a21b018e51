import type { ApplicationInput } from '#shared/application/application.schema'
import type { NewAttachment } from '../../../client/src/field/storage/applications.repository'
import type { SyncTransport } from '../../../client/src/field/sync/sync-transport'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { randomBytes, randomUUID } from 'node:crypto'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { uuidv7 } from 'uuidv7'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { listOf } from '../../../client/src/field/applications/application-lists'
import { acceptServerCopy, heldEditOf, holdEdit, keepUnsavedEdit, resubmit, saveDraft, saveHeldEdits, submit, withdraw } from '../../../client/src/field/storage/applications.repository'
import { FieldDb, unsyncedCount } from '../../../client/src/field/storage/field-db'
import { pullChanges } from '../../../client/src/field/sync/pull-changes'
import { createSyncEngine } from '../../../client/src/field/sync/sync-engine'
import { createFetchTransport, createTransport } from '../../../client/src/field/sync/sync-transport'
import { findApplication } from '../../../server/repositories/applications.repository'
import { openApplication } from '../../../server/services/application-codec'
import { TODAY } from '../../fixtures/applications'
import { MAGIC, withRealFiles } from '../../support/real-files'
import { applicantOf, approveThrough, reviewAction } from '../../support/review-fixtures'
import { agentApplication, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * The device's sync engine against the real server in-process (Hono app, real SQLite):
 * local Dexie database (fake-indexeddb) → transport → server.request.
 */

describe('field sync engine against the real server (sqlite)', () => {
  let server: TestServer
  let agent: SignedInAgent
  let reviewerToken: string
  let db: FieldDb
  let seq = 0

  function transportFor(token: string): SyncTransport {
    return createTransport((path, init) => server.request(path, { ...init, token }) as Promise<Response>)
  }

  async function serverRows(applicationId: string) {
    return server.database.db.selectFrom('applications').select(['status', 'version', 'attachments_complete']).where('id', '=', applicationId).execute()
  }

  /** The application as the server holds it, opened (the agent's API gives it in full only while it is returned). */
  async function serverCopyOf(applicationId: string): Promise<{ version: number, application: ApplicationInput }> {
    const stored = (await findApplication(server.database.db, applicationId))!
    return { version: stored.version, application: openApplication(stored.data, server.deps.cipher) }
  }

  /** A valid application with real files, saved and submitted on the device. */
  /** The reviewer takes a freshly pushed application (version 1) into review and returns it with `items`. */
  async function returnOnServer(id: string, items: readonly unknown[]): Promise<void> {
    expect((await reviewAction(server, reviewerToken, id, 'start_review', 1)).status).toBe(200)
    expect((await reviewAction(server, reviewerToken, id, 'return', 2, { items })).status).toBe(200)
  }

  async function submitted(): Promise<ApplicationInput> {
    const { app, files } = withRealFiles(agentApplication(agent, ++seq, { person: applicantOf(seq) }))
    await saveDraft(db, app, files)
    const result = await submit(db, app.id, { today: TODAY })
    expect(result.ok).toBe(true)
    return app
  }

  beforeAll(async () => {
    server = await createTestServer('sqlite')
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
    agent = await server.signIn('agent.li')
    reviewerToken = (await server.signIn('reviewer.chen')).token
  })
  beforeEach(async () => {
    db = new FieldDb(`field-enrol-test-${randomUUID()}`, { indexedDB, IDBKeyRange })
    // The first sync brings the programme settings the device validates with.
    expect(await createSyncEngine({ db, transport: transportFor(agent.token), locks: null }).runSync()).toMatchObject({ ok: true })
  })
  afterEach(() => db.delete())
  afterAll(() => server.dispose())

  it('syncs a submission: files first, then synced only once its receipt is stored', async () => {
    const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
    const phases: string[] = []
    engine.onProgress(p => phases.push(p.phase))
    const app = await submitted()

    expect(await engine.runSync()).toMatchObject({ ok: true, pushed: 1, synced: 1 })
    const local = await db.applications.get(app.id)
    expect(local).toMatchObject({ status: 'submitted', syncState: 'synced', serverVersion: 1, receipt: { applicationId: app.id, version: 1, missingAttachments: [] } })
    expect(local!.receipt!.attachments.sort()).toEqual(app.attachments.map(a => a.sha256).sort())
    expect((await db.attachments.toArray()).every(a => a.uploaded)).toBe(true)
    expect(await db.outbox.count()).toBe(0)
    expect(await serverRows(app.id)).toEqual([{ status: 'submitted', version: 1, attachments_complete: 1 }])
    expect(phases.indexOf('upload')).toBeLessThan(phases.indexOf('push'))
    expect((await db.meta.get('lastSyncError'))?.value).toBeNull()
  })

  it('tells the server what its clock reads with each push, and the server keeps the offset with the version', async () => {
    // The tablet's clock is three hours fast (set by hand, far from any network).
    const fast = () => new Date(server.clock.now().getTime() + 3 * 3_600_000)
    const app = await submitted()
    expect(await createSyncEngine({ db, transport: transportFor(agent.token), locks: null, now: fast }).runSync()).toMatchObject({ ok: true, synced: 1 })
    const versions = await server.database.db.selectFrom('application_versions').select(['device_sent_at', 'server_time']).where('application_id', '=', app.id).execute()
    expect(versions).toEqual([{ device_sent_at: fast().toISOString(), server_time: server.clock.now().toISOString() }])
    const history = await (await server.request(`/api/review/applications/${app.id}/history`, { token: reviewerToken })).json()
    expect(history.versions[0].clockOffsetMs).toBe(3 * 3_600_000)
    // The tablet keeps it too, for its device page to say.
    expect((await db.meta.get('clockOffsetMs'))?.value).toBe(3 * 3_600_000)
  })

  it('keeps a record queued while the receipt names a missing file, and sends the file again though it was marked uploaded', async () => {
    const app = await submitted()
    const missing = app.attachments[0]!
    // The device believes it sent it (the server lost it since: restored from an older backup).
    await db.attachments.where('sha256').equals(missing.sha256).modify({ uploaded: true })
    const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
    await engine.runSync()
    expect(await db.applications.get(app.id)).toMatchObject({ syncState: 'queued', receipt: { missingAttachments: [missing.sha256] } })
    expect(await db.outbox.count()).toBe(0)
    expect((await server.request(`/api/attachments/${missing.sha256}`, { method: 'HEAD', token: agent.token })).status).toBe(404)

    // The next sync sends it again, as the receipt asks, and the record is complete.
    expect(await engine.runSync()).toMatchObject({ ok: true })
    expect((await db.applications.get(app.id))?.syncState).toBe('synced')
    expect((await server.request(`/api/attachments/${missing.sha256}`, { method: 'HEAD', token: agent.token })).status).toBe(200)
    expect(await serverRows(app.id)).toEqual([expect.objectContaining({ attachments_complete: 1 })])
  })

  it('tells which file the server refused and why, keeps the application, and clears the refusal once the file arrives', async () => {
    const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
    const app = await submitted()
    const front = app.attachments.find(a => a.kind === 'id_front')!
    const good = (await db.attachments.get(front.id))!.blob
    // The stored bytes no longer match the hash the application names (a damaged file).
    await db.attachments.update(front.id, { blob: new Blob([Buffer.concat([Buffer.from(MAGIC['image/jpeg']!), randomBytes(512)])], { type: 'image/jpeg' }) })

    expect(await engine.runSync()).toMatchObject({ ok: true, pushed: 1 })
    const local = await db.applications.get(app.id)
    expect(local).toMatchObject({ status: 'submitted', syncState: 'queued', data: app, receipt: { missingAttachments: [front.sha256] } })
    expect(local!.fileRefusals).toEqual([{ attachmentId: front.id, kind: 'id_front', code: 'attachment.hash_mismatch' }])
    expect(await db.attachments.count()).toBe(app.attachments.length)
    // Refused again at the next sync, and still said.
    await engine.runSync()
    expect((await db.applications.get(app.id))!.fileRefusals).toHaveLength(1)

    await db.attachments.update(front.id, { blob: good })
    expect(await engine.runSync()).toMatchObject({ ok: true })
    const synced = await db.applications.get(app.id)
    expect(synced).toMatchObject({ syncState: 'synced' })
    expect(synced!.fileRefusals).toBeUndefined()
  })

  it('says which file an application names that is neither on the tablet nor on the server, and keeps the application', async () => {
    const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
    const app = await submitted()
    const back = app.attachments.find(a => a.kind === 'id_back')!
    await db.attachments.delete(back.id)

    expect(await engine.runSync()).toMatchObject({ ok: true, pushed: 1 })
    const local = await db.applications.get(app.id)
    expect(local).toMatchObject({ status: 'submitted', syncState: 'queued', data: app, receipt: { missingAttachments: [back.sha256] } })
    expect(local!.fileRefusals).toEqual([{ attachmentId: back.id, kind: 'id_back', code: 'attachment.not_on_device' }])
    expect(await serverRows(app.id)).toEqual([{ status: 'submitted', version: 1, attachments_complete: 0 }])
  })

  it('stops waiting for a missing file once the reviewer rejected the application: synced, and forgotten in time', async () => {
    const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
    const app = await submitted()
    await db.attachments.delete(app.attachments.find(a => a.kind === 'id_back')!.id)
    await engine.runSync()
    expect(await db.applications.get(app.id)).toMatchObject({ status: 'submitted', syncState: 'queued', fileRefusals: [expect.objectContaining({ code: 'attachment.not_on_device' })] })
    expect((await reviewAction(server, reviewerToken, app.id, 'start_review', 1)).status).toBe(200)
    expect((await reviewAction(server, reviewerToken, app.id, 'reject', 2, { reason: 'invalid_documents' })).status).toBe(200)

    await engine.runSync()
    const rejected = await db.applications.get(app.id)
    expect(rejected).toMatchObject({ status: 'rejected', syncState: 'synced', rejectReason: 'invalid_documents' })
    // Nothing will be retaken for a decided application: its page no longer asks for it.
    expect(rejected!.fileRefusals).toBeUndefined()
    expect(listOf(rejected!)).toBe('synced')
    expect(await unsyncedCount(db)).toBe(0)
    const later = createSyncEngine({ db, transport: transportFor(agent.token), locks: null, now: () => new Date(Date.now() + 31 * 86_400_000) })
    expect(await later.runSync()).toMatchObject({ ok: true })
    expect(await db.applications.get(app.id)).toBeUndefined()
  })

  it('stops waiting for a missing file once the agent withdrew the application', async () => {
    const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
    const app = await submitted()
    await db.attachments.delete(app.attachments.find(a => a.kind === 'id_back')!.id)
    await engine.runSync()
    expect((await withdraw(db, app.id)).ok).toBe(true)
    expect(await engine.runSync()).toMatchObject({ ok: true, synced: 1 })
    const withdrawn = await db.applications.get(app.id)
    expect(withdrawn).toMatchObject({ status: 'withdrawn', syncState: 'synced', serverVersion: 2 })
    expect(withdrawn!.fileRefusals).toBeUndefined()
  })

  it('takes a refused file retaken in the fix of a return: resubmitted complete, the refusal gone', async () => {
    const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
    const app = await submitted()
    const front = app.attachments.find(a => a.kind === 'id_front')!
    await db.attachments.update(front.id, { blob: new Blob([Buffer.concat([Buffer.from(MAGIC['image/jpeg']!), randomBytes(512)])], { type: 'image/jpeg' }) })
    await engine.runSync()
    expect(await serverRows(app.id)).toEqual([{ status: 'submitted', version: 1, attachments_complete: 0 }])
    await returnOnServer(app.id, [{ kind: 'material', ref: 'id_front', note: '照片无法打开，请重拍' }])
    await engine.runSync()
    // Shown under 退回补充 with the refusal, not left waiting for a file that will not come.
    const returned = await db.applications.get(app.id)
    expect(returned).toMatchObject({ status: 'returned', syncState: 'synced', serverVersion: 3, fileRefusals: [expect.objectContaining({ attachmentId: front.id })] })
    expect(listOf(returned!)).toBe('returned')

    // The wizard retakes the photo: a new file under a new id replaces it in the application.
    const retake = withRealFiles({ ...app, attachments: [{ ...front, id: randomUUID() }] } as ApplicationInput)
    const fixed = { ...app, attachments: app.attachments.map(a => (a.id === front.id ? retake.app.attachments[0]! : a)) } as ApplicationInput
    expect((await saveDraft(db, fixed, retake.files)).ok).toBe(true)
    expect((await resubmit(db, app.id, { today: TODAY })).ok).toBe(true)
    expect(await engine.runSync()).toMatchObject({ ok: true, synced: 1 })
    const local = await db.applications.get(app.id)
    expect(local).toMatchObject({ status: 'submitted', syncState: 'synced', serverVersion: 4, receipt: { missingAttachments: [] } })
    expect(local!.fileRefusals).toBeUndefined()
    expect(await serverRows(app.id)).toEqual([{ status: 'submitted', version: 4, attachments_complete: 1 }])
  })

  it('retries a push whose answer was lost with the same mutation id: synced, one server record', async () => {
    const real = transportFor(agent.token)
    let dropped = false
    const lossy: SyncTransport = {
      ...real,
      push: async (body) => {
        const answer = await real.push(body)
        if (!dropped) {
          dropped = true
          throw new TypeError('network connection lost')
        }
        return answer
      },
    }
    const engine = createSyncEngine({ db, transport: lossy, locks: null })
    const app = await submitted()

    expect(await engine.runSync()).toEqual({ ok: false, error: 'network connection lost', code: 'sync.unreachable' })
    expect(await db.applications.get(app.id)).toMatchObject({ syncState: 'queued', receipt: null })
    expect(await db.outbox.toArray()).toEqual([expect.objectContaining({ attempts: 1, lastError: 'network connection lost' })])
    // What the screens show is the catalogue's message for the code, never the browser's English.
    expect((await db.meta.get('lastSyncError'))?.value).toBe('sync.unreachable')
    // The server may already have it: an edit now would never reach the server, so it is refused.
    const edit = await saveDraft(db, { ...app, person: { ...(app as { person: object }).person, mobile: '13911112222' } } as ApplicationInput)
    expect(edit).toMatchObject({ ok: false, issues: [{ code: 'sync.in_flight' }] })

    expect(await engine.runSync()).toMatchObject({ ok: true, synced: 1 })
    expect(await db.applications.get(app.id)).toMatchObject({ syncState: 'synced', serverVersion: 1 })
    expect(await serverRows(app.id)).toHaveLength(1)
  })

  it('refuses an edit after the run died between the server applying a push and the device storing its answer', async () => {
    const real = transportFor(agent.token)
    const app = await submitted()
    const name = db.name
    // The agent signs out (the session closes the database) while the answer is on its way;
    // a tab closed or a crash at that moment leaves the same behind.
    const dying: SyncTransport = {
      ...real,
      push: async (body) => {
        const answer = await real.push(body)
        db.close()
        return answer
      },
    }
    await createSyncEngine({ db, transport: dying, locks: null }).runSync().catch(() => undefined)
    expect(await serverRows(app.id)).toEqual([expect.objectContaining({ status: 'submitted', version: 1 })])

    db = new FieldDb(name, { indexedDB, IDBKeyRange })
    const engine = createSyncEngine({ db, transport: real, locks: null })
    await engine.recover()
    expect(await db.applications.get(app.id)).toMatchObject({ status: 'queued', syncState: 'queued' })
    // The server has it already: a retry gets the old answer back, so an edit now would show
    // as synced without ever reaching the server.
    const edited = { ...app, person: { ...(app as { person: object }).person, mobile: '13911112222' } } as ApplicationInput
    expect(await saveDraft(db, edited)).toMatchObject({ ok: false, issues: [{ code: 'sync.in_flight' }] })

    expect(await engine.runSync()).toMatchObject({ ok: true, synced: 1 })
    const local = await db.applications.get(app.id)
    expect(local).toMatchObject({ syncState: 'synced', serverVersion: 1 })
    const held = await serverCopyOf(app.id)
    expect(local!.data).toEqual(held.application)
  })

  it('sets a rejected record aside with its issues and syncs the rest of the batch', async () => {
    const invalid = withRealFiles(agentApplication(agent, ++seq, { person: { mobile: '12345' } }))
    await saveDraft(db, invalid.app, invalid.files)
    // Bypass local validation, as an older build might have queued it.
    await db.applications.update(invalid.app.id, { status: 'queued', syncState: 'queued' })
    await db.outbox.add({ mutationId: randomUUID(), applicationId: invalid.app.id, kind: 'submit', baseVersion: 0, deviceTime: new Date().toISOString(), createdAt: '2000-01-01T00:00:00.000Z', attempts: 0, lastError: null, setAsideAt: null })
    const valid = await submitted()

    const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
    expect(await engine.runSync()).toMatchObject({ ok: true, pushed: 2, synced: 1, rejected: 1 })
    const rejected = await db.applications.get(invalid.app.id)
    expect(rejected).toMatchObject({ syncState: 'rejected', data: invalid.app })
    expect(rejected!.issues).toEqual(expect.arrayContaining([{ path: 'person.mobile', code: 'mobile.format' }]))
    expect(await db.outbox.where('applicationId').equals(invalid.app.id).toArray()).toEqual([expect.objectContaining({ setAsideAt: expect.any(String) })])
    expect((await db.applications.get(valid.id))?.syncState).toBe('synced')

    // A set-aside entry is not sent again.
    expect(await engine.runSync()).toMatchObject({ ok: true, pushed: 0 })
  })

  it('shows a reviewer\'s return after a pull, with its items', async () => {
    const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
    const app = await submitted()
    await engine.runSync()
    expect((await reviewAction(server, reviewerToken, app.id, 'start_review', 1)).status).toBe(200)
    const items = [{ kind: 'field', ref: 'person.mobile', note: '号码停机，请核实' }]
    expect((await reviewAction(server, reviewerToken, app.id, 'return', 2, { items })).status).toBe(200)

    await engine.runSync()
    const returned = await db.applications.get(app.id)
    expect(returned).toMatchObject({ status: 'returned', serverVersion: 3, returnItems: items, syncState: 'synced' })
    // The data as returned is kept beside the record, for the fix to be compared with.
    expect(returned!.returnedData).toEqual(app)

    // Resubmitted and taken into review: no longer returned, nothing to compare with.
    expect((await resubmit(db, app.id)).ok).toBe(true)
    await engine.runSync()
    expect((await reviewAction(server, reviewerToken, app.id, 'start_review', 4)).status).toBe(200)
    await engine.runSync()
    const inReview = await db.applications.get(app.id)
    expect(inReview).toMatchObject({ status: 'in_review', serverVersion: 5 })
    expect(inReview!.returnedData).toBeUndefined()
  })

  it('pulls again from the start when its cursor is beyond the server\'s feed (a server restored from an older backup), the outbox as it was', async () => {
    const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
    const app = await submitted()
    await engine.runSync()
    await returnOnServer(app.id, [{ kind: 'field', ref: 'person.mobile' }])
    const waiting = await submitted()
    const outbox = await db.outbox.toArray()
    expect(outbox).toEqual([expect.objectContaining({ applicationId: waiting.id })])
    // The device saw changes numbered far beyond what this server's feed has handed out.
    await db.meta.put({ key: 'syncCursor', value: 1_000_000 })

    // Taken into review, then returned: both changes applied, the earlier ones skipped by version.
    expect(await pullChanges(db, transportFor(agent.token))).toMatchObject({ applied: 2 })
    expect(await db.applications.get(app.id)).toMatchObject({ status: 'returned', serverVersion: 3, syncState: 'synced' })
    const cursor = (await db.meta.get('syncCursor'))?.value as number
    expect(cursor).toBeLessThan(1_000_000)
    expect(cursor).toBeGreaterThan(0)
    expect(await db.outbox.toArray()).toEqual(outbox)
    expect(await db.applications.get(waiting.id)).toMatchObject({ status: 'queued', syncState: 'queued' })
    // And the next sync goes on from there: the waiting submission leaves, nothing is refused.
    expect(await engine.runSync()).toMatchObject({ ok: true, synced: 1 })
    expect((await db.meta.get('lastSyncError'))?.value).toBeNull()
  })

  describe('a returned application captured on the agent\'s other tablet', () => {
    let tabletB: SignedInAgent
    let dbB: FieldDb
    beforeEach(async () => {
      tabletB = await server.signIn('agent.li', undefined, `tablet-b-${randomUUID()}`)
      dbB = new FieldDb(`field-enrol-test-${randomUUID()}`, { indexedDB, IDBKeyRange })
    })
    afterEach(() => dbB.delete())

    /** Submitted and synced on the first tablet, then returned by the reviewer (server version 3). */
    async function returnedOnTabletA(items: unknown[]): Promise<ApplicationInput> {
      const app = await submitted()
      await createSyncEngine({ db, transport: transportFor(agent.token), locks: null }).runSync()
      await returnOnServer(app.id, items)
      return app
    }

    it('is fetched by the next sync, fixed there and resubmitted', async () => {
      const items = [{ kind: 'field', ref: 'person.mobile', note: '号码停机，请核实' }]
      const app = await returnedOnTabletA(items)
      const engineB = createSyncEngine({ db: dbB, transport: transportFor(tabletB.token), locks: null })
      expect(await engineB.runSync()).toMatchObject({ ok: true })
      const adopted = await dbB.applications.get(app.id)
      expect(adopted).toMatchObject({ status: 'returned', syncState: 'synced', serverVersion: 3, returnItems: items, receiptNo: app.receiptNo, data: { id: app.id, deviceId: agent.deviceId } })
      expect((adopted!.data as { person: { idNumber: string } }).person.idNumber).toBe((app as { person: { idNumber: string } }).person.idNumber)
      expect(adopted!.returnedData).toEqual(adopted!.data)
      expect((await dbB.meta.get('adoptQueue'))?.value).not.toContain(app.id)

      const fixed = { ...adopted!.data, person: { ...(adopted!.data as { person: object }).person, mobile: '13911112222' } } as ApplicationInput
      expect((await saveDraft(dbB, fixed)).ok).toBe(true)
      expect((await resubmit(dbB, app.id, { today: TODAY })).ok).toBe(true)
      expect(await engineB.runSync()).toMatchObject({ ok: true, pushed: 1, synced: 1 })
      expect(await dbB.applications.get(app.id)).toMatchObject({ status: 'submitted', syncState: 'synced', serverVersion: 4 })
      // Its photos are on the server, not on this tablet: no problem to report.
      expect((await dbB.applications.get(app.id))!.fileRefusals).toBeUndefined()
      expect(await serverRows(app.id)).toEqual([expect.objectContaining({ status: 'submitted', version: 4 })])
      // The first tablet hears of it like any other change.
      await createSyncEngine({ db, transport: transportFor(agent.token), locks: null }).runSync()
      expect(await db.applications.get(app.id)).toMatchObject({ status: 'submitted', serverVersion: 4 })
    })

    it('is fetched at a later sync when the network drops while fetching it, and never twice', async () => {
      const app = await returnedOnTabletA([{ kind: 'field', ref: 'person.mobile' }])
      const real = transportFor(tabletB.token)
      let fetches = 0
      const dropping: SyncTransport = { ...real, fetchApplication: () => Promise.reject(new TypeError('Failed to fetch')) }
      expect(await createSyncEngine({ db: dbB, transport: dropping, locks: null }).runSync()).toEqual({ ok: false, error: 'Failed to fetch', code: 'sync.unreachable' })
      expect(await dbB.applications.get(app.id)).toBeUndefined()
      expect((await dbB.meta.get('adoptQueue'))?.value).toContain(app.id)

      const counting: SyncTransport = { ...real, fetchApplication: (id) => {
        fetches += id === app.id ? 1 : 0
        return real.fetchApplication(id)
      } }
      const engine = createSyncEngine({ db: dbB, transport: counting, locks: null })
      expect(await engine.runSync()).toMatchObject({ ok: true })
      expect(await dbB.applications.get(app.id)).toMatchObject({ status: 'returned', serverVersion: 3 })
      expect(await engine.runSync()).toMatchObject({ ok: true })
      expect(fetches).toBe(1)
    })

    it('is not fetched when it was fixed on the first tablet before this one synced', async () => {
      const app = await returnedOnTabletA([{ kind: 'field', ref: 'person.mobile' }])
      await createSyncEngine({ db, transport: transportFor(agent.token), locks: null }).runSync()
      expect((await saveDraft(db, { ...app, person: { ...(app as { person: object }).person, mobile: '13911112222' } } as ApplicationInput)).ok).toBe(true)
      expect((await resubmit(db, app.id, { today: TODAY })).ok).toBe(true)
      expect(await createSyncEngine({ db, transport: transportFor(agent.token), locks: null }).runSync()).toMatchObject({ ok: true, synced: 1 })

      expect(await createSyncEngine({ db: dbB, transport: transportFor(tabletB.token), locks: null }).runSync()).toMatchObject({ ok: true })
      expect(await dbB.applications.get(app.id)).toBeUndefined()
      expect((await dbB.meta.get('adoptQueue'))?.value).not.toContain(app.id)
    })
  })

  it('forgets what the server decided for good once the device has known it for the period, with its photos', async () => {
    const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
    const approved = await submitted()
    const returned = await submitted()
    await engine.runSync()
    await approveThrough(server, reviewerToken, approved.id)
    await returnOnServer(returned.id, [{ kind: 'field', ref: 'person.mobile' }])
    await engine.runSync()
    expect(await db.applications.get(approved.id)).toMatchObject({ status: 'approved', syncState: 'synced' })
    // A photo retaken while the approved one was being pushed, kept with its unsent edit: it goes too.
    const { app: unsent, files: [retaken] } = withRealFiles({ ...approved, attachments: [{ ...approved.attachments[0]!, id: uuidv7() }] } as ApplicationInput)
    await db.attachments.add({ ...retaken!, uploaded: false })
    await db.applications.update(approved.id, { supersededEdit: { data: unsent, kind: 'edit', editedAt: TODAY, supersededAt: TODAY } })
    const photos = [...approved.attachments.map(a => a.id), retaken!.id]
    expect(await db.attachments.bulkGet(photos)).not.toContain(undefined)

    // 29 days on it is still there; 31 days on it is gone with its photos. The returned one stays.
    const later = (days: number) => createSyncEngine({ db, transport: transportFor(agent.token), locks: null, now: () => new Date(Date.now() + days * 86_400_000) })
    await later(29).runSync()
    expect(await db.applications.get(approved.id)).toBeDefined()
    expect(await later(31).runSync()).toMatchObject({ ok: true })
    expect(await db.applications.get(approved.id)).toBeUndefined()
    expect((await db.attachments.bulkGet(photos)).every(a => a === undefined)).toBe(true)
    expect(await db.applications.get(returned.id)).toMatchObject({ status: 'returned' })
    expect(await db.attachments.bulkGet(returned.attachments.map(a => a.id))).not.toContain(undefined)
    // The server keeps it, of course.
    expect(await serverRows(approved.id)).toEqual([expect.objectContaining({ status: 'approved' })])
  })

  it('keeps the local edit and the server copy side by side on a conflict', async () => {
    const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
    const app = await submitted()
    await engine.runSync()
    await reviewAction(server, reviewerToken, app.id, 'start_review', 1)
    await reviewAction(server, reviewerToken, app.id, 'return', 2, { items: [{ kind: 'field', ref: 'person.mobile' }] })
    await engine.runSync()
    // The reviewer changes the return again (version 4) before the device's resubmission lands.
    await server.database.db.updateTable('applications').set({ version: 4, return_items: JSON.stringify([{ kind: 'field', ref: 'person.email' }]) }).where('id', '=', app.id).execute()

    const edited = { ...app, person: { ...(app as { person: object }).person, mobile: '13911112222' } } as ApplicationInput
    expect((await saveDraft(db, edited)).ok).toBe(true)
    expect((await resubmit(db, app.id, { today: TODAY })).ok).toBe(true)
    expect(await engine.runSync()).toMatchObject({ ok: true, conflicts: 1 })

    const local = await db.applications.get(app.id)
    expect(local).toMatchObject({ syncState: 'conflict', data: { person: { mobile: '13911112222' } }, serverCopy: { version: 4, status: 'returned', returnItems: [{ kind: 'field', ref: 'person.email' }] } })
    expect(await db.outbox.where('applicationId').equals(app.id).count()).toBe(1)
  })

  describe('after a conflict, the server copy follows the server until the agent acts', () => {
    /** A withdrawal made offline while a reviewer took the application into review: a conflict. */
    async function withdrawalInConflict(engine: ReturnType<typeof createSyncEngine>): Promise<ApplicationInput> {
      const app = await submitted()
      await engine.runSync()
      expect((await withdraw(db, app.id)).ok).toBe(true)
      expect((await reviewAction(server, reviewerToken, app.id, 'start_review', 1)).status).toBe(200)
      expect(await engine.runSync()).toMatchObject({ ok: true, conflicts: 1 })
      expect(await db.applications.get(app.id)).toMatchObject({ syncState: 'conflict', serverCopy: { status: 'in_review', version: 2 } })
      return app
    }

    it('shows a later return in the copy, and the withdrawal redone on it is applied', async () => {
      const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
      const app = await withdrawalInConflict(engine)
      const items = [{ kind: 'field', ref: 'person.mobile', note: '号码停机' }]
      expect((await reviewAction(server, reviewerToken, app.id, 'return', 2, { items, comment: '请核实' })).status).toBe(200)
      await engine.runSync()
      // The local record keeps its own facts and its set-aside mutation; the copy is current.
      const local = await db.applications.get(app.id)
      expect(local).toMatchObject({ syncState: 'conflict', status: 'submitted', serverVersion: 1, serverCopy: { status: 'returned', version: 3, returnItems: items, decisionNote: '请核实' } })
      expect(await db.outbox.where('applicationId').equals(app.id).count()).toBe(1)

      // Redone on the server's version: it supersedes the set-aside one and lands.
      expect((await withdraw(db, app.id)).ok).toBe(true)
      expect(await engine.runSync()).toMatchObject({ ok: true, synced: 1, conflicts: 0 })
      expect(await db.applications.get(app.id)).toMatchObject({ syncState: 'synced', status: 'withdrawn', serverVersion: 4, serverCopy: null })
      expect(await db.outbox.count()).toBe(0)
      expect(await serverRows(app.id)).toEqual([expect.objectContaining({ status: 'withdrawn', version: 4 })])
    })

    it('takes the server\'s side when the agent chooses: synced at the server\'s state, the edit kept, later changes applied', async () => {
      const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
      const app = await withdrawalInConflict(engine)
      const result = await acceptServerCopy(db, app.id)
      expect(result.ok).toBe(true)
      const local = await db.applications.get(app.id)
      expect(local).toMatchObject({ syncState: 'synced', status: 'in_review', serverVersion: 2, serverCopy: null, supersededEdit: { kind: 'withdraw', data: app } })
      expect(await db.outbox.count()).toBe(0)
      // Nothing is sent for it; the approval then reaches the device as for any synced record.
      expect((await reviewAction(server, reviewerToken, app.id, 'approve', 2, {})).status).toBe(200)
      expect(await engine.runSync()).toMatchObject({ ok: true, pushed: 0 })
      expect(await db.applications.get(app.id)).toMatchObject({ syncState: 'synced', status: 'approved', memberNo: expect.any(String) })
    })

    it('refuses to take the server\'s side of a record that is not in conflict, or has a mutation still to send', async () => {
      const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
      const app = await withdrawalInConflict(engine)
      const other = await submitted()
      expect(await acceptServerCopy(db, other.id)).toMatchObject({ ok: false, issues: [{ code: 'sync.no_conflict' }] })
      // A pending withdrawal (queued again) could still be applied: nothing changes.
      await db.outbox.where('applicationId').equals(app.id).modify({ setAsideAt: null })
      expect(await acceptServerCopy(db, app.id)).toMatchObject({ ok: false })
      expect(await db.applications.get(app.id)).toMatchObject({ syncState: 'conflict' })
    })
  })

  it('leaves everything as it was when the network is down, and says whether the device had one', async () => {
    const app = await submitted()
    const offline: SyncTransport = {
      push: () => Promise.reject(new TypeError('Failed to fetch')),
      pull: () => Promise.reject(new TypeError('Failed to fetch')),
      uploadAttachment: () => Promise.reject(new TypeError('Failed to fetch')),
      headAttachment: () => Promise.reject(new TypeError('Failed to fetch')),
      fetchApplication: () => Promise.reject(new TypeError('Failed to fetch')),
    }
    const before = await db.outbox.toArray()
    const lastSuccess = (await db.meta.get('lastSyncAt'))?.value
    expect(lastSuccess).toEqual(expect.any(String))
    const later = () => new Date(Date.now() + 60_000)

    // No network at all: the remedy is a network.
    const outcome = await createSyncEngine({ db, transport: offline, locks: null, now: later, isOnline: () => false }).runSync()
    expect(outcome).toEqual({ ok: false, error: 'Failed to fetch', code: 'sync.offline' })
    expect((await db.meta.get('lastSyncError'))?.value).toBe('sync.offline')
    // A network, but the server refused the connection: waiting for a network would not help.
    expect(await createSyncEngine({ db, transport: offline, locks: null, now: later, isOnline: () => true }).runSync()).toEqual({ ok: false, error: 'Failed to fetch', code: 'sync.unreachable' })
    expect((await db.meta.get('lastSyncError'))?.value).toBe('sync.unreachable')

    expect(await db.outbox.toArray()).toEqual(before)
    expect(await db.applications.get(app.id)).toMatchObject({ status: 'queued', syncState: 'queued', data: app })
    expect(await db.attachments.count()).toBe(app.attachments.length)
    // 上次同步 is the last sync that succeeded, not the failed attempts since.
    expect((await db.meta.get('lastSyncAt'))?.value).toBe(lastSuccess)
  })

  it('gives up a push left unanswered (a stalled connection) instead of waiting for ever: the record queued again, the retry one server record', async () => {
    const app = await submitted()
    // The server acts on the push, but its answer never comes back: the connection stalls.
    let stalls = 1
    const stalling = (async (input: string, init: RequestInit = {}) => {
      const answer = server.request(input, init) as Promise<Response>
      if (!input.startsWith('/api/sync/push') || stalls-- <= 0)
        return answer
      await answer
      return new Promise<Response>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal!.reason)))
    }) as typeof fetch
    const transport = createFetchTransport({ baseUrl: '', getToken: () => agent.token, getUnsyncedCount: () => unsyncedCount(db), fetch: stalling, timeoutMs: 50 })
    const engine = createSyncEngine({ db, transport, locks: null, isOnline: () => true })

    expect(await engine.runSync()).toMatchObject({ ok: false, code: 'sync.unreachable' })
    expect(await db.applications.get(app.id)).toMatchObject({ syncState: 'queued', status: 'queued' })
    expect(await db.outbox.count()).toBe(1)

    expect(await engine.runSync()).toMatchObject({ ok: true })
    expect(await db.applications.get(app.id)).toMatchObject({ syncState: 'synced', status: 'submitted' })
    expect(await db.outbox.count()).toBe(0)
    expect(await serverRows(app.id)).toEqual([{ status: 'submitted', version: 1, attachments_complete: 1 }])
  })

  it('sends exactly what it marked: an edit while the push is under way is refused, not lost', async () => {
    const real = transportFor(agent.token)
    let attempted: Awaited<ReturnType<typeof saveDraft>> | null = null
    const app = await submitted()
    const editing: SyncTransport = {
      ...real,
      push: async (body) => {
        attempted = await saveDraft(db, { ...app, person: { ...(app as { person: object }).person, mobile: '13911112222' } } as ApplicationInput)
        return real.push(body)
      },
    }
    expect(await createSyncEngine({ db, transport: editing, locks: null }).runSync()).toMatchObject({ ok: true, synced: 1 })
    expect(attempted).toMatchObject({ ok: false, issues: [{ code: 'sync.in_flight' }] })
    const local = await db.applications.get(app.id)
    expect(local).toMatchObject({ syncState: 'synced' })
    expect((local!.data as { person: { mobile: string } }).person.mobile).toBe((app as { person: { mobile: string } }).person.mobile)
  })

  describe('an edit refused while its record was in flight, and held (as the wizard holds it)', () => {
    /** A transport whose push first tries the edit, as an agent typing at that moment would. */
    function editingDuringPush(edited: ApplicationInput, files: NewAttachment[] = []): SyncTransport {
      const real = transportFor(agent.token)
      return {
        ...real,
        push: async (body) => {
          expect(await saveDraft(db, edited, files)).toMatchObject({ ok: false, issues: [{ code: 'sync.in_flight' }] })
          expect((await heldEditOf(db, edited.id))?.data).toEqual(edited)
          return real.push(body)
        },
      }
    }

    it('is saved by the sync once the push is over, with no wizard open (the app was closed meanwhile)', async () => {
      const first = await submitted()
      await createSyncEngine({ db, transport: transportFor(agent.token), locks: null }).runSync()
      // Under a receipt number the server has already: refused, so the record stays the agent's to fix.
      const { app, files } = withRealFiles({ ...agentApplication(agent, ++seq, { person: applicantOf(seq) }), id: uuidv7(), receiptNo: first.receiptNo } as ApplicationInput)
      await saveDraft(db, app, files)
      expect((await submit(db, app.id, { today: TODAY })).ok).toBe(true)
      // The occupation typed, and the back of the ID card taken again.
      const back = app.attachments.find(a => a.kind === 'id_back')!
      const { app: withRetaken, files: [retaken] } = withRealFiles({ ...app, attachments: [{ ...back, id: uuidv7() }] } as ApplicationInput)
      const edited = { ...app, person: { ...(app as { person: object }).person, occupation: '教师' }, attachments: [...app.attachments.filter(a => a !== back), withRetaken.attachments[0]!] } as ApplicationInput

      await createSyncEngine({ db, transport: editingDuringPush(edited, [retaken!]), locks: null }).runSync()
      const local = await db.applications.get(app.id)
      expect(local).toMatchObject({ status: 'queued', syncState: 'rejected', issues: [expect.objectContaining({ code: 'receipt.duplicate' })] })
      expect(local!.data).toHaveProperty('person.occupation', '教师')
      expect(local!.data.attachments.map(a => a.id)).toEqual(expect.arrayContaining([retaken!.id]))
      expect(local!.data.attachments.map(a => a.id)).not.toContain(back.id)
      expect(await db.attachments.get(retaken!.id)).toMatchObject({ sha256: retaken!.sha256 })
      expect(await heldEditOf(db, app.id)).toBeUndefined()
    })

    it('is not saved when the push was applied (the record as the server took it) but kept on the record, not dropped', async () => {
      const app = await submitted()
      const edited = { ...app, person: { ...(app as { person: object }).person, occupation: '教师' } } as ApplicationInput
      expect(await createSyncEngine({ db, transport: editingDuringPush(edited), locks: null }).runSync()).toMatchObject({ ok: true, synced: 1 })
      const local = await db.applications.get(app.id)
      expect(local).toMatchObject({ status: 'submitted', syncState: 'synced' })
      expect(local!.data).not.toHaveProperty('person.occupation', '教师')
      expect(local!.supersededEdit).toMatchObject({ kind: 'edit', data: { person: { occupation: '教师' } } })
      expect(await heldEditOf(db, app.id)).toBeUndefined()
      expect(await saveHeldEdits(db)).toEqual({ saved: [], refused: [] })
    })

    it('keeps what the form typed after the hold (keepUnsavedEdit), whichever of the two comes first, and the sync never puts the older held copy back', async () => {
      const app = await submitted()
      const held = { ...app, person: { ...(app as { person: object }).person, occupation: '教师' } } as ApplicationInput
      const later = { ...app, person: { ...(app as { person: object }).person, occupation: '医生' } } as ApplicationInput
      // The sync keeps the held copy first, then the form's refused save keeps its newer draft.
      await createSyncEngine({ db, transport: editingDuringPush(held), locks: null }).runSync()
      expect((await db.applications.get(app.id))!.supersededEdit).toMatchObject({ data: { person: { occupation: '教师' } } })
      await keepUnsavedEdit(db, later)
      expect((await db.applications.get(app.id))!.supersededEdit).toMatchObject({ kind: 'edit', data: { person: { occupation: '医生' } } })

      // The form first, before the sync stored the push's answers: the held copy goes with it,
      // so the sync finds nothing older to keep.
      const other = await submitted()
      const real = transportFor(agent.token)
      const formFirst: SyncTransport = {
        ...real,
        push: async (body) => {
          await holdEdit(db, { ...other, person: { ...(other as { person: object }).person, occupation: '教师' } } as ApplicationInput)
          const answer = await real.push(body)
          await keepUnsavedEdit(db, { ...other, person: { ...(other as { person: object }).person, occupation: '医生' } } as ApplicationInput)
          return answer
        },
      }
      await createSyncEngine({ db, transport: formFirst, locks: null }).runSync()
      expect(await heldEditOf(db, other.id)).toBeUndefined()
      expect(await db.applications.get(other.id)).toMatchObject({ status: 'submitted', syncState: 'synced', supersededEdit: { data: { person: { occupation: '医生' } } } })
    })

    it('never overwrites a later save with the older held copy', async () => {
      const first = await submitted()
      await createSyncEngine({ db, transport: transportFor(agent.token), locks: null }).runSync()
      const { app, files } = withRealFiles({ ...agentApplication(agent, ++seq, { person: applicantOf(seq) }), id: uuidv7(), receiptNo: first.receiptNo } as ApplicationInput)
      await saveDraft(db, app, files)
      expect((await submit(db, app.id, { today: TODAY })).ok).toBe(true)
      await holdEdit(db, { ...app, person: { ...(app as { person: object }).person, occupation: '教师' } } as ApplicationInput)
      // Saved again after the hold (the wizard's own retry, with what was typed since): the hold is spent.
      expect((await saveDraft(db, { ...app, person: { ...(app as { person: object }).person, occupation: '医生' } } as ApplicationInput)).ok).toBe(true)
      expect(await heldEditOf(db, app.id)).toBeUndefined()
      expect(await saveHeldEdits(db)).toEqual({ saved: [], refused: [] })
      expect((await db.applications.get(app.id))!.data).toHaveProperty('person.occupation', '医生')
    })
  })

  it('refuses a withdrawal or a second resubmission while the resubmission is in flight (another tab), and shows the record synced only once nothing waits', async () => {
    const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
    const app = await submitted()
    await engine.runSync()
    await returnOnServer(app.id, [{ kind: 'field', ref: 'person.mobile' }])
    await engine.runSync()
    const fixed = { ...app, person: { ...(app as { person: object }).person, mobile: '13911112222' } } as ApplicationInput
    expect((await saveDraft(db, fixed)).ok).toBe(true)
    expect((await resubmit(db, app.id, { today: TODAY })).ok).toBe(true)

    const real = transportFor(agent.token)
    const attempts: Array<Awaited<ReturnType<typeof withdraw>>> = []
    let pushes = 0
    const otherTabActs: SyncTransport = {
      ...real,
      push: async (body) => {
        if (pushes++ > 0)
          throw new TypeError('Failed to fetch')
        // Another tab's screen still shows the record returned: the agent taps again.
        attempts.push(await withdraw(db, app.id), await resubmit(db, app.id, { today: TODAY }))
        return real.push(body)
      },
    }
    await createSyncEngine({ db, transport: otherTabActs, locks: null }).runSync()
    expect(attempts).toEqual([
      expect.objectContaining({ ok: false, issues: [expect.objectContaining({ code: 'sync.busy' })] }),
      expect.objectContaining({ ok: false, issues: [expect.objectContaining({ code: 'sync.busy' })] }),
    ])
    expect(await db.outbox.count()).toBe(0)
    expect(await db.applications.get(app.id)).toMatchObject({ status: 'submitted', syncState: 'synced', serverVersion: 4 })
    // Once the answer is stored, the withdrawal is made on the version the server holds.
    expect((await withdraw(db, app.id)).ok).toBe(true)
    expect(await engine.runSync()).toMatchObject({ ok: true, synced: 1, conflicts: 0 })
    expect(await serverRows(app.id)).toEqual([expect.objectContaining({ status: 'withdrawn', version: 5 })])
  })

  it('sends a resubmission edited again and resubmitted again before it left as one mutation with the last edit, not a conflict', async () => {
    const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
    const app = await submitted()
    await engine.runSync()
    await returnOnServer(app.id, [{ kind: 'field', ref: 'person.mobile' }])
    await engine.runSync()
    const person = (app as { person: object }).person
    // Offline: fixed and resubmitted, then corrected once more in the wizard and resubmitted again.
    expect((await saveDraft(db, { ...app, person: { ...person, mobile: '13911112222' } } as ApplicationInput)).ok).toBe(true)
    expect((await resubmit(db, app.id, { today: TODAY })).ok).toBe(true)
    expect((await saveDraft(db, { ...app, person: { ...person, mobile: '13933334444' } } as ApplicationInput)).ok).toBe(true)
    expect((await resubmit(db, app.id, { today: TODAY })).ok).toBe(true)
    expect(await db.outbox.where('applicationId').equals(app.id).count()).toBe(1)

    expect(await engine.runSync()).toMatchObject({ ok: true, synced: 1, conflicts: 0 })
    expect(await db.applications.get(app.id)).toMatchObject({ status: 'submitted', syncState: 'synced', serverVersion: 4, serverCopy: null })
    const held = await serverCopyOf(app.id)
    expect(held).toMatchObject({ version: 4, application: { person: { mobile: '13933334444' } } })
  })

  it('runs one sync at a time: a second call joins the running one', async () => {
    const engine = createSyncEngine({ db, transport: transportFor(agent.token), locks: null })
    await submitted()
    const [first, second] = [engine.runSync(), engine.runSync()]
    expect(first).toBe(second)
    expect(await first).toMatchObject({ ok: true, pushed: 1 })
  })

  it('wipes the local database when the server says the device is revoked, counting the unsynced work it erased', async () => {
    const app = await submitted()
    const name = db.name
    await server.database.db.updateTable('devices').set({ revoked_at: server.clock.now().toISOString() }).where('id', '=', agent.deviceId).execute()
    // A second application the server never received (its push is what hears of the revocation).
    await submitted()
    let told: number | null = null
    const outcome = await createSyncEngine({ db, transport: transportFor(agent.token), locks: null, onWiped: (erased) => {
      told = erased
    } }).runSync()
    expect(outcome).toEqual({ ok: false, wiped: true, erasedUnsynced: 2 })
    expect(told).toBe(2)
    const reopened = new FieldDb(name, { indexedDB, IDBKeyRange })
    expect(await reopened.applications.get(app.id)).toBeUndefined()
    await reopened.delete()
    db = new FieldDb(`field-enrol-test-${randomUUID()}`, { indexedDB, IDBKeyRange }) // for afterEach
  })
})
