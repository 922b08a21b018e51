import type { Executor } from './types'
import { CLOSED_WITHOUT_MEMBER, memberChangeSkeleton } from '#shared/archive/retention'
import { lockAttachmentHashes } from './attachments.repository'

/**
 * The SQL of the retention purge (services/retention.service.ts): which records are due, and
 * how one record's personal data is destroyed. A purged record keeps its skeleton — ids,
 * receipt and member numbers, type, category, site, agent, statuses and dates, the history
 * of who did what and when — and loses everything that says who the applicant was: the
 * application and every earlier version of it, names, mobiles, the ID number's keyed hash,
 * the duplicate blocking keys, the answers kept for retried pushes, reviewers' notes, the
 * sync feed's entries, member change details, and its document files when no other
 * application names them.
 */

export interface DueRecords {
  /** Cancelled members whose period has passed, with the application each came from. */
  members: Array<{ id: string, memberNo: string, applicationId: string }>
  /** Applications closed without a member whose period has passed. */
  applications: Array<{ id: string, receiptNo: string }>
}

interface Cutoffs { closedApplicationsBefore: string, cancelledMembersBefore: string }

/** Cancelled members past their period, not purged yet (the one definition the find and the count share). */
function dueMembers(db: Executor, cutoffs: Cutoffs) {
  return db.selectFrom('members')
    .where('status', '=', 'cancelled')
    .where('updated_at', '<', cutoffs.cancelledMembersBefore)
    .where('purged_at', 'is', null)
}

/** Applications closed without a member past their period, not purged yet. */
function dueApplications(db: Executor, cutoffs: Cutoffs) {
  return db.selectFrom('applications')
    .where('status', 'in', [...CLOSED_WITHOUT_MEMBER])
    .where('member_id', 'is', null)
    .where('updated_at', '<', cutoffs.closedApplicationsBefore)
    .where('purged_at', 'is', null)
}

export async function findDueRecords(db: Executor, cutoffs: Cutoffs, limit: number): Promise<DueRecords> {
  const members = await dueMembers(db, cutoffs).select(['id', 'member_no', 'application_id']).orderBy('updated_at').limit(limit).execute()
  const applications = await dueApplications(db, cutoffs).select(['id', 'receipt_no']).orderBy('updated_at').limit(limit).execute()
  return {
    members: members.map(m => ({ id: m.id, memberNo: m.member_no, applicationId: m.application_id })),
    applications: applications.map(a => ({ id: a.id, receiptNo: a.receipt_no })),
  }
}

/** How many records are due now (for progress, and for a dry run). */
export async function countDueRecords(db: Executor, cutoffs: Cutoffs): Promise<{ members: number, applications: number }> {
  const members = await dueMembers(db, cutoffs).select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const applications = await dueApplications(db, cutoffs).select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return { members: Number(members.n), applications: Number(applications.n) }
}

/**
 * Destroys one application's personal data, in the caller's transaction (its feed entries:
 * purgeFeedEntries, for the whole batch at once). Returns the hashes
 * of its documents no other application names any more: their rows are gone, and the
 * caller deletes the files once the transaction has committed.
 */
export async function purgeApplication(trx: Executor, applicationId: string, at: string): Promise<string[]> {
  await trx.updateTable('applications')
    .set({ data: '{}', display_name: '', mobile: '', id_number_hmac: null, warnings: '[]', decision_note: null, return_items: null, purged_at: at })
    .where('id', '=', applicationId)
    .execute()
  await trx.updateTable('application_versions').set({ data: '{}' }).where('application_id', '=', applicationId).execute()
  await trx.updateTable('application_events').set({ note: null, items: null }).where('application_id', '=', applicationId).execute()
  await trx.deleteFrom('dedup_keys').where('application_id', '=', applicationId).execute()
  await trx.deleteFrom('mutations').where('application_id', '=', applicationId).execute()
  // A reviewer's note on its own candidates' verdicts may say who the applicant was.
  await trx.updateTable('duplicate_candidates').set({ resolution_note: null }).where('application_id', '=', applicationId).execute()
  // A candidate still open against it can never be decided now: closed as for a withdrawal.
  await trx.updateTable('duplicate_candidates')
    .set({ resolution: 'other_closed', resolved_by: null, resolved_at: at })
    .where('resolution', 'is', null)
    .where(eb => eb.or([eb('application_id', '=', applicationId), eb('other_application_id', '=', applicationId), eb('other_id', '=', applicationId)]))
    .execute()
  const links = await trx.selectFrom('application_attachments').select('sha256').where('application_id', '=', applicationId).execute()
  await trx.deleteFrom('application_attachments').where('application_id', '=', applicationId).execute()
  const hashes = [...new Set(links.map(l => l.sha256))]
  if (hashes.length === 0)
    return []
  const stillNamed = new Set((await trx.selectFrom('application_attachments').select('sha256').where('sha256', 'in', hashes).execute()).map(r => r.sha256))
  const orphans = hashes.filter(h => !stillNamed.has(h))
  if (orphans.length)
    await trx.deleteFrom('attachments').where('sha256', 'in', orphans).execute()
  return orphans
}

