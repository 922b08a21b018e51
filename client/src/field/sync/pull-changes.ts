import type { ApplicationChange, PullResponse } from '#shared/sync/protocol'
import type { FieldDb } from '../storage/field-db'
import type { SyncTransport } from './sync-transport'
import { clockOffsetMs } from '#shared/sync/clock-offset'
import { readMeta } from '../storage/field-db'
import { serverAwaitsFiles, withoutMootState } from './files-awaited'
import { SyncHttpError } from './sync-transport'

/**
 * Pulls the server's changes after the stored cursor, page by page until `hasMore` is false.
 * Each page's changes, its reference data and its cursor are stored in one transaction, so
 * the cursor never runs ahead of what the device has applied.
 *
 * A change updates the server-side facts of a record (status, version, return items, member
 * number), never the agent's form data. A record with local work still in the outbox (pending
 * or set aside) keeps its own facts: its push answer (a receipt or a conflict with the server
 * copy) reconciles it, so a pulled status never hides an unsent edit. A conflict's server copy,
 * though, follows the server: the agent decides what to do with their edit on what the server
 * holds now (returned again: redo it; decided: take the server's side). The copy's form data
 * stays as the conflict brought it (a change does not carry form data).
 *
 * A change for an application this device does not hold (captured on the agent's previous
 * tablet) is noted when it is a return, so adoptReturned can fetch it for the agent to fix:
 * the note is stored with the cursor, so moving past the change never loses it. A later
 * change of another status drops the note (it was fixed or withdrawn elsewhere).
 *
 * A cursor the server refuses as beyond its feed's end (`sync.cursor_ahead`: its database was
 * restored from an older backup) is dropped and the pull starts again from 0; changes already
 * applied come again and are skipped by their versions. The outbox is not touched.
 */

async function applyChange(db: FieldDb, change: ApplicationChange, at: string): Promise<boolean> {
  const app = await db.applications.get(change.applicationId)
  if (!app || change.version <= app.serverVersion)
    return false
  if (app.syncState === 'conflict' && app.serverCopy) {
    if (change.version <= app.serverCopy.version)
      return false
    const { status, version, returnItems, decisionNote, rejectReason } = change
    await db.applications.put({ ...app, serverCopy: { ...app.serverCopy, status, version, returnItems, decisionNote, rejectReason, memberNo: change.memberNo ?? app.serverCopy.memberNo }, updatedAt: at })
    return true
  }
  if (await db.outbox.where('applicationId').equals(app.id).count() > 0)
    return false
  await db.applications.put(withoutMootState({
    ...app,
    // Nothing of the record waits in the outbox, so a queued one was waiting only for files
    // the server never got (refused, or not on this tablet). A return or a decision ends that
    // wait: a returned record belongs under 退回补充, where the fix retakes them.
    syncState: app.syncState === 'queued' && !serverAwaitsFiles(change.status, app.receipt?.missingAttachments ?? []) ? 'synced' : app.syncState,
    status: change.status,
    serverVersion: change.version,
    returnItems: change.returnItems,
    decisionNote: change.decisionNote,
    rejectReason: change.rejectReason,
    memberNo: change.memberNo ?? app.memberNo,
    // Nothing of the record is unsent, so its data is the version the reviewer returned.
    returnedData: change.status === 'returned' ? app.data : undefined,
    updatedAt: at,
  }, change.status))
  return true
}

async function storePage(db: FieldDb, page: PullResponse, at: string): Promise<number> {
  return db.transaction('rw', [db.applications, db.outbox, db.meta, db.reference], async () => {
    let applied = 0
    const toAdopt = new Set((await readMeta<string[]>(db, 'adoptQueue')) ?? [])
    for (const change of page.changes) {
      if (await applyChange(db, change, at))
        applied++
      else if (change.status === 'returned' && !await db.applications.get(change.applicationId))
        toAdopt.add(change.applicationId)
      else if (change.status !== 'returned')
        toAdopt.delete(change.applicationId)
    }
    await db.meta.put({ key: 'adoptQueue', value: [...toAdopt] })
    await db.reference.bulkPut([
      { key: 'programme', value: page.reference.programme },
      { key: 'programmeVersion', value: page.reference.programmeVersion },
      { key: 'sites', value: page.reference.sites },
      { key: 'siteIds', value: page.reference.siteIds },
    ])
    await db.meta.put({ key: 'syncCursor', value: page.cursor })
    // How far this tablet's clock is off the server's, for the device page to say.
    await db.meta.put({ key: 'clockOffsetMs', value: clockOffsetMs(at, page.serverTime) })
    return applied
  })
}

function isCursorAhead(error: unknown): boolean {
  return error instanceof SyncHttpError && error.status === 409 && error.body?.error?.code === 'sync.cursor_ahead'
}

export async function pullChanges(db: FieldDb, transport: SyncTransport, options: { now?: () => Date, onProgress?: (done: number, total: number) => void } = {}): Promise<{ changes: number, applied: number }> {
  let cursor = (await readMeta<number>(db, 'syncCursor')) ?? 0
  let changes = 0
  let applied = 0
  for (;;) {
    let page: PullResponse
    try {
      page = await transport.pull(cursor)
    }
    catch (error) {
      if (cursor === 0 || !isCursorAhead(error))
        throw error
      cursor = 0
      continue
    }
    applied += await storePage(db, page, (options.now?.() ?? new Date()).toISOString())
    changes += page.changes.length
    cursor = page.cursor
    options.onProgress?.(changes, changes + (page.hasMore ? 1 : 0))
    if (!page.hasMore)
      return { changes, applied }
  }
}
