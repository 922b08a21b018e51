import type { ApplicationInput } from '#shared/application/application.schema'
import type { ValidationIssue } from '#shared/errors/issue'
import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { Action, ApplicationStatus } from '#shared/status/status-table'
import type { MutationKind } from '#shared/sync/protocol'
import type { FieldDb, LocalApplication, LocalAttachment, OutboxEntry } from './field-db'
import { validateApplication } from '#shared/application/validate-application'
import { diffApplications } from '#shared/application/version-diff'
import { deviceDuplicateKeys } from '#shared/dedup/device-keys'
import { DEVICE_EDITABLE_STATUSES } from '#shared/status/status-table'
import { uuidv7 } from 'uuidv7'
import { assignedSiteIds, checkOnDevice } from './agent-reach'
import { readMeta, readReference } from './field-db'
import { filesNamedBy } from './files-named'
import { recordFromServerCopy } from './from-server-copy'
import { withdrawalWaits } from './outbox-reads'

/**
 * Every local write of an application goes through here (STYLE.md §4): the record and its
 * outbox entry are written in one strict transaction, so the device never holds a queued
 * record without its mutation, nor a mutation without its record. Values are stored as
 * plain structured clones: IndexedDB cannot clone Vue proxies.
 */

export type RepositoryResult
  = | { ok: true, application: LocalApplication }
    | { ok: false, issues: ValidationIssue[] }

export interface RepositoryOptions {
  /** The device clock; tests pass a fixed one. */
  now?: () => Date
  /** Today's date in China for validation (`YYYY-MM-DD`); defaults to the clock. */
  today?: string
  /**
   * Draws mutation ids: UUIDv7 by default — time-ordered, so the server's idempotency index
   * grows at its right edge instead of dirtying a random page for every mutation it stores.
   */
  mutationId?: () => string
}

export type NewAttachment = Omit<LocalAttachment, 'uploaded'>

function plain<T>(value: T): T {
  return structuredClone(value)
}

function nowIso(options: RepositoryOptions): string {
  return (options.now?.() ?? new Date()).toISOString()
}

function notAllowed(status: string, action: Action): RepositoryResult {
  return { ok: false, issues: [{ path: '', code: 'status.action_not_allowed', params: { status, action } }] }
}

/**
 * Why the shared status table refuses this action now — its state, or the agent's reach (an
 * agent moved off the application's site) — as the server would; null when it allows it.
 */
async function refusal(db: FieldDb, application: LocalApplication, status: ApplicationStatus, action: Action): Promise<RepositoryResult | null> {
  const check = checkOnDevice(application, await assignedSiteIds(db), status, action)
  if (check.ok)
    return null
  const { path = '', code, params } = check.failure
  return { ok: false, issues: [{ path, code, ...(params ? { params } : {}) }] }
}

function storeAttachments(db: FieldDb, attachments: readonly NewAttachment[]) {
  // The Blob itself is stored (structured clone keeps it a Blob); only the metadata is copied.
  return db.attachments.bulkPut(attachments.map(a => ({ id: a.id, sha256: a.sha256, kind: a.kind, mediaType: a.mediaType, size: a.size, blob: a.blob, uploaded: false })))
}

/**
 * The next receipt sequence of this device. Call it inside the transaction that stores the
 * draft taking it (as createDraft does), so a sequence is never issued twice nor lost.
 */
export function nextReceiptSequence(db: FieldDb): Promise<number> {
  return db.transaction('rw', db.meta, async () => {
    const next = ((await readMeta<number>(db, 'receiptSequence')) ?? 0) + 1
    await db.meta.put({ key: 'receiptSequence', value: next })
    return next
  })
}

