import type { ApplicationInput } from '#shared/application/application.schema'
import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { FieldSession } from '../../../client/src/field/auth/session.store'
import type { SyncTransport } from '../../../client/src/field/sync/sync-transport'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { randomUUID } from 'node:crypto'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useSessionStore } from '../../../client/src/field/auth/session.store'
import { useEnrolFormState } from '../../../client/src/field/enrol/use-enrol-form'
import { saveDraft, submit } from '../../../client/src/field/storage/applications.repository'
import { FieldDb } from '../../../client/src/field/storage/field-db'
import { useFieldDataStore } from '../../../client/src/field/stores/field-data.store'
import { createSyncEngine } from '../../../client/src/field/sync/sync-engine'
import { createTransport } from '../../../client/src/field/sync/sync-transport'
import { TODAY } from '../../fixtures/applications'
import { withRealFiles } from '../../support/real-files'
import { applicantOf, reviewAction } from '../../support/review-fixtures'
import { agentApplication, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * The enrolment form on an application returned for its mobile (the form composable on a
 * real Dexie database in fake-indexeddb, synced with the real server in-process): the item
 * counts as answered when the number changed, not when the agent typed the same number
 * again another way (`+86`, spaces) — the returned data is as the server stored it, the
 * draft as typed, and both are compared as the rules store them.
 */

// The app's i18n module reads the browser's storage and page as it loads: the form only asks it for the language.
vi.mock('../../../client/src/i18n/i18n', () => ({ currentLocale: () => 'zh-CN' }))

describe('the enrolment form on a returned application (sqlite)', () => {
  let server: TestServer
  let agent: SignedInAgent
  let supervisor: SignedInAgent
  let db: FieldDb
  const scope = effectScope()

  const transport = (): SyncTransport => createTransport((path, init) => server.request(path, { ...init, token: agent.token }) as Promise<Response>)
  const sync = async () => expect(await createSyncEngine({ db, transport: transport(), locks: null }).runSync()).toMatchObject({ ok: true })

  beforeAll(async () => {
    server = await createTestServer('sqlite')
    await server.createStaff('agent.form', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    agent = await server.signIn('agent.form')
    supervisor = await server.signIn('supervisor.wu')
  })
  beforeEach(async () => {
    db = new FieldDb(`field-enrol-return-${randomUUID()}`, { indexedDB, IDBKeyRange })
    await sync()
    setActivePinia(createPinia())
    useSessionStore().session = { staff: { id: agent.staffId }, deviceId: agent.deviceId, deviceCode: agent.deviceCode, token: agent.token, tokenExpiresAt: null, mode: 'online', db } as unknown as FieldSession
  })
  afterEach(() => db.delete())
  afterAll(() => {
    scope.stop()
    return server.dispose()
  })

  it('marks the mobile item answered when the number changed, not when the same number is typed another way', async () => {
    const { app, files } = withRealFiles(agentApplication(agent, 1, { person: applicantOf(1) }) as ApplicationInput)
    expect((await saveDraft(db, app, files)).ok).toBe(true)
    expect(await submit(db, app.id, { today: TODAY })).toMatchObject({ ok: true })
    await sync()
    expect((await reviewAction(server, supervisor.token, app.id, 'start_review', 1)).status).toBe(200)
    const returned = await reviewAction(server, supervisor.token, app.id, 'return', 2, { items: [{ kind: 'field', ref: 'person.mobile', note: '请核实手机号码' }], comment: '请核实' })
    expect(returned.status).toBe(200)
    await sync()
    expect(await db.applications.get(app.id)).toMatchObject({ status: 'returned' })

    const form = scope.run(() => useEnrolFormState(app.id))!
    await form.load()
    // The programme settings from the device's database (in the app a live query brings them to the store).
    const settings = (await db.reference.get('programme'))?.value as ProgrammeSettings | undefined
    expect(settings).toBeDefined()
    useFieldDataStore().programme = settings!
    const untouchedRefs = () => form.untouchedItems.value?.map(item => item.ref)
    expect(untouchedRefs()).toEqual(['person.mobile'])

    const mobile = applicantOf(1).mobile
    form.set('person.mobile', `+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`)
    expect(untouchedRefs()).toEqual(['person.mobile'])
    form.set('person.mobile', '13722223333')
    expect(untouchedRefs()).toEqual([])
    // Saved before the form is left, so nothing is still writing when the database goes.
    expect(await form.save()).toBe(true)
    form.dispose()
  })
})
