import type { ApplicationStatus } from '../status/status-table'
import type { DuplicateResolution } from './resolution-vocabulary'

/**
 * Which duplicate candidates still wait for a reviewer's verdict: unresolved ones of an
 * application still open (back with the agent too: it returns to review). Once the
 * application is withdrawn, rejected or approved nobody can resolve them (checkResolution in
 * resolution.ts), so they no longer flag it as having duplicates — the queue's 疑似重复
 * filter and tag listed such an application for good. No Zod here: the server's queue
 * repository imports it before the OpenAPI extension of Zod is in place.
 */

export const CANDIDATE_PENDING_STATUSES: readonly ApplicationStatus[] = ['submitted', 'in_review', 'returned']

/** Whether a candidate of an application in `status` still waits for a verdict. */
export function candidatePending(status: ApplicationStatus, resolution: DuplicateResolution | null): boolean {
  return resolution === null && CANDIDATE_PENDING_STATUSES.includes(status)
}
