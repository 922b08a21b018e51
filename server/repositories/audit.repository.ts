import type { AuditAction } from '#shared/audit/audit-actions'
import type { AuditAnchor, AuditChainReport } from '#shared/audit/audit-anchor'
import type { AuditLogTable } from '../db/schema'
import type { Executor } from './types'
import { createHash } from 'node:crypto'
import { anchorMatches, anchorOf } from '#shared/audit/audit-anchor'
import { dialectOf } from '../db/dialect'
import { nextCounterValue } from './counters.repository'
import { likeLiteral } from './like-pattern'

/**
 * The audit log is append-only and chained: each entry stores the hash of the previous
 * one, and its own hash covers its content and that link. Changing or removing any entry
 * breaks every hash after it, which `verifyAuditChain` finds.
 */

export const AUDIT_GENESIS_HASH = '0'.repeat(64)

export interface AuditEntryInput {
  actorId: string | null
  /** From the shared vocabulary, so the desk can name it. */
  action: AuditAction
  targetType?: string | null
  targetId?: string | null
  ip?: string | null
  detail?: Record<string, unknown>
}

/** Everything an entry's hash covers: all its fields but the hash itself. */
type ChainedFields = Omit<AuditLogTable, 'hash'>

export function auditEntryHash(entry: ChainedFields): string {
  const canonical = JSON.stringify([entry.seq, entry.at, entry.actor_id, entry.action, entry.target_type, entry.target_id, entry.ip, entry.detail, entry.prev_hash])
  return createHash('sha256').update(canonical).digest('hex')
}

/**
 * Appends one entry. Call inside the transaction of the change it records; an entry that
 * records no change (a failed sign-in, a photo viewed) gets a transaction of its own. The
 * number, the read of the previous entry's hash and the insert must be one transaction: the
 * counter's row lock then makes the next entry wait until this one is committed. Run as
 * separate statements, two concurrent entries could take numbers n and n+1 and the second read
 * n's hash before n was written, and link to nothing — a break every later verify reports.
 */
export async function appendAudit(db: Executor, input: AuditEntryInput, at: string): Promise<void> {
  if (!db.isTransaction)
    return db.transaction().execute(trx => appendAudit(trx, input, at))
  const seq = await nextCounterValue(db, 'audit_log')
  const previous = seq > 1
    ? await db.selectFrom('audit_log').select('hash').where('seq', '=', seq - 1).executeTakeFirst()
    : undefined
  const fields: ChainedFields = {
    seq,
    at,
    actor_id: input.actorId,
    action: input.action,
    target_type: input.targetType ?? null,
    target_id: input.targetId ?? null,
    ip: input.ip ?? null,
    detail: JSON.stringify(input.detail ?? {}),
    prev_hash: previous?.hash ?? AUDIT_GENESIS_HASH,
  }
  await db.insertInto('audit_log').values({ ...fields, hash: auditEntryHash(fields) }).execute()
}

/** The chain's last entry as an anchor to write down (the first characters of its hash), or null for an empty log. */
export async function auditAnchorNow(db: Executor): Promise<string | null> {
  const row = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst()
  return row ? anchorOf({ seq: Number(row.seq), hash: row.hash }) : null
}

export interface VerifyAuditOptions {
  pageSize?: number
  /** Hears the number of entries checked after each page. */
  onProgress?: (checked: number) => void
  /** An end of the chain noted earlier, outside the database (shared/audit/audit-anchor.ts). */
  anchor?: AuditAnchor
}

/**
 * Walks the whole chain in order, in pages, checking every link and hash, and, given an
 * anchor, that the chain still reaches it with the same hash.
 */