/** A new draft whose receipt number uses the next device sequence, taken in the same transaction. */
export function createDraft(db: FieldDb, build: (sequence: number) => ApplicationInput, attachments: readonly NewAttachment[] = [], options: RepositoryOptions = {}): Promise<LocalApplication> {
  return db.transaction('rw', [db.applications, db.attachments, db.meta], async () => {
    const data = plain(build(await nextReceiptSequence(db)))
    const application: LocalApplication = {
      id: data.id,
      data,
      receiptNo: data.receiptNo,
      status: 'draft',
      syncState: 'draft',
      serverVersion: 0,
      receipt: null,
      issues: null,
      serverCopy: null,
      returnItems: null,
      decisionNote: null,
      rejectReason: null,
      memberNo: null,
      dupKeys: deviceDuplicateKeys(data),
      updatedAt: nowIso(options),
    }
    await db.applications.add(application)
    await storeAttachments(db, attachments)
    return application
  })
}

/**
 * Whether a mutation of the record has been sent without an answer: the server may have
 * applied it already, and a retry of the same mutation id only gets the old answer back,
 * so an edit made now would be marked synced without ever reaching the server.
 */
async function awaitingAnswer(db: FieldDb, applicationId: string): Promise<boolean> {
  return (await db.outbox.where('applicationId').equals(applicationId).filter(e => e.attempts > 0 && e.setAsideAt === null).count()) > 0
}

/**
 * Whether a push of the record is under way or waits for its answer: it must not change
 * under the sync, so edits, submissions and withdrawals wait until it is over.
 */
async function recordInFlight(db: FieldDb, record: LocalApplication | undefined): Promise<boolean> {
  return !!record && (record.syncState === 'syncing' || await awaitingAnswer(db, record.id))
}

/** `recordInFlight` for the form, which polls it while it holds a change back. */
export function inFlight(db: FieldDb, applicationId: string): Promise<boolean> {
  return db.transaction('r', db.applications, db.outbox, async () => recordInFlight(db, await db.applications.get(applicationId)))
}

/**
 * Saves the agent's edit of an application the device may still change (draft, queued or
 * returned), unless it is being pushed right now or was sent and is still waiting for the
 * server's answer: then the edit is held (`sync.in_flight`) — kept beside the record with
 * any new file it names, in this transaction, and saved once the push is over
 * (saveHeldEdits) — unless it changes nothing — and refused while a withdrawal of it waits to
 * leave (`sync.unsent_action`). A queued edit is pushed as it stands. A save drops the
 * record's held edit: what it stores is newer.
 */
export function saveDraft(db: FieldDb, data: ApplicationInput, attachments: readonly NewAttachment[] = [], options: RepositoryOptions = {}): Promise<RepositoryResult> {
  return db.transaction('rw', [db.applications, db.attachments, db.outbox, db.reference, db.meta], async () => {
    const existing = await db.applications.get(data.id)
    if (existing && !DEVICE_EDITABLE_STATUSES.includes(existing.status))
      return notAllowed(existing.status, 'submit')
    // Saving what the record holds already changes nothing (the wizard saves once as it
    // opens): nothing to write, refuse or hold, and an older held change is void. A returned
    // application merely opened is still as the server holds it, not an unsent fix.
    if (existing && !attachments.length && diffApplications(existing.data, data).length === 0) {
      await dropHeldEdit(db, data.id)
      return { ok: true, application: existing }
    }
    if (existing && await recordInFlight(db, existing)) {
      // The files are stored now (nothing the agent took is lost): the held edit names them.
      await storeAttachments(db, attachments)
      await holdEdit(db, data, options)
      return { ok: false, issues: [{ path: '', code: 'sync.in_flight' }] }
    }
    if (existing && await withdrawalWaits(db, existing.id))
      return { ok: false, issues: [{ path: '', code: 'sync.unsent_action' }] }
    // A queued edit is pushed as it stands: stored as the server will store it, once it passes.
    if (existing?.status === 'queued') {
      const checked = await validateStored(db, { ...existing, data }, options)
      if (checked.ok)
        data = checked.application.data
    }
    const application: LocalApplication = existing
      // A returned application the device held as the server does now differs from it.
      ? { ...existing, data: plain(data), receiptNo: data.receiptNo, dupKeys: deviceDuplicateKeys(data), updatedAt: nowIso(options), ...(existing.syncState === 'synced' ? { unsentFix: true as const } : {}) }
      : { id: data.id, data: plain(data), receiptNo: data.receiptNo, status: 'draft', syncState: 'draft', serverVersion: 0, receipt: null, issues: null, serverCopy: null, returnItems: null, decisionNote: null, rejectReason: null, memberNo: null, dupKeys: deviceDuplicateKeys(data), updatedAt: nowIso(options) }
    await db.applications.put(application)
    await storeAttachments(db, attachments)
    await dropHeldEdit(db, data.id)
    return { ok: true, application }
  })
}

