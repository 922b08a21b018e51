import type { FieldSession } from '../auth/session.store'
import type { SyncEngine, SyncOutcome, SyncProgress } from '../sync/sync-engine'
import type { SyncScheduler } from '../sync/sync-scheduler'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { appLanguageFetch } from '../../app/network/app-language-fetch'
import { useSessionStore } from '../auth/session.store'
import { readMeta, unsyncedCount } from '../storage/field-db'
import { createSyncEngine } from '../sync/sync-engine'
import { createSyncScheduler } from '../sync/sync-scheduler'
import { createFetchTransport } from '../sync/sync-transport'

/**
 * The sync engine's state for the screens (STYLE.md §5): whether a run is going on and how
 * far, the time of the last successful sync and the last error (also stored in the device
 * database, so they survive a reload), when the last run ended, when the next try is due, and whether the server wants an online sign-in first.
 * The engine and its scheduler are plain TypeScript; this store only wires them to the
 * session and exposes what they report.
 */
export const useSyncStore = defineStore('sync', () => {
  const sessionStore = useSessionStore()
  const running = ref(false)
  const progress = shallowRef<SyncProgress | null>(null)
  /** The last run that succeeded: what 上次同步 means to the agent. */
  const lastSyncAt = ref<string | null>(null)
  /** The last run that ended, however it ended (this page only): a caller waiting for a run to settle. */
  const lastAttemptAt = ref<string | null>(null)
  const lastError = ref<string | null>(null)
  const lastOutcome = shallowRef<SyncOutcome | null>(null)
  const nextAt = ref<number | null>(null)
  /** How far this tablet's clock was off the server's at the last pull (positive: fast). */
  const clockOffsetMs = ref<number | null>(null)
  /** The server refused the token (or it is missing): an online sign-in comes before the next sync. */
  const needsSignIn = computed(() => sessionStore.needsOnlineSignIn)
  let engine: SyncEngine | null = null
  let scheduler: SyncScheduler | null = null
  let offProgress: (() => void) | null = null
  let attachedTo: FieldSession | null = null
  /** Ends the attached session's requests when it is detached (signed out, wiped). */
  let cancel: AbortController | null = null

  function settled(outcome: SyncOutcome, next: number | null): void {
    running.value = false
    progress.value = null
    lastOutcome.value = outcome
    nextAt.value = next
    lastAttemptAt.value = new Date().toISOString()
    // The pull stored how far the clock is off; a wiped device has nothing left to read.
    const db = attachedTo?.db
    if (db && !('wiped' in outcome)) {
      readMeta<number | null>(db, 'clockOffsetMs')
        .then((value) => { clockOffsetMs.value = value ?? null })
        .catch(() => { /* advisory: the card keeps what it showed */ })
    }
    if (outcome.ok) {
      lastSyncAt.value = lastAttemptAt.value
      lastError.value = null
    }
    else if ('wiped' in outcome) {
      lastError.value = null
    }
    else {
      lastError.value = outcome.code ?? outcome.error
      if (outcome.status === 401)
        sessionStore.tokenRefused()
    }
  }

  /**
   * Starts syncing for this session: at once, then on `online`, on the timer and on demand.
   * `onWiped` is told which session's database a revoked device's wipe deleted, and how many
   * unsynced applications went with it: a run may end after its session did (signed out
   * mid-push), in the next user's.
   */
  async function attach(session: FieldSession, hooks: { onWiped: (wiped: FieldSession, erasedUnsynced: number) => void }): Promise<void> {
    if (attachedTo === session)
      return
    detach()
    attachedTo = session
    const cancelled = new AbortController()
    cancel = cancelled
    // A session ended meanwhile closed its database: its reads fail, and that is no error.
    const unlessDetached = (error: unknown): void => {
      if (!cancelled.signal.aborted)
        throw error
    }
    try {
      lastSyncAt.value = (await readMeta<string>(session.db, 'lastSyncAt')) ?? null
      lastError.value = (await readMeta<string | null>(session.db, 'lastSyncError')) ?? null
      clockOffsetMs.value = (await readMeta<number | null>(session.db, 'clockOffsetMs')) ?? null
    }
    catch (error) {
      unlessDetached(error)
    }
    // Detached while reading (signed out at once): no engine nor timer for a session that ended.
    if (cancelled.signal.aborted)
      return
    engine = createSyncEngine({
      db: session.db,
      transport: createFetchTransport({ baseUrl: '', fetch: appLanguageFetch, getToken: () => session.token, getUnsyncedCount: () => unsyncedCount(session.db), signal: cancelled.signal }),
      onWiped: erasedUnsynced => hooks.onWiped(session, erasedUnsynced),
    })
    offProgress = engine.onProgress((value) => {
      progress.value = value.phase === 'done' ? null : value
    })
    const run = engine.runSync
    scheduler = createSyncScheduler({
      run: () => {
        running.value = true
        return run()
      },
      // A run still on its way when its session ended (a sign-out mid-push) ends in the next
      // user's: its outcome, a refused token above all, is not theirs to be shown or acted on.
      onSettled: (outcome, next) => {
        if (attachedTo === session)
          settled(outcome, next)
      },
    })
    // Before anything shows a state: a record a closed tab left mid-push is queued again.
    await engine.recover().catch(unlessDetached)
    if (session.token !== null && !cancelled.signal.aborted)
      scheduler.start()
  }

  /**
   * Stops syncing for the attached session. A run still going is cancelled (its requests
   * aborted): it must not go on with the old token once its agent signed out. Nothing is
   * lost: a push left unanswered stays in the outbox, its records turned back to `queued` at
   * the next attach (recover), and the server answers its retry `already_applied` if it had
   * applied it.
   */
  function detach(): void {
    cancel?.abort()
    cancel = null
    scheduler?.stop()
    offProgress?.()
    engine = null
    scheduler = null
    offProgress = null
    attachedTo = null
    running.value = false
    progress.value = null
    nextAt.value = null
  }

  /** 立即同步: runs now (or joins the run in progress). */
  async function syncNow(): Promise<SyncOutcome | null> {
    if (!scheduler || !attachedTo)
      return null
    if (attachedTo.token === null)
      return null
    scheduler.start()
    return scheduler.runNow()
  }

  return { running, progress, lastSyncAt, lastAttemptAt, lastError, lastOutcome, nextAt, clockOffsetMs, needsSignIn, attach, detach, syncNow }
})
