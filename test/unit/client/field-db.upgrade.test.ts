import { randomUUID } from 'node:crypto'
import Dexie from 'dexie'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import { findDeviceDuplicates } from '../../../client/src/field/storage/applications.repository'
import { FieldDb } from '../../../client/src/field/storage/field-db'
import { makeIndividual, makeOrganisation, makeResidentId } from '../../fixtures/applications'

/** The v1 schema exactly as the first release declared it: what devices in the field hold. */
const V1_STORES = {
  applications: 'id, syncState, status, updatedAt, receiptNo',
  attachments: 'id, sha256',
  outbox: 'mutationId, applicationId, createdAt',
  meta: 'key',
  reference: 'key',
}

function v1Record(data: ReturnType<typeof makeIndividual> | ReturnType<typeof makeOrganisation>, status: string, syncState: string) {
  return { id: data.id, data, receiptNo: data.receiptNo, status, syncState, serverVersion: 0, receipt: null, issues: null, serverCopy: null, returnItems: null, memberNo: null, updatedAt: '2026-11-20T08:00:00.000Z' }
}

describe('field database upgrade', () => {
  let name: string
  afterEach(() => new Dexie(name, { indexedDB, IDBKeyRange }).delete())

  it('opens a database filled at v1 without losing a record, and indexes the old records for the duplicate hint', async () => {
    name = `field-enrol-upgrade-${randomUUID()}`
    const first = makeIndividual()
    // Another applicant (own ID number) giving the same mobile.
    const sameMobile = makeIndividual({ person: { name: '李娜', gender: 'female', birthDate: '1990-06-01', idNumber: makeResidentId('1990-06-01', 'female') } }, { seq: 2 })
    const organisation = makeOrganisation({}, { seq: 3 })
    const photo = new Uint8Array([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3])

    const old = new Dexie(name, { indexedDB, IDBKeyRange })
    old.version(1).stores(V1_STORES)
    await old.open()
    await old.table('applications').bulkAdd([v1Record(first, 'queued', 'queued'), v1Record(sameMobile, 'draft', 'draft'), v1Record(organisation, 'submitted', 'synced')])
    await old.table('outbox').add({ mutationId: randomUUID(), applicationId: first.id, kind: 'submit', baseVersion: 0, deviceTime: '2026-11-20T08:00:00.000Z', createdAt: '2026-11-20T08:00:00.000Z', attempts: 2, lastError: 'offline', setAsideAt: null })
    await old.table('attachments').add({ id: first.attachments[0]!.id, sha256: first.attachments[0]!.sha256, kind: 'id_front', mediaType: 'image/jpeg', size: photo.length, blob: new Blob([photo], { type: 'image/jpeg' }), uploaded: false })
    await old.table('meta').bulkAdd([{ key: 'syncCursor', value: 41 }, { key: 'receiptSequence', value: 3 }])
    old.close()

    const db = new FieldDb(name, { indexedDB, IDBKeyRange })
    await db.open()
    expect(db.verno).toBe(2)
    expect(await db.applications.count()).toBe(3)
    expect(await db.outbox.toArray()).toEqual([expect.objectContaining({ applicationId: first.id, attempts: 2, lastError: 'offline' })])
    const attachment = await db.attachments.get(first.attachments[0]!.id)
    expect(new Uint8Array(await attachment!.blob.arrayBuffer())).toEqual(photo)
    expect(await db.meta.get('syncCursor')).toEqual({ key: 'syncCursor', value: 41 })
    expect(await db.meta.get('receiptSequence')).toEqual({ key: 'receiptSequence', value: 3 })

    const upgraded = await db.applications.get(first.id)
    expect(upgraded).toMatchObject({ data: first, status: 'queued', syncState: 'queued', decisionNote: null, rejectReason: null })
    expect(upgraded!.dupKeys).toContain(`mobile:${first.person.mobile}`)
    expect((await db.applications.get(organisation.id))!.dupKeys).toEqual([`uscc:${organisation.organisation.uscc}`])

    const hint = await findDeviceDuplicates(db, { id: sameMobile.id, data: sameMobile })
    expect(hint).toEqual([expect.objectContaining({ application: expect.objectContaining({ id: first.id }), keys: [`mobile:${first.person.mobile}`] })])
    db.close()
  })
})