/** An edit refused as `sync.in_flight`, kept on the device until the push of its record is over. */
export interface HeldEdit {
  data: ApplicationInput
  heldAt: string
}

async function readHeldEdits(db: FieldDb): Promise<Record<string, HeldEdit>> {
  return (await readMeta<Record<string, HeldEdit>>(db, 'heldEdits')) ?? {}
}

/** Drops the record's held edit, and the files only it named (a photo taken, then removed). */
async function dropHeldEdit(db: FieldDb, applicationId: string): Promise<void> {
  const held = await readHeldEdits(db)
  const dropped = held[applicationId]
  if (!dropped)
    return
  delete held[applicationId]
  await db.meta.put({ key: 'heldEdits', value: held })
  await discardUnnamed(db, fileIds(dropped.data))
}

/**
 * Keeps an edit saveDraft could not save because its record was being synced. Stored beside
 * the record, never in it, so the sync still sends what it marked; saveHeldEdits saves it
 * once the push is over, so it survives the app being closed meanwhile. A later hold of the
 * same record replaces it (it is the form's whole draft, so it holds every earlier change).
 */
export function holdEdit(db: FieldDb, data: ApplicationInput, options: RepositoryOptions = {}): Promise<void> {
  return db.transaction('rw', [db.meta, db.attachments, db.applications], async () => {
    const held = await readHeldEdits(db)
    const replaced = held[data.id]
    held[data.id] = { data: plain(data), heldAt: nowIso(options) }
    await db.meta.put({ key: 'heldEdits', value: held })
    await discardUnnamed(db, fileIds(replaced?.data))
  })
}

/** The edit held for the record, if any (the wizard opens it rather than the older stored data). */
export async function heldEditOf(db: FieldDb, applicationId: string): Promise<HeldEdit | undefined> {
  return (await readHeldEdits(db))[applicationId]
}

/**
 * Saves every held edit whose record is no longer in flight (the sync engine calls it once
 * the push answers are stored). Each is read, saved and dropped in one transaction, so a save
 * from the form in between is never overwritten by an older held copy. An edit the record no
 * longer takes — the push was applied, and the server holds the application as it was sent —
 * cannot be saved: it is listed in `refused` (the form, if open, says so) and kept on the
 * record as its `supersededEdit`, never dropped.
 */
export async function saveHeldEdits(db: FieldDb, options: RepositoryOptions = {}): Promise<{ saved: string[], refused: string[] }> {
  const saved: string[] = []
  const refused: string[] = []
  for (const applicationId of Object.keys(await readHeldEdits(db))) {
    await db.transaction('rw', [db.applications, db.attachments, db.outbox, db.reference, db.meta], async () => {
      const held = (await readHeldEdits(db))[applicationId]
      const record = await db.applications.get(applicationId)
      if (!held || await recordInFlight(db, record))
        return
      // Its record is gone (deleted, forgotten, wiped): saving would make a new draft of it.
      if (!record)
        return dropHeldEdit(db, applicationId)
      const result = await saveDraft(db, held.data, [], options)
      if (result.ok) {
        saved.push(applicationId)
      }
      else {
        refused.push(applicationId)
        await keepAsSuperseded(db, applicationId, held.data, held.heldAt, options)
      }
      await dropHeldEdit(db, applicationId)
    })
  }
  return { saved, refused }
}

