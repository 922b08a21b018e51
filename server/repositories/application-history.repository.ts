import type { ReturnItem } from '#shared/status/review-decisions'
import type { ApplicationStatus } from '#shared/status/status-table'
import type { Executor } from './types'
import { clockOffsetMs } from '#shared/sync/clock-offset'
import { chunks } from './insert-chunks'

/** An application's history: every stored version and every status change, with who made it. */

export interface NewApplicationVersion { applicationId: string, version: number, status: string, data: string, mutationId: string | null, actorId: string, deviceTime: string | null, serverTime: string, deviceSentAt: string | null }

export async function insertApplicationVersions(db: Executor, versions: readonly NewApplicationVersion[]): Promise<void> {
  for (const part of chunks(versions)) {
    await db.insertInto('application_versions').values(part.map(v => ({
      application_id: v.applicationId,
      version: v.version,
      status: v.status,
      data: v.data,
      mutation_id: v.mutationId,
      actor_id: v.actorId,
      device_time: v.deviceTime,
      server_time: v.serverTime,
      device_sent_at: v.deviceSentAt,
    }))).execute()
  }
}

export async function insertApplicationVersion(db: Executor, version: NewApplicationVersion): Promise<void> {
  await insertApplicationVersions(db, [version])
}

export interface NewApplicationEvent { applicationId: string, version: number, action: string, from: string, to: string, actorId: string, at: string, reason?: string | null, note?: string | null, items?: ReturnItem[] | null }

/** The status changes that decide an application; the first one ends its review time. */
export const DECISION_ACTIONS = ['approve', 'reject', 'return'] as const
export type DecisionAction = (typeof DECISION_ACTIONS)[number]

/**
 * Appends status changes. A decision also marks its application's `first_decided_at`
 * when it has none yet, so the statistics read review times without the history.
 */
export async function insertApplicationEvents(db: Executor, events: readonly NewApplicationEvent[]): Promise<void> {
  for (const event of events) {
    if ((DECISION_ACTIONS as readonly string[]).includes(event.action)) {
      await db.updateTable('applications').set({ first_decided_at: event.at }).where('id', '=', event.applicationId).where('first_decided_at', 'is', null).execute()
    }
  }
  for (const part of chunks(events)) {
    await db.insertInto('application_events').values(part.map(e => ({
      application_id: e.applicationId,
      version: e.version,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      actor_id: e.actorId,
      at: e.at,
      reason: e.reason ?? null,
      note: e.note ?? null,
      items: e.items ? JSON.stringify(e.items) : null,
    }))).execute()
  }
}

export async function insertApplicationEvent(db: Executor, event: NewApplicationEvent): Promise<void> {
  await insertApplicationEvents(db, [event])
}

export interface ApplicationEventRecord {
  version: number
  action: string
  from: ApplicationStatus
  to: ApplicationStatus
  actorId: string
  actorName: string | null
  at: string
  reason: string | null
  note: string | null
  items: ReturnItem[] | null
}

/** Every status change of the application, oldest first, with who made it. */
export async function listApplicationEvents(db: Executor, applicationId: string): Promise<ApplicationEventRecord[]> {
  const rows = await db.selectFrom('application_events')
    .leftJoin('staff', 'staff.id', 'application_events.actor_id')
    .select(['application_events.version', 'action', 'from_status', 'to_status', 'actor_id', 'staff.display_name', 'at', 'reason', 'note', 'items'])
    .where('application_id', '=', applicationId)
    .orderBy('application_events.id')
    .execute()
  return rows.map(r => ({
    version: Number(r.version),
    action: r.action,
    from: r.from_status as ApplicationStatus,
    to: r.to_status as ApplicationStatus,
    actorId: r.actor_id,
    actorName: r.display_name,
    at: r.at,
    reason: r.reason,
    note: r.note,
    items: r.items ? JSON.parse(r.items) as ReturnItem[] : null,
  }))
}

export interface ApplicationVersionRecord {
  version: number
  status: ApplicationStatus
  serverTime: string
  deviceTime: string | null
  /** How far the device's clock was ahead of the server's (negative: behind) when this version arrived. */
  clockOffsetMs: number | null
  actorId: string
  actorName: string | null
  mutationId: string | null
}

function toVersionRecord(r: { version: number, status: string, server_time: string, device_time: string | null, device_sent_at: string | null, actor_id: string, display_name: string | null, mutation_id: string | null }): ApplicationVersionRecord {
  return {
    version: Number(r.version),
    status: r.status as ApplicationStatus,
    serverTime: r.server_time,
    deviceTime: r.device_time,
    clockOffsetMs: clockOffsetMs(r.device_sent_at, r.server_time),
    actorId: r.actor_id,
    actorName: r.display_name,
    mutationId: r.mutation_id,
  }
}

const VERSION_COLUMNS = ['application_versions.version', 'application_versions.status', 'server_time', 'device_time', 'device_sent_at', 'actor_id', 'staff.display_name', 'mutation_id'] as const

/** Every stored version of the application, oldest first, without their content. */
export async function listApplicationVersions(db: Executor, applicationId: string): Promise<ApplicationVersionRecord[]> {
  const rows = await db.selectFrom('application_versions')
    .leftJoin('staff', 'staff.id', 'application_versions.actor_id')
    .select(VERSION_COLUMNS)
    .where('application_id', '=', applicationId)
    .orderBy('application_versions.version')
    .execute()
  return rows.map(toVersionRecord)
}

/** One stored version with its sealed content (open it with application-codec). */
export async function findApplicationVersion(db: Executor, applicationId: string, version: number): Promise<(ApplicationVersionRecord & { data: string }) | undefined> {
  const row = await db.selectFrom('application_versions')
    .leftJoin('staff', 'staff.id', 'application_versions.actor_id')
    .select([...VERSION_COLUMNS, 'data'])
    .where('application_id', '=', applicationId)
    .where('application_versions.version', '=', version)
    .executeTakeFirst()
  return row && { ...toVersionRecord(row), data: row.data }
}

export interface ReturnEventRecord {
  /** The version the return left (the application as it was returned). */
  version: number
  at: string
  note: string | null
  items: ReturnItem[]
}

/** The application's latest return, if it was ever returned. */
export async function findLastReturnEvent(db: Executor, applicationId: string): Promise<ReturnEventRecord | undefined> {
  const row = await db.selectFrom('application_events')
    .select(['version', 'at', 'note', 'items'])
    .where('application_id', '=', applicationId)
    .where('action', '=', 'return')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row && { version: Number(row.version), at: row.at, note: row.note, items: row.items ? JSON.parse(row.items) as ReturnItem[] : [] }
}
