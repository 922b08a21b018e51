import type { ValidationIssue } from '#shared/errors/issue'
import type { ReturnItem } from '#shared/status/review-decisions'
import type { ApplicationStatus } from '#shared/status/status-table'
import type { Selectable } from 'kysely'
import type { ApplicationTable } from '../db/schema'
import type { Executor } from './types'
import { chunks } from './insert-chunks'

/** Applications: the current version of each, written with optimistic concurrency. */

export interface StoredApplication {
  id: string
  receiptNo: string
  version: number
  status: ApplicationStatus
  applicantType: string
  category: string
  siteId: string
  agentId: string
  deviceId: string
  formVersion: number
  /** Sealed JSON (identity numbers encrypted): open with application-codec. */
  data: string
  displayName: string
  mobile: string
  idNumberHmac: string | null
  warnings: ValidationIssue[]
  attachmentsComplete: boolean
  capturedAt: string
  submittedAt: string
  updatedAt: string
  reviewDueAt: string
  reviewerId: string | null
  rejectReason: string | null
  decisionNote: string | null
  returnItems: ReturnItem[] | null
  memberId: string | null
  /** Set once its personal data was destroyed (retention): `data` is then an empty object. */
  purgedAt?: string | null
}

export function toStoredApplication(row: Selectable<ApplicationTable>): StoredApplication {
  return {
    id: row.id,
    receiptNo: row.receipt_no,
    version: Number(row.version),
    status: row.status as ApplicationStatus,
    applicantType: row.applicant_type,
    category: row.category,
    siteId: row.site_id,
    agentId: row.agent_id,
    deviceId: row.device_id,
    formVersion: Number(row.form_version),
    data: row.data,
    displayName: row.display_name,
    mobile: row.mobile,
    idNumberHmac: row.id_number_hmac,
    warnings: JSON.parse(row.warnings) as ValidationIssue[],
    attachmentsComplete: Number(row.attachments_complete) === 1,
    capturedAt: row.captured_at,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    reviewDueAt: row.review_due_at,
    reviewerId: row.reviewer_id,
    rejectReason: row.reject_reason,
    decisionNote: row.decision_note,
    returnItems: row.return_items ? JSON.parse(row.return_items) as ReturnItem[] : null,
    memberId: row.member_id,
    purgedAt: row.purged_at,
  }
}

/**
 * The row as push and review write it: never `purged_at`, which only the retention purge
 * sets, nor the two times written once (`arrived_at` at the first push, `first_decided_at`
 * with the first decision's event), which an update must not move.
 */
function toRow(a: StoredApplication): Omit<Selectable<ApplicationTable>, 'purged_at' | 'arrived_at' | 'first_decided_at'> {
  return {
    id: a.id,
    receipt_no: a.receiptNo,
    version: a.version,
    status: a.status,
    applicant_type: a.applicantType,
    category: a.category,
    site_id: a.siteId,
    agent_id: a.agentId,
    device_id: a.deviceId,
    form_version: a.formVersion,
    data: a.data,
    display_name: a.displayName,
    mobile: a.mobile,
    id_number_hmac: a.idNumberHmac,
    warnings: JSON.stringify(a.warnings),
    attachments_complete: a.attachmentsComplete ? 1 : 0,
    captured_at: a.capturedAt,
    submitted_at: a.submittedAt,
    updated_at: a.updatedAt,
    review_due_at: a.reviewDueAt,
    reviewer_id: a.reviewerId,
    reject_reason: a.rejectReason,
    decision_note: a.decisionNote,
    return_items: a.returnItems ? JSON.stringify(a.returnItems) : null,
    member_id: a.memberId,
  }
}

export async function findApplication(db: Executor, id: string): Promise<StoredApplication | undefined> {
  const row = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toStoredApplication(row)
}

/** New applications, as the first push stores them: each arrives when it is submitted. */
export async function insertApplications(db: Executor, applications: readonly StoredApplication[]): Promise<void> {
  for (const part of chunks(applications))
    await db.insertInto('applications').values(part.map(a => ({ ...toRow(a), arrived_at: a.submittedAt }))).execute()
}

export async function insertApplication(db: Executor, application: StoredApplication): Promise<void> {
  await insertApplications(db, [application])
}

/** Those of `ids` that exist already. */
export async function existingApplicationIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length)
    return new Set()
  const rows = await db.selectFrom('applications').select('id').where('id', 'in', [...new Set(ids)]).execute()
  return new Set(rows.map(r => r.id))
}

/** Those of `receiptNos` that another application has already. */
export async function takenReceiptNumbers(db: Executor, receiptNos: readonly string[]): Promise<Set<string>> {
  if (!receiptNos.length)
    return new Set()
  const rows = await db.selectFrom('applications').select('receipt_no').where('receipt_no', 'in', [...new Set(receiptNos)]).execute()
  return new Set(rows.map(r => r.receipt_no))
}

/**
 * Writes a new state of the application if it is still at `expectedVersion` (optimistic
 * concurrency). Answers false when someone else changed it first.
 */
export async function updateApplication(db: Executor, application: StoredApplication, expectedVersion: number): Promise<boolean> {
  const { id: _id, ...rest } = toRow(application)
  const result = await db.updateTable('applications').set(rest).where('id', '=', application.id).where('version', '=', expectedVersion).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function memberNumberOf(db: Executor, memberId: string | null): Promise<string | null> {
  if (!memberId)
    return null
  const row = await db.selectFrom('members').select('member_no').where('id', '=', memberId).executeTakeFirst()
  return row?.member_no ?? null
}
