import type { ApplicationStatus } from '#shared/status/status-table'
import { FINAL_STATUSES } from '#shared/status/status-table'

/**
 * Whether the server still waits for files an application named and it never got, so the
 * device keeps the record queued and goes on uploading them: while the application is
 * submitted or in review. A return asks the agent to fix it (the fix names its files again,
 * and they go with it) and a decision ends it; either way waiting brings nothing, and the
 * record holds the server's answer: synced.
 */
export function serverAwaitsFiles(status: ApplicationStatus, missing: readonly string[]): boolean {
  return missing.length > 0 && status !== 'returned' && !FINAL_STATUSES.includes(status)
}

/**
 * Once the application is decided, what waited on the device for a next submission is moot:
 * its files' problems (nothing will be retaken) and the mark of a fix not yet resubmitted
 * (it can no longer be; its data stays in the record). The record drops both.
 */
export function withoutMootState<T extends { fileRefusals?: unknown, unsentFix?: true }>(record: T, status: ApplicationStatus): T {
  if (!FINAL_STATUSES.includes(status) || (record.fileRefusals === undefined && record.unsentFix === undefined))
    return record
  const copy = { ...record }
  delete copy.fileRefusals
  delete copy.unsentFix
  return copy
}
