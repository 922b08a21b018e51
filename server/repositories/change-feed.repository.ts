import type { Executor } from './types'
import { lockCounter, readCounterValue, reserveCounterValues } from './counters.repository'

/**
 * The change feed devices pull from. Sequence numbers come from a counter row locked
 * until commit, so they appear in commit order and a cursor never skips a change.
 */

export interface FeedEntry {
  seq: number
  kind: string
  agentId: string | null
  payload: unknown
  createdAt: string
}

interface NewFeedEntryBase { agentId: string | null, deviceId?: string | null, payload: unknown }

/**
 * An entry to append. An `application` entry names its application, checked by the
 * compiler: the retention purge deletes the entries of a purged application by it.
 */
export type NewFeedEntry = NewFeedEntryBase & ({ kind: 'application', applicationId: string } | { kind: 'reference' })

/** Appends entries with consecutive sequence numbers; answers the first. */
export async function appendFeedEntries(db: Executor, entries: readonly NewFeedEntry[], at: string): Promise<number> {
  const first = await reserveCounterValues(db, 'change_feed', entries.length)
  for (let i = 0; i < entries.length; i += 200) {
    await db.insertInto('change_feed').values(entries.slice(i, i + 200).map((entry, k) => ({
      seq: first + i + k,
      kind: entry.kind,
      agent_id: entry.agentId,
      device_id: entry.deviceId ?? null,
      application_id: entry.kind === 'application' ? entry.applicationId : null,
      payload: JSON.stringify(entry.payload),
      created_at: at,
    }))).execute()
  }
  return first
}

/**
 * After a restore, devices may hold cursors past the restored feed's end (they pulled
 * changes the backup never saw). Moving the sequence far ahead makes every change from now
 * on number higher than any cursor a device can hold, so none is skipped; the changes up to
 * the backup keep their numbers, which those devices have already seen. A billion is more
 * changes than a server makes between two backups by orders of magnitude.
 */
export const FEED_SEQUENCE_GAP_AFTER_RESTORE = 1_000_000_000

export async function skipFeedSequenceAfterRestore(db: Executor): Promise<void> {
  await reserveCounterValues(db, 'change_feed', FEED_SEQUENCE_GAP_AFTER_RESTORE)
}

export async function appendFeed(db: Executor, entry: NewFeedEntry, at: string): Promise<number> {
  return appendFeedEntries(db, [entry], at)
}

/**
 * Call first in a transaction that will append to the feed and also lock other rows
 * (applications): all such writers then queue in one order and cannot deadlock.
 */
export function lockFeed(db: Executor): Promise<void> {
  return lockCounter(db, 'change_feed')
}

/**
 * The highest sequence number handed out so far (0 for an empty feed). Not the highest
 * stored: the retention purge deletes entries, and a cursor at one of them is still valid.
 */
export function feedSequenceEnd(db: Executor): Promise<number> {
  return readCounterValue(db, 'change_feed')
}

/** Changes after `cursor` for this agent and for everyone, oldest first. */
export async function readFeed(db: Executor, agentId: string, cursor: number, limit: number): Promise<FeedEntry[]> {
  const rows = await db.selectFrom('change_feed')
    .selectAll()
    .where('seq', '>', cursor)
    .where(eb => eb.or([eb('agent_id', '=', agentId), eb('agent_id', 'is', null)]))
    .orderBy('seq')
    .limit(limit)
    .execute()
  return rows.map(r => ({ seq: Number(r.seq), kind: r.kind, agentId: r.agent_id, payload: JSON.parse(r.payload), createdAt: r.created_at }))
}
