import type { FieldDb } from '../storage/field-db'
import type { SyncTransport } from './sync-transport'
import { unsyncedCount } from '../storage/field-db'
import { adoptReturned } from './adopt-returned'
import { confirmAttachments } from './confirm-attachments'
import { forgetFinished } from './forget-finished'
import { pullChanges } from './pull-changes'
import { pushOutbox, recoverInterrupted } from './push-outbox'
import { saveHeldEditsAfterPush } from './save-held-edits'
import { SyncHttpError } from './sync-transport'
import { uploadAttachments } from './upload-attachments'

/**
 * One sync run: upload files → push the outbox → confirm late files → save the edits held
 * back while their record was in flight (save-held-edits.ts) → pull changes → fetch the
 * agent's returned applications this device does not hold (captured on another) → forget what
 * the server decided for good long enough ago (forget-finished.ts). Only one
 * run at a time, across tabs too (Web Locks; an in-memory mutex where they are missing); a
 * call during a run joins it. `meta` keeps the time of the last run that succeeded
 * (`lastSyncAt`, which a failure leaves as it was) and the last run's error (`lastSyncError`,
 * cleared by a success). When the server says the device is revoked (403 `auth.device_revoked` with
 * `wipe: true`), the whole local database is deleted: the only deletion of unsynced data.
 *
 * Scheduling (start-up, `online`, timer with backoff, on demand) belongs to the caller.
 */

export type SyncPhase = 'upload' | 'push' | 'pull' | 'done'
export interface SyncProgress { phase: SyncPhase, done: number, total: number }
export type SyncListener = (progress: SyncProgress) => void

export type SyncOutcome
  = | { ok: true, pushed: number, synced: number, rejected: number, conflicts: number, pulled: number }
    | { ok: false, error: string, status?: number, code?: string }
    | { ok: false, wiped: true, /** Applications erased before the server had them (the agent is told). */ erasedUnsynced: number }

interface LockManagerLike {
  request: {
    <T>(name: string, callback: () => Promise<T>): Promise<T>
    <T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>
  }
}

export const SYNC_LOCK_NAME = 'field-enrol-sync'

export interface SyncEngineOptions {
  db: FieldDb
  transport: SyncTransport
  now?: () => Date
  /** Web Locks; defaults to `navigator.locks` when present. `null` forces the in-memory mutex. */
  locks?: LockManagerLike | null
  /** Called after a revoked device's database was deleted (sign out, go to the login page). */
  onWiped?: (erasedUnsynced: number) => void
  /** Whether the device has a network, to tell a failure offline from a server out of reach; defaults to `navigator.onLine`. */
  isOnline?: () => boolean
}

export interface SyncEngine {
  runSync: () => Promise<SyncOutcome>
  /**
   * At start-up: records a closed tab or a crash left `syncing` mid-push show as `queued`
   * again — unless a run holds the lock (in this tab or another), whose answer settles them.
   */
  recover: () => Promise<void>
  onProgress: (listener: SyncListener) => () => void
}

function defaultLocks(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator
  return nav?.locks ?? null
}

function defaultIsOnline(): boolean {
  return (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine !== false
}

/**
 * A failed run as a code of the shared catalogue, for the screens: the server's own code when
 * it sent one; a request that got no answer at all (fetch rejects with a TypeError, "Failed to
 * fetch" in English whatever the agent's language), or one given up unanswered after the
 * transport's time limit (a DOMException `TimeoutError`), is `sync.offline` when the device has no
 * network, else `sync.unreachable` (the server is down or out of reach: getting a network is
 * not the remedy). Anything else is a fault on the device and keeps its own words.
 */
function failureCode(error: unknown, online: boolean): string | undefined {
  if (error instanceof SyncHttpError)
    return error.body?.error?.code ?? 'sync.server_unavailable'
  // A request given up unanswered (the transport's time limit) got no answer either.
  if (error instanceof TypeError || (error as { name?: unknown } | null)?.name === 'TimeoutError')
    return online ? 'sync.unreachable' : 'sync.offline'
  return undefined
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, transport } = options
  const now = options.now ?? (() => new Date())
  const locks = options.locks === undefined ? defaultLocks() : options.locks
  const isOnline = options.isOnline ?? defaultIsOnline
  const listeners = new Set<SyncListener>()
  let running: Promise<SyncOutcome> | null = null

  const emit = (phase: SyncPhase) => (done: number, total: number) => listeners.forEach(l => l({ phase, done, total }))

  async function wipe(): Promise<SyncOutcome> {
    // Counted first: the agent is told what the server never received, to redo it on paper or with the applicant.
    const erasedUnsynced = await unsyncedCount(db).catch(() => 0)
    // Deletes through the instance, so the same IndexedDB the database was opened on is used.
    await db.erase()
    options.onWiped?.(erasedUnsynced)
    return { ok: false, wiped: true, erasedUnsynced }
  }

  async function run(): Promise<SyncOutcome> {
    try {
      await uploadAttachments(db, transport, emit('upload'))
      const pushed = await pushOutbox(db, transport, { now, onProgress: emit('push') })
      await confirmAttachments(db, transport)
      await saveHeldEditsAfterPush(db, now)
      const pulled = await pullChanges(db, transport, { now, onProgress: emit('pull') })
      await adoptReturned(db, transport, now)
      await forgetFinished(db, now())
      await db.meta.bulkPut([{ key: 'lastSyncAt', value: now().toISOString() }, { key: 'lastSyncError', value: null }])
      emit('done')(1, 1)
      return { ok: true, ...pushed, pulled: pulled.changes }
    }
    catch (error) {
      if (error instanceof SyncHttpError && error.deviceRevoked)
        return wipe()
      const message = error instanceof Error ? error.message : String(error)
      // Cancelled because its session ended (the transport's signal): not a failure of the
      // device or the server, and nothing for the next session of this agent to show.
      if ((error as { name?: unknown } | null)?.name === 'AbortError')
        return { ok: false, error: message }
      const code = failureCode(error, isOnline())
      await db.meta.put({ key: 'lastSyncError', value: code ?? message })
      if (error instanceof SyncHttpError)
        return { ok: false, error: message, status: error.status, code }
      return code ? { ok: false, error: message, code } : { ok: false, error: message }
    }
  }

  function runSync(): Promise<SyncOutcome> {
    running ??= (locks ? locks.request(SYNC_LOCK_NAME, run) : run()).finally(() => {
      running = null
    })
    return running
  }

  async function recover(): Promise<void> {
    if (running)
      return
    if (!locks)
      return recoverInterrupted(db)
    await locks.request(SYNC_LOCK_NAME, { ifAvailable: true }, async (lock) => {
      if (lock)
        await recoverInterrupted(db)
    })
  }

  return {
    runSync,
    recover,
    onProgress: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