/** Deletes the sync feed's entries about these applications (their payloads carry reviewers' notes), by the feed's index. */
export async function purgeFeedEntries(trx: Executor, applicationIds: readonly string[]): Promise<void> {
  if (applicationIds.length === 0)
    return
  await trx.deleteFrom('change_feed').where('application_id', 'in', [...applicationIds]).execute()
}

/** Destroys one member's personal data (its application is purged beside it by the caller). */
export async function purgeMember(trx: Executor, memberId: string, at: string): Promise<void> {
  await trx.updateTable('members')
    .set({ data: '{}', display_name: '', mobile: '', id_number_hmac: null, revisit_due: null, marketing: 0, purged_at: at })
    .where('id', '=', memberId)
    .execute()
  await trx.updateTable('member_changes').set({ detail: '{}' }).where('member_id', '=', memberId).where('action', '!=', 'revisit').execute()
  // A re-visit keeps its channel and outcome (memberChangeSkeleton): the reach rate of days past holds.
  const revisits = await trx.selectFrom('member_changes').select(['id', 'detail']).where('member_id', '=', memberId).where('action', '=', 'revisit').execute()
  for (const { id, detail } of revisits)
    await trx.updateTable('member_changes').set({ detail: JSON.stringify(memberChangeSkeleton('revisit', parsedDetail(detail))) }).where('id', '=', id).execute()
  await trx.updateTable('duplicate_candidates')
    .set({ resolution: 'other_closed', resolved_by: null, resolved_at: at })
    .where('resolution', 'is', null)
    .where('other_id', '=', memberId)
    .execute()
}

/** A recorded detail as JSON, or nothing when it is not (then nothing of it is kept). */
function parsedDetail(text: string): unknown {
  try {
    return JSON.parse(text)
  }
  catch {
    return null
  }
}

/**
 * Documents uploaded before `before` that no application names: their application never
 * arrived (the device was lost or wiped, or the draft given up after a refused push), or a
 * resubmission replaced them (links follow an application's current version). Oldest first.
 * No index on the upload time: a nightly run reads the old records once with the links' index.
 */
function unnamedAttachments(db: Executor, before: string) {
  return db.selectFrom('attachments')
    .where('stored_at', '<', before)
    .where(eb => eb.not(eb.exists(eb.selectFrom('application_attachments').select('application_attachments.sha256').whereRef('application_attachments.sha256', '=', 'attachments.sha256'))))
}

export async function findUnnamedAttachments(db: Executor, before: string, limit: number): Promise<string[]> {
  const rows = await unnamedAttachments(db, before).select('sha256').orderBy('stored_at').limit(limit).execute()
  return rows.map(r => r.sha256)
}

export async function countUnnamedAttachments(db: Executor, before: string): Promise<number> {
  const row = await unnamedAttachments(db, before).select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Deletes the records of those of `sha256s` still named by no application, in the caller's
 * transaction, after taking their hashes' locks (a push naming one waits, then finds it gone
 * and the application incomplete: its device still holds the file and sends it again).
 * Returns the hashes whose records went; their files are the caller's to remove after the commit.
 */
export async function purgeUnnamedAttachments(trx: Executor, sha256s: readonly string[]): Promise<string[]> {
  if (sha256s.length === 0)
    return []
  await lockAttachmentHashes(trx, sha256s)
  const named = new Set((await trx.selectFrom('application_attachments').select('sha256').where('sha256', 'in', [...sha256s]).execute()).map(r => r.sha256))
  const unnamed = sha256s.filter(h => !named.has(h))
  if (unnamed.length)
    await trx.deleteFrom('attachments').where('sha256', 'in', unnamed).execute()
  return unnamed
}
