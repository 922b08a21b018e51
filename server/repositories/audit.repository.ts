import type { Executor } from './types'
import { createHash } from 'node:crypto'
import { nextCounterValue } from './counters.repository'

/**
 * The audit log is append-only and chained: each entry stores the hash of the previous
 * one, and its own hash covers its content and that link. Changing or removing any entry
 * breaks every hash after it, which `verifyAuditChain` finds.
 */

export const AUDIT_GENESIS_HASH = '0'.repeat(64)

export interface AuditEntryInput {
  actorId: string | null
  action: string
  targetType?: string | null
  targetId?: string | null
  ip?: string | null
  detail?: Record<string, unknown>
}

interface ChainedFields {
  seq: number
  at: string
  actor_id: string | null
  action: string
  target_type: string | null
  target_id: string | null
  ip: string | null
  detail: string
  prev_hash: string
}

export function auditEntryHash(entry: ChainedFields): string {
  const canonical = JSON.stringify([entry.seq, entry.at, entry.actor_id, entry.action, entry.target_type, entry.target_id, entry.ip, entry.detail, entry.prev_hash])
  return createHash('sha256').update(canonical).digest('hex')
}

/** Appends one entry. Call inside the transaction of the change it records. */
export async function appendAudit(db: Executor, input: AuditEntryInput, at: string): Promise<void> {
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

export interface AuditChainReport {
  ok: boolean
  checked: number
  /** The first entry whose link or hash does not hold. */
  brokenAt?: number
}

/** Walks the whole chain in order, in pages, checking every link and hash. */
export async function verifyAuditChain(db: Executor, pageSize = 1000): Promise<AuditChainReport> {
  let previousHash = AUDIT_GENESIS_HASH
  let expectedSeq = 1
  let checked = 0
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(pageSize).execute()
    for (const row of rows) {
      const seq = Number(row.seq)
      if (seq !== expectedSeq || row.prev_hash !== previousHash || auditEntryHash({ ...row, seq }) !== row.hash)
        return { ok: false, checked, brokenAt: expectedSeq }
      previousHash = row.hash
      expectedSeq++
      checked++
    }
    if (rows.length < pageSize)
      return { ok: true, checked }
  }
}
