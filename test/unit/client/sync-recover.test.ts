import type { SyncTransport } from '../../../client/src/field/sync/sync-transport'
import { randomUUID } from 'node:crypto'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { saveDraft, submit } from '../../../client/src/field/storage/applications.repository'
import { FieldDb } from '../../../client/src/field/storage/field-db'
import { createSyncEngine } from '../../../client/src/field/sync/sync-engine'
import { makeIndividual, SITE_ID, TODAY } from '../../fixtures/applications'

/** A transport that never answers: recovery must not need the server. */
const unreachable: SyncTransport = {
  push: () => Promise.reject(new TypeError('Failed to fetch')),
  pull: () => Promise.reject(new TypeError('Failed to fetch')),
  uploadAttachment: () => Promise.reject(new TypeError('Failed to fetch')),
  headAttachment: () => Promise.reject(new TypeError('Failed to fetch')),
  fetchApplication: () => Promise.reject(new TypeError('Failed to fetch')),
}

/** A Web Locks stand-in whose lock is held by "another tab" while `held` is true. */
function fakeLocks(held: { value: boolean }) {
  return {
    request: (async (_name: string, ...rest: unknown[]) => {
      const callback = rest.at(-1) as (lock: unknown) => Promise<unknown>
      const ifAvailable = rest.length === 2
      if (ifAvailable && held.value)
        return callback(null)
      return callback({ name: _name })
    }) as never,
  }
}

describe('sync engine recovery at start-up', () => {
  let db: FieldDb
  beforeEach(async () => {
    db = new FieldDb(`field-enrol-recover-${randomUUID()}`, { indexedDB, IDBKeyRange })
    // What a pull stores: the programme in force and the agent's sites.
    await db.reference.bulkPut([{ key: 'programme', value: DEFAULT_PROGRAMME }, { key: 'siteIds', value: [SITE_ID] }])
  })
  afterEach(() => db.delete())

  async function interruptedMidPush(): Promise<string> {
    const app = makeIndividual()
    await saveDraft(db, app)
    await submit(db, app.id, { today: TODAY })
    // What a tab closed during a push leaves behind.
    await db.applications.update(app.id, { syncState: 'syncing' })
    return app.id
  }

  it('shows a record left syncing by a closed tab as queued again, offline, keeping its outbox entry', async () => {
    const id = await interruptedMidPush()
    await createSyncEngine({ db, transport: unreachable, locks: null }).recover()
    expect((await db.applications.get(id))?.syncState).toBe('queued')
    expect(await db.outbox.where('applicationId').equals(id).count()).toBe(1)
  })

  it('leaves it alone while another tab holds the sync lock: that run settles it', async () => {
    const id = await interruptedMidPush()
    const held = { value: true }
    await createSyncEngine({ db, transport: unreachable, locks: fakeLocks(held) }).recover()
    expect((await db.applications.get(id))?.syncState).toBe('syncing')
    held.value = false
    await createSyncEngine({ db, transport: unreachable, locks: fakeLocks(held) }).recover()
    expect((await db.applications.get(id))?.syncState).toBe('queued')
  })
})
