import type { Fetcher } from '../../../client/src/field/sync/sync-transport'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { randomUUID } from 'node:crypto'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { saveDraft, submit } from '../../../client/src/field/storage/applications.repository'
import { FieldDb } from '../../../client/src/field/storage/field-db'
import { createSyncEngine } from '../../../client/src/field/sync/sync-engine'
import { createFetchTransport } from '../../../client/src/field/sync/sync-transport'
import { TODAY } from '../../fixtures/applications'
import { withRealFiles } from '../../support/real-files'
import { applicantOf } from '../../support/review-fixtures'
import { agentApplication, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * A sync run cancelled because its agent signed out (the transport's signal, aborted by the
 * sync store): the push on its way was applied by the server, but its answer never reached
 * the device. The run stops there, sending nothing more; the mutation stays in the outbox,
 * and the next run's retry is answered for the one application the server holds.
 */

describe('a sync run cancelled at sign-out (sqlite)', () => {
  let server: TestServer
  let agent: SignedInAgent
  let db: FieldDb

  /** The browser's fetch as far as the signal goes: it gives up when aborted, answered or not. */
  function fetcher(onRequest: (path: string, signal: AbortSignal) => Promise<void> = async () => {}): Fetcher {
    return async (path, init) => {
      const response = await server.request(path, init)
      await onRequest(path, init.signal!)
      init.signal!.throwIfAborted()
      return response as unknown as Response
    }
  }

  // The transport takes a fetch by its path, as the app's (appLanguageFetch) is.
  const transport = (send: Fetcher, signal?: AbortSignal) => createFetchTransport({ baseUrl: '', fetch: send as typeof fetch, getToken: () => agent.token, getUnsyncedCount: () => 0, ...(signal ? { signal } : {}) })

  beforeAll(async () => {
    server = await createTestServer('sqlite')
    await server.createStaff('agent.cancel', 'field_agent', [SYNC_SITE_ID])
    agent = await server.signIn('agent.cancel')
  })
  beforeEach(async () => {
    db = new FieldDb(`field-enrol-test-${randomUUID()}`, { indexedDB, IDBKeyRange })
    expect(await createSyncEngine({ db, transport: transport(fetcher()), locks: null }).runSync()).toMatchObject({ ok: true })
  })
  afterEach(() => db.delete())
  afterAll(() => server.dispose())

  it('keeps a push whose answer was lost queued, sends nothing after it, and the retry finds the one application', async () => {
    const { app, files } = withRealFiles(agentApplication(agent, 1, { person: applicantOf(1) }))
    await saveDraft(db, app, files)
    expect((await submit(db, app.id, { today: TODAY })).ok).toBe(true)

    const signOut = new AbortController()
    const sentAfterCancel: string[] = []
    const cancelling = fetcher(async (path, signal) => {
      if (signal.aborted)
        sentAfterCancel.push(path)
      // The server applied the push; the agent signs out before its answer arrives.
      if (path === '/api/sync/push')
        signOut.abort()
    })
    const outcome = await createSyncEngine({ db, transport: transport(cancelling, signOut.signal), locks: null }).runSync()

    expect(outcome).toMatchObject({ ok: false })
    expect(sentAfterCancel).toEqual([])
    const rows = await server.database.db.selectFrom('applications').select(['status', 'version']).where('id', '=', app.id).execute()
    expect(rows).toEqual([{ status: 'submitted', version: 1 }])
    // Unanswered: still to be sent, and not said to be synced; a cancel is no sync error.
    expect(await db.outbox.where('applicationId').equals(app.id).count()).toBe(1)
    expect((await db.applications.get(app.id))?.syncState).toBe('queued')
    expect((await db.meta.get('lastSyncError'))?.value).toBeNull()

    expect(await createSyncEngine({ db, transport: transport(fetcher()), locks: null }).runSync()).toMatchObject({ ok: true, pushed: 1, synced: 1 })
    expect(await db.outbox.count()).toBe(0)
    expect(await db.applications.get(app.id)).toMatchObject({ syncState: 'synced', serverVersion: 1, status: 'submitted' })
    expect(await server.database.db.selectFrom('applications').select(['version']).where('id', '=', app.id).execute()).toEqual([{ version: 1 }])
  })
})