/**
 * An edit the record no longer takes, kept on it. The newest wins: a held edit is the form's
 * whole draft, so it holds every earlier held change; a conflict's unsent edit before it was
 * given up by the agent (以服务器为准), this one was not.
 */
async function keepAsSuperseded(db: FieldDb, applicationId: string, data: ApplicationInput, editedAt: string, options: RepositoryOptions): Promise<void> {
  const record = await db.applications.get(applicationId)
  if (!record)
    return
  await db.applications.put({ ...record, supersededEdit: { data: plain(data), kind: 'edit', editedAt, supersededAt: nowIso(options) } })
  await discardUnnamed(db, fileIds(record.supersededEdit?.data))
}

/**
 * The form's change that the record refused once the push it waited for was applied: kept on
 * the record as its unsent edit, and the held copy (older: typed before it) dropped in the same
 * transaction, so the sync cannot put the older one back over it.
 */
export function keepUnsavedEdit(db: FieldDb, data: ApplicationInput, options: RepositoryOptions = {}): Promise<void> {
  return db.transaction('rw', [db.applications, db.attachments, db.meta], async () => {
    await keepAsSuperseded(db, data.id, data, nowIso(options), options)
    await dropHeldEdit(db, data.id)
  })
}

/**
 * Validates the record with the shared rules under the stored programme settings. When it
 * passes, the record takes the validated value — normalised exactly as the server will store
 * it (\`+86 139-1234-5678\` becomes \`13912345678\`) — so the tablet shows the agent what the
 * desk will see, not what was typed.
 */
async function validateStored(db: FieldDb, application: LocalApplication, options: RepositoryOptions): Promise<{ ok: true, application: LocalApplication } | { ok: false, issues: ValidationIssue[] }> {
  const settings = await readReference<ProgrammeSettings>(db, 'programme')
  if (!settings)
    throw new Error('No programme settings on this device yet: sync once before submitting.')
  const result = validateApplication(application.data, settings, { today: options.today })
  if (!result.ok)
    return { ok: false, issues: result.issues }
  return { ok: true, application: { ...application, data: plain(result.value), dupKeys: deviceDuplicateKeys(result.value) } }
}

/**
 * Queues the record and its mutation together; set-aside mutations of the record are
 * superseded. Refused while a mutation of the record is being pushed or waits for its answer
 * (`sync.busy`) — another tab, or a screen that has not caught up — and while a mutation of
 * another kind waits to leave (`sync.unsent_action`: a withdrawal after an unsent
 * resubmission, or the reverse): either way its base version is the one the earlier mutation
 * is about to move on, so it could only come back as a conflict.
 */
async function queue(db: FieldDb, application: LocalApplication, kind: MutationKind, baseVersion: number, status: LocalApplication['status'], options: RepositoryOptions): Promise<LocalApplication | 'sync.busy' | 'sync.unsent_action'> {
  const at = nowIso(options)
  const { unsentFix: _sentNow, ...unqueued } = application
  const updated: LocalApplication = { ...unqueued, status, syncState: 'queued', issues: null, serverCopy: null, updatedAt: at }
  const entry: OutboxEntry = { mutationId: (options.mutationId ?? uuidv7)(), applicationId: application.id, kind, baseVersion, deviceTime: at, createdAt: at, attempts: 0, lastError: null, setAsideAt: null }
  return db.transaction('rw', db.applications, db.outbox, async () => {
    if (await recordInFlight(db, await db.applications.get(application.id)))
      return 'sync.busy'
    const unsent = await db.outbox.where('applicationId').equals(application.id).filter(e => e.setAsideAt === null).toArray()
    if (unsent.some(e => e.kind !== kind))
      return 'sync.unsent_action'
    // The same action again before the first left (resubmitted once more after another edit in
    // the wizard): the waiting entry sends the record as it stands when it goes, so it stays,
    // dated now — a second one on the same base version could only come back as a conflict.
    const waiting = unsent[0]
    if (waiting) {
      await db.applications.put(updated)
      await db.outbox.update(waiting.mutationId, { deviceTime: at })
      return updated
    }
    await db.outbox.where('applicationId').equals(application.id).filter(e => e.setAsideAt !== null).delete()
    await db.applications.put(updated)
    await db.outbox.add(entry)
    return updated
  })
}

