import type { ApplicationInput } from '#shared/application/application.schema'
import type { AttachmentKind } from '#shared/application/enums'
import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { ReturnItem } from '#shared/status/review-decisions'
import type { ApplicationStatus } from '#shared/status/status-table'
import type { MutationKind, MutationResult, ServerCopy, SyncReceipt } from '#shared/sync/protocol'
import type { DexieOptions, EntityTable } from 'dexie'
import { deviceDuplicateKeys } from '#shared/dedup/device-keys'
import Dexie from 'dexie'

/**
 * The device's own database (DESIGN.md §5), one per signed-in user (`field-enrol-<staffId>`),
 * so each user on a shared tablet sees only their own queue. Dexie is the record of
 * unsynced work; nothing else (no service-worker queue) is.
 *
 * What lives where:
 * - `applications`: every application this user entered, its form data (`data`), its
 *   status, its sync state, the server's receipt once stored, the server's rejection
 *   issues, and on a conflict the server copy kept beside the local edit;
 * - `attachments`: photos and PDFs as Blobs (never base64), by id, with their SHA-256;
 * - `outbox`: the mutations not yet acknowledged by the server, oldest first;
 * - `meta`: sync cursor, the last successful sync's time and the last run's error, device
 *   code, receipt sequence counter, and the agent's returned applications this device does
 *   not hold yet (`adoptQueue`), and edits refused because their record was being synced,
 *   until they are saved (`heldEdits`);
 * - `reference`: programme settings and sites from the last pull.
 *
 * Guarantees: applications and outbox are written with strict durability, always together
 * in one transaction (see applications.repository.ts); a record shows as `synced` only once
 * the server's receipt for it is stored here; nothing unsynced is deleted, except when the
 * server says the device is revoked and must be wiped.
 *
 * Schema versions are kept here forever; a later version adds a new `version(n).stores()`
 * block and moves data in its `upgrade()`, never edits an old one. test/unit/client
 * fills a database at each earlier version and upgrades it.
 *
 * - v1: the first release.
 * - v2: `applications.*dupKeys` (duplicate hint keys, computed for existing records) and the
 *   reviewer's `decisionNote` / `rejectReason` beside the return items.
 */

export const SYNC_STATES = ['draft', 'queued', 'syncing', 'synced', 'rejected', 'conflict'] as const
export type SyncState = (typeof SYNC_STATES)[number]

/** An issue as the server reports it in a rejection. */
export type SyncIssue = Extract<MutationResult, { outcome: 'rejected' }>['issues'][number]

export interface LocalApplication {
  id: string
  /** The form data, a plain object (never a Vue proxy). */
  data: ApplicationInput
  receiptNo: string
  status: ApplicationStatus
  syncState: SyncState
  /** The server version this copy is based on (0 before the server has it). */
  serverVersion: number
  receipt: SyncReceipt | null
  /** The server's rejection (codes and params), until the agent fixes and submits again. */
  issues: SyncIssue[] | null
  serverCopy: ServerCopy | null
  returnItems: ReturnItem[] | null
  /** The reviewer's comment with a return, and the reason code of a rejection. */
  decisionNote: string | null
  rejectReason: string | null
  memberNo: string | null
  /** Normalised ID / mobile / USCC keys for the at-once duplicate hint (schema v2, multi-entry index). */
  dupKeys: string[]
  updatedAt: string
  /**
   * The agent's own edit, kept when they ended a conflict by taking the server's copy
   * (acceptServerCopy), or held during a push that was then applied (saveHeldEdits): what
   * was never sent is never dropped. Not indexed: no schema version.
   */
  supersededEdit?: SupersededEdit
  /**
   * A fix the agent saved to a returned application the device held as the server does
   * (synced): until it is resubmitted it is on this device only, so it counts as unsynced —
   * in the sign-out warning and in the count the administrator sees before revoking the
   * device (which wipes it). Cleared when the fix is queued, or when the application is
   * decided and can no longer take it. Not indexed: no schema version.
   */
  unsentFix?: true
  /**
   * The record's files the server refused at their last upload (damaged, wrong type, too
   * large): they will never arrive as they are, so the agent is told which and why rather
   * than only that files are still missing. Set and cleared by each sync's upload. Not
   * indexed: no schema version.
   */
  fileRefusals?: FileRefusal[]
  /**
   * The form data as the reviewer returned it, while the record is returned: what the fix is
   * compared with, so the wizard can say which return items it has not touched yet
   * (untouchedReturnItems). Absent on records returned before it was kept (nothing is then
   * said). Not indexed: no schema version.
   */
  returnedData?: ApplicationInput
}

