import type { MemberStatus } from '#shared/members/member-status'
import type { DuplicateCandidateRecord } from '../repositories/duplicate-candidates.repository'
import type { Executor } from '../repositories/types'
import { memberStatusOn } from '#shared/members/member-status'
import { maskDisplayName } from '#shared/privacy/masking'

/** The candidates as the desk lists them: each with a masked summary of the record it names. */

export interface OtherRecordSummary {
  receiptNo: string | null
  memberNo: string | null
  /** The application's status, or the member's standing on the day (expired once its validity ran out). */
  status: string
  siteId: string
  /** Masked when it names a person (an organisation's name is not personal information). */
  displayName: string
}

export type DuplicateCandidateView = DuplicateCandidateRecord & { other: OtherRecordSummary | null }

/** What the desk shows of the record each candidate names, masked; `today` in China, for a member's standing. */
export async function describeCandidates(db: Executor, candidates: readonly DuplicateCandidateRecord[], today: string): Promise<DuplicateCandidateView[]> {
  const memberIds = candidates.filter(c => c.otherType === 'member').map(c => c.otherId)
  const applicationIds = candidates.filter(c => c.otherType === 'application').map(c => c.otherId)
  const members = memberIds.length
    ? await db.selectFrom('members').innerJoin('applications', 'applications.id', 'members.application_id').select(['members.id', 'members.member_no', 'members.status', 'members.valid_until', 'members.site_id', 'members.display_name', 'members.applicant_type', 'applications.receipt_no']).where('members.id', 'in', memberIds).execute()
    : []
  const applications = applicationIds.length
    ? await db.selectFrom('applications').select(['id', 'receipt_no', 'status', 'site_id', 'display_name', 'applicant_type']).where('id', 'in', applicationIds).execute()
    : []
  const byMember = new Map(members.map(m => [m.id, { receiptNo: m.receipt_no, memberNo: m.member_no, status: memberStatusOn({ status: m.status as MemberStatus, validUntil: m.valid_until }, today), siteId: m.site_id, displayName: maskDisplayName(m.applicant_type, m.display_name) }]))
  const byApplication = new Map(applications.map(a => [a.id, { receiptNo: a.receipt_no, memberNo: null, status: a.status, siteId: a.site_id, displayName: maskDisplayName(a.applicant_type, a.display_name) }]))
  return candidates.map(c => ({ ...c, other: (c.otherType === 'member' ? byMember.get(c.otherId) : byApplication.get(c.otherId)) ?? null }))
}