async function queued(db: FieldDb, application: LocalApplication, kind: MutationKind, baseVersion: number, status: LocalApplication['status'], options: RepositoryOptions): Promise<RepositoryResult> {
  const updated = await queue(db, application, kind, baseVersion, status, options)
  // Refused only while an earlier mutation of the record is unsettled: try again after a sync.
  return typeof updated === 'string' ? { ok: false, issues: [{ path: '', code: updated }] } : { ok: true, application: updated }
}

/** Submits a draft: validated with the shared rules under the stored programme settings, then queued. */
export async function submit(db: FieldDb, applicationId: string, options: RepositoryOptions = {}): Promise<RepositoryResult> {
  const application = await db.applications.get(applicationId)
  if (!application)
    return { ok: false, issues: [{ path: 'id', code: 'sync.unknown_application' }] }
  // A draft, a first submission the server rejected and the agent has fixed, or one still
  // waiting to leave that the agent edited and submits again (queue keeps its one entry).
  if (application.status !== 'draft' && !(application.status === 'queued' && (application.syncState === 'rejected' || application.syncState === 'queued')))
    return notAllowed(application.status, 'submit')
  // Those are submitted as a draft is: the table's answer for a draft is theirs.
  const refused = await refusal(db, application, 'draft', 'submit')
  if (refused)
    return refused
  const checked = await validateStored(db, application, options)
  if (!checked.ok)
    return checked
  return queued(db, checked.application, 'submit', 0, 'queued', options)
}

/**
 * Resubmits a returned application on the server version it was returned at (or, after a
 * conflict, on the server copy's version: the agent has redone the edit against it).
 */
export async function resubmit(db: FieldDb, applicationId: string, options: RepositoryOptions = {}): Promise<RepositoryResult> {
  const application = await db.applications.get(applicationId)
  if (!application)
    return { ok: false, issues: [{ path: 'id', code: 'sync.unknown_application' }] }
  const refused = await refusal(db, application, application.serverCopy?.status ?? application.status, 'resubmit')
  if (refused)
    return refused
  const checked = await validateStored(db, application, options)
  if (!checked.ok)
    return checked
  const base = application.serverCopy?.version ?? application.serverVersion
  return queued(db, checked.application, 'resubmit', base, 'returned', options)
}

/** Withdraws an application the server holds as submitted or returned, at one of the agent's sites. */
export async function withdraw(db: FieldDb, applicationId: string, options: RepositoryOptions = {}): Promise<RepositoryResult> {
  const application = await db.applications.get(applicationId)
  if (!application)
    return { ok: false, issues: [{ path: 'id', code: 'sync.unknown_application' }] }
  const refused = await refusal(db, application, application.serverCopy?.status ?? application.status, 'withdraw')
  if (refused)
    return refused
  const base = application.serverCopy?.version ?? application.serverVersion
  return queued(db, application, 'withdraw', base, application.status, options)
}

/**
 * Ends a conflict by taking the server's side, when the agent chooses to (the edit can no
 * longer be redone — the application is in review or decided — or is no longer wanted): the
 * record becomes the server's copy, and its set-aside mutation is removed in the same
 * transaction. The agent's edit is kept on the record (`supersededEdit`), never dropped.
 */
