import { randomUUID } from 'node:crypto'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { FieldDb } from '../../../client/src/field/storage/field-db'

/**
 * A user's database deleted by one connection (a remote wipe in another tab) stays closed in
 * every other connection: Dexie would otherwise open it again at the next read or write,
 * empty, under the wiped user's name, and the tab would go on working in it.
 */
describe('a field database erased by another connection', () => {
  const names = async () => (await indexedDB.databases()).map((db: { name?: string }) => db.name)

  it('is marked erased and closed for good in the other connection; nothing opens it again', async () => {
    const name = `field-enrol-test-${randomUUID()}`
    const wiping = new FieldDb(name, { indexedDB, IDBKeyRange })
    const other = new FieldDb(name, { indexedDB, IDBKeyRange })
    await other.meta.put({ key: 'lastSyncAt', value: '2026-12-07T08:00:00.000Z' })
    expect(await wiping.meta.count()).toBe(1)

    await wiping.erase()

    expect(wiping.erased).toBe(true)
    expect(other.erased).toBe(true)
    expect(other.isOpen()).toBe(false)
    await expect(other.meta.put({ key: 'lastSyncAt', value: '2026-12-07T09:00:00.000Z' })).rejects.toThrow(/closed/i)
    expect(await names()).not.toContain(name)
  })

  it('a connection merely closed by another (not deleted) opens again as before', async () => {
    const name = `field-enrol-test-${randomUUID()}`
    const first = new FieldDb(name, { indexedDB, IDBKeyRange })
    await first.meta.put({ key: 'receiptSequence', value: 3 })
    const second = new FieldDb(name, { indexedDB, IDBKeyRange })
    expect((await second.meta.get('receiptSequence'))?.value).toBe(3)
    second.close()
    expect(first.erased).toBe(false)
    expect((await first.meta.get('receiptSequence'))?.value).toBe(3)
    await first.delete()
  })
})
