import type { Executor } from './types'
import { sql } from 'kysely'
import { dialectOf } from '../db/dialect'

/**
 * The `attachments` table (which uploaded files exist) and the reading side of
 * `application_attachments` (which applications name which hash; the sync push writes
 * those rows). The only place with SQL for these tables.
 */

export interface AttachmentRecord {
  sha256: string
  mediaType: string
  size: number
  storedAt: string
}

/** Which applications' attachments a staff member may see. */
export type ApplicationScope
  = | { kind: 'all' }
    /** The agent's own applications at the agent's current sites, as their look-up and fetch see them. */
    | { kind: 'agent', agentId: string, siteIds: readonly string[] }
    | { kind: 'sites', siteIds: readonly string[] }

/** Advisory-lock class for "attachment hash" locks (PostgreSQL's two-key form; the second key is the hash's hashtext). */
const ATTACHMENT_LOCK_CLASS = 0x41_54_54 // 'ATT'

export async function findAttachment(db: Executor, sha256: string): Promise<AttachmentRecord | undefined> {
  const row = await db.selectFrom('attachments').selectAll().where('sha256', '=', sha256).executeTakeFirst()
  return row && { sha256: row.sha256, mediaType: row.media_type, size: Number(row.size), storedAt: row.stored_at }
}

/**
 * Serialises, per hash, the transactions that decide whether an application is complete:
 * the upload of a hash and a push naming it. Without a common lock, under READ COMMITTED
 * each could miss the other's uncommitted row and leave `attachments_complete` at 0 for
 * ever. PostgreSQL: transaction-scoped advisory locks, taken in sorted order (no
 * deadlock). SQLite has a single writer, so there is nothing to do.
 */
export async function lockAttachmentHashes(db: Executor, sha256s: readonly string[]): Promise<void> {
  if (!sha256s.length || dialectOf(db) !== 'postgres')
    return
  // One statement for the whole set (a batch of 100 names ~300 files: one round trip each
  // was a third of a push's time on PostgreSQL). Rows come out of unnest in array order and
  // the volatile lock function runs after ORDER BY, so the locks are taken in sorted order.
  const sorted = [...new Set(sha256s)].sort()
  await sql`select pg_advisory_xact_lock(${sql.lit(ATTACHMENT_LOCK_CLASS)}, hashtext(hash)) from unnest(${sorted}::text[]) with ordinality as locks(hash, n) order by n`.execute(db)
}

/** Records an uploaded file; false when it was already recorded (idempotent). */
export async function insertAttachment(db: Executor, attachment: AttachmentRecord): Promise<boolean> {
  const result = await db.insertInto('attachments')
    .values({ sha256: attachment.sha256, media_type: attachment.mediaType, size: attachment.size, stored_at: attachment.storedAt })
    .onConflict(oc => oc.column('sha256').doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

/**
 * Marks complete every application that names `sha256` and now has every attachment it
 * names stored. Returns the ids it changed.
 *
 * On PostgreSQL two uploads of *different* files of one application hold different hash
 * locks: each, under READ COMMITTED, would miss the other's uncommitted row and both would
 * leave the application incomplete for ever. So the applications' rows are locked first,
 * in id order (no deadlock between uploads), and the check runs as a second statement,
 * whose snapshot includes whatever upload held those rows before. The second of two such
 * uploads therefore sees the first one's file. SQLite has a single writer.
 */
export async function markApplicationsComplete(db: Executor, sha256: string): Promise<string[]> {
  if (dialectOf(db) === 'postgres') {
    await db.selectFrom('applications')
      .select('id')
      .where('attachments_complete', '=', 0)
      .where('id', 'in', eb => eb.selectFrom('application_attachments').select('application_id').where('sha256', '=', sha256))
      .orderBy('id')
      .forUpdate()
      .execute()
  }
  const rows = await db.updateTable('applications')
    .set({ attachments_complete: 1 })
    .where('attachments_complete', '=', 0)
    .where('id', 'in', eb => eb.selectFrom('application_attachments').select('application_id').where('sha256', '=', sha256))
    .where(eb => eb.not(eb.exists(
      eb.selectFrom('application_attachments as named')
        .leftJoin('attachments as stored', 'stored.sha256', 'named.sha256')
        .select(sql.lit(1).as('missing'))
        .whereRef('named.application_id', '=', 'applications.id')
        .where('stored.sha256', 'is', null),
    )))
    .returning('id')
    .execute()
  return rows.map(row => row.id)
}

/** One application that names `sha256` and lies within `scope`, or undefined when none does. */
export async function findVisibleApplicationNaming(db: Executor, sha256: string, scope: ApplicationScope): Promise<string | undefined> {
  if (scope.kind !== 'all' && !scope.siteIds.length)
    return undefined
  let query = db.selectFrom('application_attachments')
    .innerJoin('applications', 'applications.id', 'application_attachments.application_id')
    .select('applications.id')
    .where('application_attachments.sha256', '=', sha256)
  if (scope.kind === 'agent')
    query = query.where('applications.agent_id', '=', scope.agentId)
  if (scope.kind !== 'all')
    query = query.where('applications.site_id', 'in', scope.siteIds)
  const row = await query.orderBy('applications.id').limit(1).executeTakeFirst()
  return row?.id
}
