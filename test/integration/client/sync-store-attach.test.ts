import type { FieldSession } from '../../../client/src/field/auth/session.store'
import { randomUUID } from 'node:crypto'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { FieldDb } from '../../../client/src/field/storage/field-db'
import { useSyncStore } from '../../../client/src/field/stores/sync.store'

/**
 * The sync store attached to a session that ends while the attach still reads the device's
 * database (signed out, or wiped, at once after signing in): no engine and no timer may be
 * left behind for it — they would go on syncing, on a timer, with the old token.
 */
describe('the sync store detached while it attaches', () => {
  const fetched = vi.fn<typeof fetch>(async () => {
    throw new TypeError('Failed to fetch')
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    fetched.mockClear()
  })

  function sessionOf(db: FieldDb): FieldSession {
    return { staff: { id: 'staff-1', username: 'agent.li', displayName: '李外勤', role: 'field_agent', siteIds: [] }, deviceId: randomUUID(), deviceCode: 'D001', token: 'token-1', tokenExpiresAt: null, mode: 'online', db }
  }

  it('starts nothing for the session that ended: no run, nothing on demand, no request', async () => {
    vi.stubGlobal('fetch', fetched)
    setActivePinia(createPinia())
    const sync = useSyncStore()
    const db = new FieldDb(`field-enrol-test-${randomUUID()}`, { indexedDB, IDBKeyRange })
    const attaching = sync.attach(sessionOf(db), { onWiped: () => {} })
    sync.detach()
    await attaching
    // A scheduler started by the attach would have begun its first run by now (it marks it running at once).
    expect(sync.running).toBe(false)
    expect(await sync.syncNow()).toBeNull()
    expect(fetched).not.toHaveBeenCalled()
    await db.delete()
  })

  it('a sign-out closing the database while the attach reads it is no error', async () => {
    vi.stubGlobal('fetch', fetched)
    setActivePinia(createPinia())
    const sync = useSyncStore()
    const db = new FieldDb(`field-enrol-test-${randomUUID()}`, { indexedDB, IDBKeyRange })
    await db.open()
    const attaching = sync.attach(sessionOf(db), { onWiped: () => {} })
    // What ending the session does: the database closes, then the layout detaches the sync.
    db.close()
    sync.detach()
    await expect(attaching).resolves.toBeUndefined()
    expect(sync.running).toBe(false)
    expect(fetched).not.toHaveBeenCalled()
    await db.delete()
  })
})
