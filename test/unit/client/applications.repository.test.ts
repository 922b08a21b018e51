import { randomUUID } from 'node:crypto'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDraft, deleteDraft, discardAttachment, findDeviceDuplicates, heldEditOf, keepUnsavedEdit, nextReceiptSequence, resubmit, saveDraft, submit, unsyncedCount, withdraw } from '../../../client/src/field/storage/applications.repository'
import { FieldDb } from '../../../client/src/field/storage/field-db'
import { waitingWithdrawals, withdrawalWaits } from '../../../client/src/field/storage/outbox-reads'
import { makeIndividual, makeReceiptNo, makeResidentId, SITE_ID, TODAY } from '../../fixtures/applications'

describe('applications repository', () => {
  let db: FieldDb

  beforeEach(async () => {
    db = new FieldDb(`field-enrol-test-${randomUUID()}`, { indexedDB, IDBKeyRange })
    // What a pull stores: the programme in force and the agent's sites.
    await db.reference.bulkPut([{ key: 'programme', value: DEFAULT_PROGRAMME }, { key: 'siteIds', value: [SITE_ID] }])
  })
  afterEach(() => db.delete())

  it('saves a draft without an outbox entry, as a plain object with its Blobs', async () => {
    const app = makeIndividual()
    const blob = new Blob([new Uint8Array([0xFF, 0xD8, 0xFF, 1])], { type: 'image/jpeg' })
    const result = await saveDraft(db, app, [{ id: app.attachments[0]!.id, sha256: app.attachments[0]!.sha256, kind: 'id_front', mediaType: 'image/jpeg', size: 4, blob }])
    expect(result.ok).toBe(true)
    expect(await db.applications.get(app.id)).toMatchObject({ status: 'draft', syncState: 'draft', serverVersion: 0, data: app })
    expect(await db.outbox.count()).toBe(0)
    const stored = await db.attachments.get(app.attachments[0]!.id)
    expect(stored?.uploaded).toBe(false)
    expect(stored?.blob.size).toBe(4)
  })

  it('submits a valid draft: status queued and a submit mutation on base version 0, together', async () => {
    const app = makeIndividual()
    await saveDraft(db, app)
    const result = await submit(db, app.id, { today: TODAY })
    expect(result).toMatchObject({ ok: true, application: { status: 'queued', syncState: 'queued' } })
    const outbox = await db.outbox.toArray()
    expect(outbox).toEqual([expect.objectContaining({ applicationId: app.id, kind: 'submit', baseVersion: 0, attempts: 0, setAsideAt: null })])
    // A UUIDv7: version nibble 7, variant 10xx.
    expect(outbox[0]!.mutationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(await unsyncedCount(db)).toBe(1)
  })

  it('submits a queued application again after another edit as the one mutation still waiting, not an error', async () => {
    const app = makeIndividual()
    await saveDraft(db, app)
    expect((await submit(db, app.id, { today: TODAY })).ok).toBe(true)
    const [first] = await db.outbox.toArray()
    // The wizard offers 提交 on a queued application: the agent corrects something and taps it.
    await saveDraft(db, { ...app, person: { ...app.person, mobile: '13900139000' } }, [], { today: TODAY })
    const again = await submit(db, app.id, { today: TODAY, now: () => new Date('2026-11-23T09:00:00.000Z') })
    expect(again).toMatchObject({ ok: true, application: { status: 'queued', syncState: 'queued', data: { person: { mobile: '13900139000' } } } })
    expect(await db.outbox.toArray()).toEqual([{ ...first, deviceTime: '2026-11-23T09:00:00.000Z' }])
  })

  it('stores the submitted application as the shared rules normalise it, as the server will', async () => {
    const idNumber = makeResidentId('1988-03-15', 'male', { region: '110105', sequence: 37 })
    const typed = idNumber.endsWith('X') ? `${idNumber.slice(0, -1)}x` : idNumber
    const app = makeIndividual({ person: { mobile: '+86 138-0013-8000', idNumber: `${typed.slice(0, 6)} ${typed.slice(6)}` } })
    await saveDraft(db, app)
    expect((await db.applications.get(app.id))!.data).toMatchObject({ person: { mobile: '+86 138-0013-8000' } })
    const result = await submit(db, app.id, { today: TODAY })
    expect(result.ok).toBe(true)
    const stored = await db.applications.get(app.id)
    expect(stored!.data).toMatchObject({ person: { mobile: '13800138000', idNumber } })
  })

  it('stores an edit of a queued application normalised too, once it passes (it is pushed as it stands)', async () => {
    const app = makeIndividual()
    await saveDraft(db, app)
    await submit(db, app.id, { today: TODAY })
    await saveDraft(db, { ...app, person: { ...app.person, mobile: '+86 139-0013-9000' } }, [], { today: TODAY })
    expect((await db.applications.get(app.id))!.data).toMatchObject({ person: { mobile: '13900139000' } })
    // An edit that does not pass yet is kept as typed: the agent is still at it.
    await saveDraft(db, { ...app, person: { ...app.person, mobile: '+86 139-0013' } }, [], { today: TODAY })
    expect((await db.applications.get(app.id))!.data).toMatchObject({ person: { mobile: '+86 139-0013' } })
  })

  it('draws mutation ids in time order, so the server stores them at the end of its index', async () => {
    const ids: string[] = []
    for (let seq = 1; seq <= 5; seq++) {
      const app = makeIndividual({ receiptNo: makeReceiptNo(seq) }, { seq })
      await saveDraft(db, app)
      await submit(db, app.id, { today: TODAY })
      ids.push((await db.outbox.where('applicationId').equals(app.id).first())!.mutationId)
    }
    expect([...ids].sort()).toEqual(ids)
  })

  it('refuses to submit invalid data with the shared issue codes, and writes nothing', async () => {
    const app = makeIndividual({ person: { mobile: '12345' }, consent: { sensitiveInfo: false } })
    await saveDraft(db, app)
    const result = await submit(db, app.id, { today: TODAY })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.issues).toEqual(expect.arrayContaining([
        { path: 'person.mobile', code: 'mobile.format' },
        { path: 'consent.sensitiveInfo', code: 'consent.sensitive_info_required' },
      ]))
    }
    expect(await db.outbox.count()).toBe(0)
    expect((await db.applications.get(app.id))?.status).toBe('draft')
  })

  it('writes the record and its outbox entry in one transaction: if one fails, neither is stored', async () => {
    const app = makeIndividual()
    await saveDraft(db, app)
    // An outbox add that fails (duplicate key) must roll the record back too.
    const existing = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'
    await db.outbox.add({ mutationId: existing, applicationId: 'other', kind: 'submit', baseVersion: 0, deviceTime: TODAY, createdAt: '2000-01-01T00:00:00.000Z', attempts: 0, lastError: null, setAsideAt: null })
    await expect(submit(db, app.id, { today: TODAY, mutationId: () => existing })).rejects.toThrow()
    expect((await db.applications.get(app.id))).toMatchObject({ status: 'draft', syncState: 'draft' })
    expect(await db.outbox.where('applicationId').equals(app.id).count()).toBe(0)
  })

  it('refuses a change while the record waits for its push\'s answer (sync.in_flight), but takes a save that changes nothing, voiding an older held change', async () => {
    const app = makeIndividual()
    await saveDraft(db, app)
    const queued = (await submit(db, app.id, { today: TODAY }))
    expect(queued.ok).toBe(true)
    const stored = (await db.applications.get(app.id))!
    await db.outbox.toCollection().modify({ attempts: 1 })
    const changed = { ...stored.data, person: { ...(stored.data as { person: object }).person, occupation: '教师' } } as typeof app
    expect(await saveDraft(db, changed)).toMatchObject({ ok: false, issues: [{ code: 'sync.in_flight' }] })
    // Held beside the record, which stays as the push sends it.
    expect(await heldEditOf(db, app.id)).toMatchObject({ data: changed })
    expect(await db.applications.get(app.id)).toEqual(stored)
    // The wizard's save as it opens, or a change typed back: the record as stored, nothing written.
    expect(await saveDraft(db, stored.data)).toEqual({ ok: true, application: stored })
    expect(await db.applications.get(app.id)).toEqual(stored)
    expect(await heldEditOf(db, app.id)).toBeUndefined()
  })

  it('refuses to submit what is not a draft, and to resubmit or withdraw what the server does not hold so', async () => {
    const app = makeIndividual()
    await saveDraft(db, app)
    await submit(db, app.id, { today: TODAY })
    // Submitted again before it left, it stays one mutation; once sent, it waits for the answer.
    expect(await submit(db, app.id, { today: TODAY })).toMatchObject({ ok: true })
    expect(await db.outbox.count()).toBe(1)
    await db.outbox.toCollection().modify({ attempts: 1 })
    expect(await submit(db, app.id, { today: TODAY })).toMatchObject({ ok: false, issues: [{ code: 'sync.busy' }] })
    expect(await resubmit(db, app.id, { today: TODAY })).toMatchObject({ ok: false, issues: [{ code: 'status.action_not_allowed' }] })
    expect(await withdraw(db, app.id)).toMatchObject({ ok: false, issues: [{ code: 'status.action_not_allowed' }] })
  })

  it('refuses, as the server would, to submit, resubmit or withdraw at a site the agent was moved off, until they are back', async () => {
    const [draft, returned, submitted] = [makeIndividual({}, { seq: 1 }), makeIndividual({}, { seq: 2 }), makeIndividual({}, { seq: 3 })]
    for (const app of [draft, returned, submitted])
      await saveDraft(db, app)
    await db.applications.update(returned.id, { status: 'returned', syncState: 'synced', serverVersion: 3 })
    await db.applications.update(submitted.id, { status: 'submitted', syncState: 'synced', serverVersion: 1 })
    // The last pull: the agent now works at another site only.
    await db.reference.put({ key: 'siteIds', value: ['site-sh-xuhui-02'] })
    const refused = { ok: false, issues: [{ path: 'siteId', code: 'status.site_not_assigned' }] }
    expect(await submit(db, draft.id, { today: TODAY })).toEqual(refused)
    expect(await resubmit(db, returned.id, { today: TODAY })).toEqual(refused)
    expect(await withdraw(db, returned.id)).toEqual(refused)
    expect(await withdraw(db, submitted.id)).toEqual(refused)
    expect(await db.outbox.count()).toBe(0)
    expect((await db.applications.get(draft.id))?.status).toBe('draft')

    // A closed site stays in the list (what was taken there still syncs); assigned again, all may go.
    await db.reference.put({ key: 'siteIds', value: ['site-sh-xuhui-02', SITE_ID] })
    expect((await submit(db, draft.id, { today: TODAY })).ok).toBe(true)
    expect((await withdraw(db, submitted.id)).ok).toBe(true)
    expect((await resubmit(db, returned.id, { today: TODAY })).ok).toBe(true)
    expect((await db.outbox.toArray()).map(e => e.kind).sort()).toEqual(['resubmit', 'submit', 'withdraw'])
  })

  it('judges the reach by the open sites of a pull from before the tablet knew every assigned site', async () => {
    const app = makeIndividual()
    await saveDraft(db, app)
    await db.reference.delete('siteIds')
    await db.reference.put({ key: 'sites', value: [{ id: 'site-sh-xuhui-02', code: 'SH02', name: '上海徐汇', regionCode: '310104' }] })
    expect(await submit(db, app.id, { today: TODAY })).toEqual({ ok: false, issues: [{ path: 'siteId', code: 'status.site_not_assigned' }] })
    await db.reference.put({ key: 'sites', value: [{ id: SITE_ID, code: 'BJ01', name: '北京朝阳', regionCode: '110105' }] })
    expect((await submit(db, app.id, { today: TODAY })).ok).toBe(true)
  })

  it('resubmits a returned application on its server version', async () => {
    const app = makeIndividual()
    await saveDraft(db, app)
    await db.applications.update(app.id, { status: 'returned', syncState: 'synced', serverVersion: 3 })
    const result = await resubmit(db, app.id, { today: TODAY })
    expect(result).toMatchObject({ ok: true, application: { syncState: 'queued' } })
    expect(await db.outbox.toArray()).toEqual([expect.objectContaining({ kind: 'resubmit', baseVersion: 3 })])
  })

  it('refuses a withdrawal while a resubmission waits to leave, and the reverse: either could only come back as a conflict', async () => {
    const app = makeIndividual()
    await saveDraft(db, app)
    await db.applications.update(app.id, { status: 'returned', syncState: 'synced', serverVersion: 3 })
    expect((await resubmit(db, app.id, { today: TODAY })).ok).toBe(true)
    expect(await withdraw(db, app.id)).toEqual({ ok: false, issues: [{ path: '', code: 'sync.unsent_action' }] })
    expect(await db.outbox.toArray()).toEqual([expect.objectContaining({ kind: 'resubmit', baseVersion: 3, setAsideAt: null })])

    // The resubmission answered as a conflict (set aside): a withdrawal may follow it.
    await db.outbox.toCollection().modify({ setAsideAt: '2026-11-23T09:00:00.000Z' })
    expect((await withdraw(db, app.id)).ok).toBe(true)
    expect(await db.outbox.toArray()).toEqual([expect.objectContaining({ kind: 'withdraw', baseVersion: 3, setAsideAt: null })])
    expect(await resubmit(db, app.id, { today: TODAY })).toMatchObject({ ok: false, issues: [{ code: 'sync.unsent_action' }] })
    expect(await db.outbox.count()).toBe(1)
  })

  it('refuses an edit while a withdrawal waits to leave: the agent gave the application up, and the edit could never be sent', async () => {
    const app = makeIndividual()
    await saveDraft(db, app)
    await db.applications.update(app.id, { status: 'returned', syncState: 'synced', serverVersion: 3 })
    expect(await waitingWithdrawals(db)).toEqual([])
    expect((await withdraw(db, app.id)).ok).toBe(true)
    expect(await waitingWithdrawals(db)).toEqual([app.id])
    expect(await withdrawalWaits(db, app.id)).toBe(true)
    const before = await db.applications.get(app.id)
    const edited = { ...app, person: { ...app.person, mobile: '13900139000' } }
    expect(await saveDraft(db, edited)).toEqual({ ok: false, issues: [{ path: '', code: 'sync.unsent_action' }] })
    expect(await db.applications.get(app.id)).toEqual(before)
    // Opening the wizard saves what it opened: that changes nothing and is not refused.
    expect((await saveDraft(db, structuredClone(app))).ok).toBe(true)

    // The withdrawal answered as a conflict (set aside): the application may be fixed again.
    await db.outbox.toCollection().modify({ setAsideAt: '2026-11-23T09:00:00.000Z' })
    expect(await waitingWithdrawals(db)).toEqual([])
    expect(await withdrawalWaits(db, app.id)).toBe(false)
    expect((await saveDraft(db, edited)).ok).toBe(true)
  })

  it('counts a fix saved to a returned application as unsynced until it is resubmitted', async () => {
    const app = makeIndividual()
    await saveDraft(db, app)
    await db.applications.update(app.id, { status: 'returned', syncState: 'synced', serverVersion: 3 })
    // As the server holds it: nothing on the device the server does not have.
    expect(await unsyncedCount(db)).toBe(0)
    // Opened in the wizard, which saves what it opened: still as the server holds it.
    const opened = await db.applications.get(app.id)
    expect(await saveDraft(db, structuredClone(app))).toEqual({ ok: true, application: opened })
    expect(await db.applications.get(app.id)).toEqual(opened)
    expect(await unsyncedCount(db)).toBe(0)
    // The agent fixes the mobile the reviewer asked about, and leaves it for later.
    expect((await saveDraft(db, { ...app, person: { ...app.person, mobile: '13900139000' } })).ok).toBe(true)
    expect(await db.applications.get(app.id)).toMatchObject({ syncState: 'synced', unsentFix: true })
    expect(await unsyncedCount(db)).toBe(1)
    // Resubmitted: counted once, as queued work, and no longer marked.
    expect((await resubmit(db, app.id, { today: TODAY })).ok).toBe(true)
    expect((await db.applications.get(app.id))!.unsentFix).toBeUndefined()
    expect(await unsyncedCount(db)).toBe(1)
  })

  it('issues receipt sequences that increase, each taken with the draft that uses it', async () => {
    expect(await nextReceiptSequence(db)).toBe(1)
    const first = await createDraft(db, seq => makeIndividual({ receiptNo: makeReceiptNo(seq) }, { seq: 10 + seq }))
    const second = await createDraft(db, seq => makeIndividual({ receiptNo: makeReceiptNo(seq) }, { seq: 10 + seq }))
    expect([first.receiptNo, second.receiptNo]).toEqual([makeReceiptNo(2), makeReceiptNo(3)])
    // A draft that fails to store gives its sequence back.
    await expect(createDraft(db, () => ({ ...makeIndividual({}, { seq: 12 }) }))).rejects.toThrow()
    expect((await db.meta.get('receiptSequence'))?.value).toBe(3)
  })

  it('hints at once at another application on this device with the same ID number or mobile, and follows edits', async () => {
    const first = makeIndividual()
    await saveDraft(db, first)
    const other = makeIndividual({ person: { name: '李娜', gender: 'female', birthDate: '1990-06-01', idNumber: makeResidentId('1990-06-01', 'female'), mobile: '13911112222' } }, { seq: 2 })
    await saveDraft(db, other)
    expect(await findDeviceDuplicates(db, { id: other.id, data: other })).toEqual([])

    // The agent types the first applicant's mobile with +86 and spaces: the hint names the first one.
    const edited = { ...other, person: { ...other.person, mobile: `+86 ${first.person.mobile.slice(0, 3)} ${first.person.mobile.slice(3)}` } }
    await saveDraft(db, edited)
    const hint = await findDeviceDuplicates(db, { id: other.id, data: edited })
    expect(hint.map(h => [h.application.id, h.keys])).toEqual([[first.id, [`mobile:${first.person.mobile}`]]])
    // The first one sees the second the other way round; nobody is their own duplicate.
    expect((await findDeviceDuplicates(db, { id: first.id, data: first })).map(h => h.application.id)).toEqual([other.id])
  })

  it('discards a retaken photo only once nothing names it, uploaded or not (the server keeps what it acknowledged)', async () => {
    const app = makeIndividual()
    const blob = new Blob([new Uint8Array([0xFF, 0xD8, 0xFF, 1])], { type: 'image/jpeg' })
    const named = app.attachments[0]!
    await saveDraft(db, app, [{ id: named.id, sha256: named.sha256, kind: 'id_front', mediaType: 'image/jpeg', size: 4, blob }, { id: 'retaken-photo', sha256: 'a'.repeat(64), kind: 'id_front', mediaType: 'image/jpeg', size: 4, blob }])
    await db.attachments.toCollection().modify({ uploaded: true })
    expect(await discardAttachment(db, named.id)).toBe(false)
    expect(await discardAttachment(db, 'retaken-photo')).toBe(true)
    expect(await db.attachments.get('retaken-photo')).toBeUndefined()
    expect(await db.attachments.get(named.id)).toBeDefined()

    // On a conflict, a file the server copy names stays: the agent may take the server's side.
    const fix = { ...app, attachments: app.attachments.filter(a => a.id !== named.id) }
    await db.applications.update(app.id, { data: fix, serverCopy: { applicationId: app.id, version: 4, status: 'returned', application: app, returnItems: [], decisionNote: null, rejectReason: null, memberNo: null } })
    expect(await discardAttachment(db, named.id)).toBe(false)
    await db.applications.update(app.id, { serverCopy: null })
    expect(await discardAttachment(db, named.id)).toBe(true)
  })

  it('stores a new file at once while its record is in flight, held with the change, and never discards a file a held or unsent edit names', async () => {
    const app = makeIndividual()
    await saveDraft(db, app)
    expect((await submit(db, app.id, { today: TODAY })).ok).toBe(true)
    await db.outbox.toCollection().modify({ attempts: 1 })
    const stored = (await db.applications.get(app.id))!
    const blob = new Blob([new Uint8Array([0xFF, 0xD8, 0xFF, 2])], { type: 'image/jpeg' })
    const retaken = { id: 'retaken-during-sync', sha256: 'b'.repeat(64), kind: 'id_back' as const, mediaType: 'image/jpeg' as const, size: 4 }
    const edit = { ...stored.data, attachments: [...stored.data.attachments.filter(a => a.kind !== 'id_back'), retaken] }
    expect(await saveDraft(db, edit, [{ ...retaken, blob }])).toMatchObject({ ok: false, issues: [{ code: 'sync.in_flight' }] })
    expect(await db.attachments.get(retaken.id)).toMatchObject({ sha256: retaken.sha256, uploaded: false })
    expect((await heldEditOf(db, app.id))!.data.attachments).toContainEqual(retaken)
    expect((await db.applications.get(app.id))!.data).toEqual(stored.data)
    expect(await discardAttachment(db, retaken.id)).toBe(false)

    // Taken once more while still held: the held change replaces the first, whose photo goes.
    const again = { ...retaken, id: 'retaken-again', sha256: 'd'.repeat(64) }
    const edit2 = { ...edit, attachments: [...edit.attachments.filter(a => a.id !== retaken.id), again] }
    expect(await saveDraft(db, edit2, [{ ...again, blob }])).toMatchObject({ ok: false, issues: [{ code: 'sync.in_flight' }] })
    expect(await db.attachments.get(retaken.id)).toBeUndefined()
    expect(await db.attachments.get(again.id)).toBeDefined()

    // Kept as the record's unsent edit (the push was applied): still named, still kept — until
    // a newer unsent edit that no longer names it replaces it.
    await keepUnsavedEdit(db, edit2)
    expect(await heldEditOf(db, app.id)).toBeUndefined()
    expect(await discardAttachment(db, again.id)).toBe(false)
    await keepUnsavedEdit(db, { ...edit2, attachments: stored.data.attachments })
    expect(await db.attachments.get(again.id)).toBeUndefined()
    expect(await db.attachments.count()).toBe(0)
  })

  it('deletes a discarded draft with its files, but never a record that was queued', async () => {
    const draft = makeIndividual()
    const blob = new Blob([new Uint8Array([0xFF, 0xD8, 0xFF, 1])], { type: 'image/jpeg' })
    const photo = draft.attachments[0]!
    await saveDraft(db, draft, [{ id: photo.id, sha256: photo.sha256, kind: 'id_front', mediaType: 'image/jpeg', size: 4, blob }])
    const queued = makeIndividual({}, { seq: 2 })
    await saveDraft(db, queued)
    await submit(db, queued.id, { today: TODAY })

    expect(await deleteDraft(db, queued.id)).toBe(false)
    expect(await db.applications.get(queued.id)).toBeDefined()
    expect(await deleteDraft(db, draft.id)).toBe(true)
    expect(await db.applications.get(draft.id)).toBeUndefined()
    expect(await db.attachments.get(photo.id)).toBeUndefined()
  })
})
