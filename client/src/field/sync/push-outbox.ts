import type { Mutation, MutationResult } from '#shared/sync/protocol'
import type { FieldDb, LocalApplication, OutboxEntry, SyncState } from '../storage/field-db'
import type { SyncTransport } from './sync-transport'
import { MAX_PUSH_BATCH, SYNC_PROTOCOL_VERSION } from '#shared/sync/protocol-constants'
import { serverAwaitsFiles, withoutMootState } from './files-awaited'

/**
 * Pushes the outbox, oldest first, in batches of MAX_PUSH_BATCH, and stores every answer:
 * - applied / already applied: the receipt and server version are stored and the outbox
 *   entry deleted in the same transaction; the record is `synced` only when the receipt
 *   lists no missing attachment the server still waits for (otherwise it stays `queued`
 *   until they arrive; a withdrawn application waits for nothing: files-awaited.ts);
 * - rejected: the record is set aside with the issues, its entry kept but not retried;
 * - conflict: the local edit stays as it is and the server copy is stored beside it.
 * With no answer (network error, 5xx) nothing changes except attempts (counted as the batch
 * is taken for sending) and lastError; the error is thrown for the engine to record. The same mutation id is sent again next time,
 * so a lost answer never makes a second record.
 */

export interface PushSummary {
  pushed: number
  synced: number
  rejected: number
  conflicts: number
}

/** The oldest entries not set aside and not yet sent in this run (an unanswered one waits for the next run). */
function pendingEntries(db: FieldDb, sent: ReadonlySet<string>): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('createdAt').filter(e => e.setAsideAt === null && !sent.has(e.mutationId)).limit(MAX_PUSH_BATCH).toArray()
}

function toMutation(entry: OutboxEntry, application: LocalApplication): Mutation {
  const base = { mutationId: entry.mutationId, applicationId: entry.applicationId, baseVersion: entry.baseVersion, deviceTime: entry.deviceTime }
  if (entry.kind === 'withdraw')
    return { kind: 'withdraw', ...base }
  return { kind: entry.kind, ...base, application: application.data as unknown as Record<string, unknown> }
}

/**
 * Reads the batch's records and marks them `syncing` in one transaction, so what is sent is
 * exactly what was marked: an edit either lands before (and is sent) or is refused while
 * `syncing` (see saveDraft). Reading first and marking later would let an edit slip in
 * between, be marked synced by the answer, and never reach the server.
 *
 * The entries count the attempt in the same transaction, before anything is sent: once sent,
 * the server may hold the mutation whatever becomes of this run. `syncing` does not say so
 * for long — a closed tab, a sign-out closing the database or a crash leaves it for recovery
 * to turn back into `queued` — but the attempt stays, and saveDraft refuses an edit until the
 * server's answer is stored (a retry would only get the old answer back).
 */
async function takeForSending(db: FieldDb, entries: OutboxEntry[]): Promise<{ applications: Map<string, LocalApplication>, before: Map<string, SyncState> }> {
  return db.transaction('rw', db.applications, db.outbox, async () => {
    const applications = new Map<string, LocalApplication>()
    const before = new Map<string, SyncState>()
    for (const app of await db.applications.bulkGet(entries.map(e => e.applicationId))) {
      if (app) {
        applications.set(app.id, app)
        before.set(app.id, app.syncState)
        await db.applications.update(app.id, { syncState: 'syncing' })
      }
    }
    const sending = entries.filter(e => applications.has(e.applicationId))
    await db.outbox.bulkUpdate(sending.map(e => ({ key: e.mutationId, changes: { attempts: e.attempts + 1 } })))
    return { applications, before }
  })
}

async function restoreAfterFailure(db: FieldDb, entries: OutboxEntry[], before: Map<string, SyncState>, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error)
  await db.transaction('rw', db.applications, db.outbox, async () => {
    for (const [id, state] of before)
      await db.applications.update(id, { syncState: state })
    for (const entry of entries)
      await db.outbox.update(entry.mutationId, { lastError: message })
  })
}