export async function verifyAuditChain(db: Executor, options: VerifyAuditOptions = {}): Promise<AuditChainReport> {
  const { pageSize = 1000, onProgress, anchor } = options
  let previousHash = AUDIT_GENESIS_HASH
  let expectedSeq = 1
  let checked = 0
  let head: AuditChainReport['head'] = null
  let anchorFound: 'holds' | 'different' | undefined
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(pageSize).execute()
    for (const row of rows) {
      const seq = Number(row.seq)
      if (seq !== expectedSeq || row.prev_hash !== previousHash || auditEntryHash({ ...row, seq }) !== row.hash)
        return { ok: false, checked, brokenAt: expectedSeq, head }
      if (anchor?.seq === seq)
        anchorFound = anchorMatches(anchor, row.hash) ? 'holds' : 'different'
      previousHash = row.hash
      head = { seq, hash: row.hash, at: row.at }
      expectedSeq++
      checked++
    }
    onProgress?.(checked)
    if (rows.length < pageSize)
      break
  }
  if (!anchor)
    return { ok: true, checked, head }
  const against = anchorFound ?? 'missing'
  return { ok: against === 'holds', checked, head, anchor: against }
}

export interface AuditEntry {
  seq: number
  at: string
  actorId: string | null
  /** The actor's user name today, when the actor is a staff member. */
  actorUsername: string | null
  action: string
  targetType: string | null
  targetId: string | null
  ip: string | null
  detail: Record<string, unknown>
}

export interface AuditFilter {
  actorId?: string | undefined
  /** An action (`staff.update`), or every action under a prefix (`staff.*`). */
  action?: string | undefined
  targetType?: string | undefined
  targetId?: string | undefined
  /** Any of these target ids (what a typed reference resolved to). */
  targetIds?: readonly string[] | undefined
  /** ISO instants (UTC): from inclusive, to exclusive. */
  from?: string | undefined
  to?: string | undefined
}

function filtered(db: Executor, filter: AuditFilter) {
  let query = db.selectFrom('audit_log')
  if (filter.actorId)
    query = query.where('audit_log.actor_id', '=', filter.actorId)
  if (filter.action?.endsWith('*'))
    query = query.where(likeLiteral(dialectOf(db), 'audit_log.action', '', filter.action.slice(0, -1), '%'))
  else if (filter.action)
    query = query.where('audit_log.action', '=', filter.action)
  if (filter.targetType)
    query = query.where('audit_log.target_type', '=', filter.targetType)
  if (filter.targetId)
    query = query.where('audit_log.target_id', '=', filter.targetId)
  if (filter.targetIds)
    query = query.where('audit_log.target_id', 'in', filter.targetIds.length ? [...filter.targetIds] : [''])
  if (filter.from)
    query = query.where('audit_log.at', '>=', filter.from)
  if (filter.to)
    query = query.where('audit_log.at', '<', filter.to)
  return query
}

/** One page of the entries matching `filter`, newest first, and how many match in all. */
export async function queryAudit(db: Executor, filter: AuditFilter, page: number, pageSize: number): Promise<{ items: AuditEntry[], total: number }> {
  const { n } = await filtered(db, filter).select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const rows = await filtered(db, filter)
    .leftJoin('staff', 'staff.id', 'audit_log.actor_id')
    .selectAll('audit_log')
    .select('staff.username')
    .orderBy('audit_log.seq', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  return {
    total: Number(n),
    items: rows.map(row => ({
      seq: Number(row.seq),
      at: row.at,
      actorId: row.actor_id,
      actorUsername: row.username,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      ip: row.ip,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
    })),
  }
}

/** One entry as stored (detail left as its text, as the chain hashes it). */
export async function findAuditRow(db: Executor, seq: number): Promise<{ seq: number, at: string, actorId: string | null, action: string, targetType: string | null, targetId: string | null } | undefined> {
  const row = await db.selectFrom('audit_log').select(['seq', 'at', 'actor_id', 'action', 'target_type', 'target_id']).where('seq', '=', seq).executeTakeFirst()
  return row && { seq: Number(row.seq), at: row.at, actorId: row.actor_id, action: row.action, targetType: row.target_type, targetId: row.target_id }
}

export async function countAuditEntries(db: Executor): Promise<number> {
  const row = await db.selectFrom('audit_log').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The newest entry of one action (indexed by action and sequence), or undefined when there is none. */
export async function latestAuditEntryOf(db: Executor, action: AuditAction): Promise<{ at: string, detail: Record<string, unknown> } | undefined> {
  const row = await db.selectFrom('audit_log').select(['at', 'detail']).where('action', '=', action).orderBy('seq', 'desc').limit(1).executeTakeFirst()
  return row && { at: row.at, detail: JSON.parse(row.detail) as Record<string, unknown> }
}