/** A file the server refused, with its code (e.g. `attachment.hash_mismatch`) and params. */
export interface FileRefusal {
  attachmentId: string
  kind: AttachmentKind
  code: string
  params?: Record<string, string | number>
}

export interface SupersededEdit {
  data: ApplicationInput
  /**
   * What the edit was for: the set-aside mutation's kind, or `edit` — a change typed while the
   * record was being pushed (held), which the push, once applied, left the device unable to save.
   */
  kind: MutationKind | 'edit'
  /** The device time of the edit, and when the agent took the server's copy instead. */
  editedAt: string
  supersededAt: string
}

export interface LocalAttachment {
  id: string
  sha256: string
  kind: string
  mediaType: string
  size: number
  blob: Blob
  /** True only after the server answered 200/201 for this hash. */
  uploaded: boolean
}

export interface OutboxEntry {
  mutationId: string
  applicationId: string
  kind: MutationKind
  baseVersion: number
  /** The device clock when the agent acted. */
  deviceTime: string
  createdAt: string
  attempts: number
  lastError: string | null
  /** Set when the server rejected or conflicted it: kept, never retried automatically. */
  setAsideAt: string | null
}

export interface MetaRow { key: MetaKey, value: unknown }
export type MetaKey = 'syncCursor' | 'lastSyncAt' | 'lastSyncError' | 'deviceCode' | 'receiptSequence' | 'adoptQueue' | 'heldEdits' | 'clockOffsetMs'

export interface ReferenceRow { key: ReferenceKey, value: unknown }
export type ReferenceKey = 'programme' | 'programmeVersion' | 'sites' | 'siteIds'

export type StoredProgramme = ProgrammeSettings

export function fieldDbName(staffId: string): string {
  return `field-enrol-${staffId}`
}

export class FieldDb extends Dexie {
  applications!: EntityTable<LocalApplication, 'id'>
  attachments!: EntityTable<LocalAttachment, 'id'>
  outbox!: EntityTable<OutboxEntry, 'mutationId'>
  meta!: EntityTable<MetaRow, 'key'>
  reference!: EntityTable<ReferenceRow, 'key'>
  /**
   * True once this database was deleted (a remote wipe, by this tab or another): it stays
   * closed for good. Dexie would otherwise open it again at the next read or write — empty,
   * under the wiped user's name — and the tab would go on working in it. Nothing is saved to
   * it or rescued for it any more.
   */
  erased = false

  /**
   * `name` is `fieldDbName(staffId)` in the app; tests pass their own, and an IndexedDB
   * implementation (fake-indexeddb) instead of the browser's.
   */
  constructor(name: string, dependencies: Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'> = {}) {
    super(name, { chromeTransactionDurability: 'strict', ...dependencies })
    this.version(1).stores({
      applications: 'id, syncState, status, updatedAt, receiptNo',
      attachments: 'id, sha256',
      outbox: 'mutationId, applicationId, createdAt',
      meta: 'key',
      reference: 'key',
    })
    this.version(2).stores({
      applications: 'id, syncState, status, updatedAt, receiptNo, *dupKeys',
    }).upgrade(tx => tx.table<LocalApplication>('applications').toCollection().modify((app) => {
      app.dupKeys = deviceDuplicateKeys(app.data)
      app.decisionNote ??= null
      app.rejectReason ??= null
    }))
    // Another connection deletes the database (newVersion null). Dexie's own handler would
    // close this one but leave it to open again: a wipe must not come back as an empty
    // database. Later handlers run first; false keeps Dexie's from undoing the close.
    this.on('versionchange', (event: { newVersion: number | null }) => {
      if (event.newVersion !== null)
        return undefined
      this.erased = true
      this.close()
      return false
    })
  }

  /** The remote wipe: the database is deleted, and this connection marked erased first. */
  erase(): Promise<void> {
    this.erased = true
    return this.delete()
  }
}

export async function readMeta<T>(db: FieldDb, key: MetaKey): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined
}

export async function readReference<T>(db: FieldDb, key: ReferenceKey): Promise<T | undefined> {
  return (await db.reference.get(key))?.value as T | undefined
}

/**
 * How many records on this device the server does not yet hold as they are: drafts, work
 * waiting to be sent or set aside, and returned applications with a fix not yet resubmitted.
 */
export async function unsyncedCount(db: FieldDb): Promise<number> {
  return db.transaction('r', db.applications, async () => {
    const unsent = await db.applications.where('syncState').notEqual('synced').count()
    // Only a returned application is editable while synced: its few records are read, not every synced one
    // (this count goes with every request the tablet makes).
    const fixes = await db.applications.where('status').equals('returned').filter(app => app.syncState === 'synced' && app.unsentFix === true).count()
    return unsent + fixes
  })
}
