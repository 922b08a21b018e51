import type { ApplicationInput } from '#shared/application/application.schema'
import type { FieldSession } from '../../../client/src/field/auth/session.store'
import type { SyncTransport } from '../../../client/src/field/sync/sync-transport'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { randomBytes, randomUUID } from 'node:crypto'
import { formatMessage } from '#shared/errors/format-issue'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { createPinia, setActivePinia } from 'pinia'
import { uuidv7 } from 'uuidv7'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { hasUnsavedInput, markSaved } from '../../../client/src/app/pwa/unsaved-input'
import { useSessionStore } from '../../../client/src/field/auth/session.store'
import { useEnrolFormState } from '../../../client/src/field/enrol/use-enrol-form'
import { discardAttachment, heldEditOf, saveDraft, submit } from '../../../client/src/field/storage/applications.repository'
import { FieldDb } from '../../../client/src/field/storage/field-db'
import { createSyncEngine } from '../../../client/src/field/sync/sync-engine'
import { createTransport } from '../../../client/src/field/sync/sync-transport'
import { TODAY } from '../../fixtures/applications'
import { MAGIC, withRealFiles } from '../../support/real-files'
import { applicantOf } from '../../support/review-fixtures'
import { agentApplication, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * The enrolment form while its record is being synced (the form composable on a real Dexie
 * database in fake-indexeddb, the sync engine against the real server in-process): a change
 * refused because the record is in flight is kept and saved by itself once the push is over,
 * and when the push took the record for good the form says the change was not saved.
 */

// The app's i18n module reads the browser's storage and page as it loads: the form only asks it for the language.
vi.mock('../../../client/src/i18n/i18n', () => ({ currentLocale: () => 'zh-CN' }))

describe('the enrolment form while its record syncs (sqlite)', () => {
  let server: TestServer
  let agent: SignedInAgent
  let db: FieldDb
  let seq = 500
  const scope = effectScope()

  function transportFor(token: string): SyncTransport {
    return createTransport((path, init) => server.request(path, { ...init, token }) as Promise<Response>)
  }

  /** A transport whose push waits for `release()`: the record stays `syncing` meanwhile. */
  function heldPush(answer: 'server' | 'network_error' = 'server') {
    const real = transportFor(agent.token)
    let release!: () => void
    let pushing!: () => void
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const started = new Promise<void>((resolve) => {
      pushing = resolve
    })
    const transport: SyncTransport = {
      ...real,
      push: async (body) => {
        pushing()
        await gate
        if (answer === 'network_error')
          throw new TypeError('Failed to fetch')
        return real.push(body)
      },
    }
    return { transport, release, started }
  }

  async function queuedOnDevice(overrides: Partial<ApplicationInput> = {}): Promise<ApplicationInput> {
    const { app, files } = withRealFiles({ ...agentApplication(agent, ++seq, { person: applicantOf(seq) }), ...overrides } as ApplicationInput)
    expect((await saveDraft(db, app, files)).ok).toBe(true)
    expect(await submit(db, app.id, { today: TODAY })).toMatchObject({ ok: true })
    return app
  }

  async function openForm(id: string) {
    const form = scope.run(() => useEnrolFormState(id))!
    await form.load()
    expect(form.editable.value).toBe(true)
    return form
  }

  /**
   * A queued application under a receipt number the server has already (it will refuse it as
   * receipt.duplicate, so the record stays editable after the push), open in the form while
   * its push waits for `release()`.
   */
  async function openDuringRefusedPush() {
    const first = await queuedOnDevice()
    await createSyncEngine({ db, transport: transportFor(agent.token), locks: null }).runSync()
    const app = await queuedOnDevice({ id: uuidv7(), receiptNo: first.receiptNo })
    const form = await openForm(app.id)
    const { transport, release, started } = heldPush()
    const run = createSyncEngine({ db, transport, locks: null }).runSync()
    await started
    return { app, form, release, run }
  }

  beforeAll(async () => {
    server = await createTestServer('sqlite')
    await server.createStaff('agent.form', 'field_agent', [SYNC_SITE_ID])
    agent = await server.signIn('agent.form')
  })
  beforeEach(async () => {
    db = new FieldDb(`field-enrol-form-${randomUUID()}`, { indexedDB, IDBKeyRange })
    expect(await createSyncEngine({ db, transport: transportFor(agent.token), locks: null }).runSync()).toMatchObject({ ok: true })
    setActivePinia(createPinia())
    useSessionStore().session = { staff: { id: agent.staffId }, deviceId: agent.deviceId, deviceCode: agent.deviceCode, token: agent.token, tokenExpiresAt: null, mode: 'online', db } as unknown as FieldSession
    markSaved('enrol')
  })
  afterEach(() => db.delete())
  afterAll(() => {
    scope.stop()
    return server.dispose()
  })

  it('saves a change refused during the push once the push is over (here the server refused the record, so it stays editable)', async () => {
    const { app, form, release, run } = await openDuringRefusedPush()

    form.set('person.occupation', '教师')
    expect(await form.save()).toBe(false)
    expect(form.heldBySync.value).toBe(true)
    expect(form.saveError.value).toBe(formatMessage('sync.in_flight', undefined, 'zh-CN'))
    expect(hasUnsavedInput()).toBe(true)
    expect((await db.applications.get(app.id))!.data).not.toHaveProperty('person.occupation', '教师')
    // Kept on the device beside the record, not in it: the app may be closed meanwhile.
    expect((await heldEditOf(db, app.id))!.data).toHaveProperty('person.occupation', '教师')
    // Stored on the device: once the form is left, it no longer holds an app update back.
    form.dispose()
    expect(hasUnsavedInput()).toBe(false)
    // Opened again (the app closed and reopened), the wizard shows the held change, not the older record.
    const reopened = scope.run(() => useEnrolFormState(app.id))!
    await reopened.load()
    expect(reopened.draft.value).toHaveProperty('person.occupation', '教师')

    release()
    await run
    expect(await db.applications.get(app.id)).toMatchObject({ status: 'queued', syncState: 'rejected' })
    await vi.waitFor(() => expect(form.heldBySync.value).toBe(false), { timeout: 3000 })
    expect((await db.applications.get(app.id))!.data).toHaveProperty('person.occupation', '教师')
    expect(await heldEditOf(db, app.id)).toBeUndefined()
    expect(form.saveError.value).toBeNull()
    expect(form.editNotSaved.value).toBe(false)
    expect(hasUnsavedInput()).toBe(false)
  })

  it('holds a photo retaken while the push is under way with the change: stored at once, named by the record once the push is over', async () => {
    const { app, form, release, run } = await openDuringRefusedPush()

    const replaced = form.draft.value!.attachments.find(a => a.kind === 'id_back')!
    const photo = new Blob([Buffer.concat([Buffer.from(MAGIC['image/jpeg']!), randomBytes(700)])], { type: 'image/jpeg' })
    const id = await form.addAttachment('id_back', photo, replaced.id)
    expect(id).not.toBeNull()
    expect(form.heldBySync.value).toBe(true)
    expect(form.draft.value!.attachments.map(a => a.id)).toEqual(expect.arrayContaining([id]))
    // The file is on the device now; the held change names it, the record (being sent) does not yet.
    expect(await db.attachments.get(id!)).toMatchObject({ kind: 'id_back', size: photo.size, uploaded: false })
    const held = (await heldEditOf(db, app.id))!.data.attachments.map(a => a.id)
    expect(held).toContain(id)
    expect(held).not.toContain(replaced.id)
    expect((await db.applications.get(app.id))!.data.attachments.map(a => a.id)).toContain(replaced.id)
    expect(await discardAttachment(db, id!)).toBe(false)

    release()
    await run
    await vi.waitFor(() => expect(form.heldBySync.value).toBe(false), { timeout: 3000 })
    const stored = (await db.applications.get(app.id))!.data.attachments.map(a => a.id)
    expect(stored).toContain(id)
    expect(stored).not.toContain(replaced.id)
    expect(await db.attachments.get(id!)).toBeDefined()
    expect(await heldEditOf(db, app.id)).toBeUndefined()
    expect(hasUnsavedInput()).toBe(false)
  })

  it('holds nothing, and says nothing, for a save that changes nothing (the wizard opened on a record being pushed)', async () => {
    const app = await queuedOnDevice()
    const form = await openForm(app.id)
    const { transport, release, started } = heldPush()
    const run = createSyncEngine({ db, transport, locks: null }).runSync()
    await started
    expect(await form.save()).toBe(true)
    expect(form.heldBySync.value).toBe(false)
    expect(form.saveError.value).toBeNull()
    expect(hasUnsavedInput()).toBe(false)
    expect(await heldEditOf(db, app.id)).toBeUndefined()
    // The form stays open for typing (it took the record as it is, syncing, and must not lock on it).
    expect(form.editable.value).toBe(true)
    release()
    await run
    expect(form.editNotSaved.value).toBe(false)
    expect((await db.applications.get(app.id))!.supersededEdit).toBeUndefined()
  })

  it('keeps holding the change while the push waits for an answer, and says it was not saved once the server took the record as sent', async () => {
    const app = await queuedOnDevice()
    const form = await openForm(app.id)
    const lost = heldPush('network_error')
    const run = createSyncEngine({ db, transport: lost.transport, locks: null }).runSync()
    await lost.started
    form.set('person.occupation', '教师')
    expect(await form.save()).toBe(false)
    lost.release()
    expect(await run).toMatchObject({ ok: false, code: 'sync.unreachable' })
    // Sent without an answer: the server may hold it already, so the change still waits.
    await new Promise(resolve => setTimeout(resolve, 1200))
    expect(form.heldBySync.value).toBe(true)
    expect(hasUnsavedInput()).toBe(true)

    expect(await createSyncEngine({ db, transport: transportFor(agent.token), locks: null }).runSync()).toMatchObject({ ok: true, synced: 1 })
    // Both together: the form marks the edit unsaveable, reads the record the server took, then says so.
    await vi.waitFor(() => {
      expect(form.editNotSaved.value).toBe(true)
      expect(form.saveError.value).toBe(formatMessage('sync.edit_not_saved', undefined, 'zh-CN'))
    }, { timeout: 3000 })
    expect(form.heldBySync.value).toBe(false)
    expect(form.editable.value).toBe(false)
    expect(hasUnsavedInput()).toBe(true)
    expect((await db.applications.get(app.id))!.data).not.toHaveProperty('person.occupation', '教师')
    // Left (after being asked): nothing the form holds can be saved any more, so an app update may go ahead.
    form.dispose()
    expect(hasUnsavedInput()).toBe(false)
  })
})