export function acceptServerCopy(db: FieldDb, applicationId: string, options: RepositoryOptions = {}): Promise<RepositoryResult> {
  return db.transaction('rw', [db.applications, db.outbox, db.attachments, db.meta], async () => {
    const application = await db.applications.get(applicationId)
    if (!application)
      return { ok: false, issues: [{ path: 'id', code: 'sync.unknown_application' }] }
    const entries = await db.outbox.where('applicationId').equals(applicationId).toArray()
    const copy = application.serverCopy
    // Only a conflict whose every mutation was set aside: a queued one may still be applied.
    if (application.syncState !== 'conflict' || !copy || entries.some(entry => entry.setAsideAt === null))
      return { ok: false, issues: [{ path: '', code: 'sync.no_conflict' }] }
    const at = nowIso(options)
    const edit = entries.at(-1)
    const updated: LocalApplication = {
      ...recordFromServerCopy(copy, at),
      supersededEdit: { data: application.data, kind: edit?.kind ?? 'submit', editedAt: edit?.deviceTime ?? application.updatedAt, supersededAt: at },
    }
    await db.outbox.bulkDelete(entries.map(entry => entry.mutationId))
    await db.applications.put(updated)
    // The unsent edit this one replaces (newest wins): its files go once nothing names them.
    await discardUnnamed(db, fileIds(application.supersededEdit?.data))
    return { ok: true, application: updated }
  })
}

// A read, kept in field-db.ts so the session code does not load the validation rules.
export { unsyncedCount } from './field-db'

/**
 * The device's other applications that share an ID document, a mobile or a USCC with this
 * one (the at-once duplicate hint), with the keys they share. Uses the multi-entry index.
 */
export async function findDeviceDuplicates(db: FieldDb, application: { id: string, data: unknown }): Promise<Array<{ application: LocalApplication, keys: string[] }>> {
  const keys = deviceDuplicateKeys(application.data)
  if (keys.length === 0)
    return []
  const matches = await db.applications.where('dupKeys').anyOf(keys).distinct().toArray()
  return matches
    .filter(other => other.id !== application.id)
    .map(other => ({ application: other, keys: other.dupKeys.filter(key => keys.includes(key)) }))
}

function fileIds(data: ApplicationInput | undefined): string[] {
  return (data?.attachments ?? []).map(a => a.id)
}

/** Removes those of these files nothing names any more: the edit that named them was replaced or dropped. */
async function discardUnnamed(db: FieldDb, ids: readonly string[]): Promise<void> {
  for (const id of new Set(ids))
    await discardAttachment(db, id)
}

/**
 * Removes a file the agent retook or removed (or a signature a change voided) once nothing
 * names it: no record, no unsent edit of one, no edit held during a sync. Whether it was
 * uploaded does not matter: a file nothing names is never sent, and one the server
 * acknowledged is kept there (left here, a fix's retaken photos would fill the tablet).
 */
export function discardAttachment(db: FieldDb, attachmentId: string): Promise<boolean> {
  return db.transaction('rw', [db.attachments, db.applications, db.meta], async () => {
    const attachment = await db.attachments.get(attachmentId)
    if (!attachment)
      return false
    const named = await db.applications.filter(app => filesNamedBy(app).includes(attachmentId)).count()
    const held = Object.values(await readHeldEdits(db)).some(edit => edit.data.attachments?.some(a => a.id === attachmentId))
    if (named > 0 || held)
      return false
    await db.attachments.delete(attachmentId)
    return true
  })
}

/**
 * Deletes a draft the agent chose to discard: only a draft the server has never seen and
 * with nothing in the outbox, with its files. Everything else is kept.
 */
export function deleteDraft(db: FieldDb, applicationId: string): Promise<boolean> {
  return db.transaction('rw', [db.applications, db.attachments, db.outbox], async () => {
    const app = await db.applications.get(applicationId)
    if (!app || app.status !== 'draft' || app.serverVersion !== 0 || await db.outbox.where('applicationId').equals(applicationId).count() > 0)
      return false
    await db.attachments.bulkDelete((app.data.attachments ?? []).map(a => a.id))
    await db.applications.delete(applicationId)
    return true
  })
}