async function storeAnswer(db: FieldDb, entry: OutboxEntry, result: MutationResult, at: string, summary: PushSummary): Promise<void> {
  const app = await db.applications.get(entry.applicationId)
  if (!app)
    return
  switch (result.outcome) {
    case 'applied':
    case 'already_applied': {
      const complete = !serverAwaitsFiles(result.receipt.status, result.receipt.missingAttachments)
      await db.applications.put(withoutMootState({ ...app, receipt: result.receipt, serverVersion: result.receipt.version, status: result.receipt.status, syncState: complete ? 'synced' : 'queued', issues: null, serverCopy: null, updatedAt: at }, result.receipt.status))
      await db.outbox.delete(entry.mutationId)
      if (complete)
        summary.synced++
      return
    }
    case 'rejected':
      await db.applications.put({ ...app, syncState: 'rejected', issues: result.issues, updatedAt: at })
      await db.outbox.update(entry.mutationId, { setAsideAt: at, lastError: 'rejected' })
      summary.rejected++
      return
    case 'conflict':
      // The local edit (`data`) is kept untouched; the server copy goes beside it.
      await db.applications.put({ ...app, syncState: 'conflict', serverCopy: result.server, updatedAt: at })
      await db.outbox.update(entry.mutationId, { setAsideAt: at, lastError: 'conflict' })
      summary.conflicts++
  }
}

/** Records left `syncing` by an interrupted run (the app closed mid-push) go back to `queued`. */
export async function recoverInterrupted(db: FieldDb): Promise<void> {
  await db.applications.where('syncState').equals('syncing').modify({ syncState: 'queued' })
}

export async function pushOutbox(db: FieldDb, transport: SyncTransport, options: { now?: () => Date, onProgress?: (done: number, total: number) => void } = {}): Promise<PushSummary> {
  const now = () => (options.now?.() ?? new Date()).toISOString()
  await recoverInterrupted(db)
  const total = await db.outbox.filter(e => e.setAsideAt === null).count()
  const summary: PushSummary = { pushed: 0, synced: 0, rejected: 0, conflicts: 0 }
  options.onProgress?.(0, total)

  const sent = new Set<string>()
  for (let entries = await pendingEntries(db, sent); entries.length > 0; entries = await pendingEntries(db, sent)) {
    entries.forEach(e => sent.add(e.mutationId))
    const { applications, before } = await takeForSending(db, entries)
    const orphans = entries.filter(e => !applications.has(e.applicationId))
    if (orphans.length > 0) {
      // An entry whose record is gone cannot be sent; keep it aside rather than lose it.
      await db.outbox.bulkUpdate(orphans.map(e => ({ key: e.mutationId, changes: { setAsideAt: now(), lastError: 'application missing' } })))
      await restoreAfterFailure(db, [], before, 'application missing')
      continue
    }

    let results: MutationResult[]
    try {
      results = (await transport.push({ protocolVersion: SYNC_PROTOCOL_VERSION, mutations: entries.map(e => toMutation(e, applications.get(e.applicationId)!)), sentAt: now() })).results
    }
    catch (error) {
      await restoreAfterFailure(db, entries, before, error)
      throw error
    }

    const byId = new Map(results.map(r => [r.mutationId, r]))
    const at = now()
    await db.transaction('rw', db.applications, db.outbox, async () => {
      for (const entry of entries) {
        const result = byId.get(entry.mutationId)
        if (result)
          await storeAnswer(db, entry, result, at, summary)
      }
      // A record the server did not answer for goes back to how it was.
      for (const [id, state] of before) {
        const app = await db.applications.get(id)
        if (app?.syncState === 'syncing')
          await db.applications.update(id, { syncState: state })
      }
    })
    summary.pushed += entries.length
    options.onProgress?.(summary.pushed, total)
  }
  return summary
}
