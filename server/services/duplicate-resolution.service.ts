import type { MemberUpdateField, ResolveDuplicateInput } from '#shared/dedup/resolution'
import type { AppDeps, SessionActor } from '../context'
import type { StoredApplication } from '../repositories/applications.repository'
import type { DuplicateCandidateRecord } from '../repositories/duplicate-candidates.repository'
import type { Executor } from '../repositories/types'
import type { DecisionResult } from './review.service'
import { checkMemberUpdate, checkResolution } from '#shared/dedup/resolution'
import { applyContactChange, newerDetails } from '#shared/members/contact-change'
import { ApiError } from '../http/api-error'
import { appendAudit } from '../repositories/audit.repository'
import { findCandidate, resolveCandidate } from '../repositories/duplicate-candidates.repository'
import { findMember, insertMemberChange } from '../repositories/members.repository'
import { openApplication } from './application-codec'
import { assertMobileFree, storeMemberContact } from './member-contact'
import { applyDecision, onCurrentVersion } from './review.service'

/**
 * A reviewer's verdict on a duplicate candidate (DESIGN.md §6), in one transaction with
 * everything it implies: the candidate resolved; for the same person, the application
 * rejected with reason `duplicate` through the status table and, when asked, the member's
 * contact details brought up to date through its change history; an audit entry.
 */

export interface ResolveDuplicateResult {
  candidateId: string
  resolution: ResolveDuplicateInput['resolution']
  /** The rejection, for a same-person verdict. */
  decision: DecisionResult | null
  /** The member whose details were brought up to date, and the fields that changed. */
  memberUpdate: { memberId: string, version: number, fields: MemberUpdateField[] } | null
}

function refusalStatus(code: string): 403 | 409 {
  return code === 'status.role_not_allowed' || code === 'status.site_not_assigned' ? 403 : 409
}

/** The matched parties are the two records' own holders: only then may member details follow the application. */
function matchedHolders(candidate: DuplicateCandidateRecord): boolean {
  const comparison = candidate.comparison
  const holder = (party: string | undefined) => party === 'applicant' || party === 'organisation'
  return candidate.otherType === 'member' && holder(comparison?.party) && holder(comparison?.otherParty)
}

async function updateMember(trx: Executor, deps: AppDeps, actor: SessionActor, candidate: DuplicateCandidateRecord, application: StoredApplication, input: ResolveDuplicateInput, at: string): Promise<ResolveDuplicateResult['memberUpdate']> {
  const member = await findMember(trx, candidate.otherId)
  if (!member)
    throw new ApiError(404, 'request.not_found')
  const allowed = checkMemberUpdate(actor, member.siteId)
  if (!allowed.ok)
    throw new ApiError(403, allowed.code)
  const updated = applyContactChange(openApplication(member.data, deps.cipher), newerDetails(openApplication(application.data, deps.cipher), input.memberFields ?? []))
  // A person's details never go to an organisation's record, nor the other way round.
  if (!updated.ok || !updated.changed.length)
    return null
  await assertMobileFree(trx, actor, member.id, updated.data, updated.changed)
  const version = member.version + 1
  // The member row is read and written in this transaction; its version guards a concurrent card operation.
  if (!await storeMemberContact(trx, deps, member, updated.data, version, member.version, at))
    throw new ApiError(409, 'request.version_conflict')
  await insertMemberChange(trx, { memberId: member.id, version, action: 'update_from_duplicate', actorId: actor.id, at, detail: { fields: updated.changed, applicationId: application.id, receiptNo: application.receiptNo } })
  return { memberId: member.id, version, fields: updated.changed }
}

export async function resolveDuplicate(deps: AppDeps, actor: SessionActor, applicationId: string, candidateId: string, expectedVersion: number, input: ResolveDuplicateInput, ip: string | null): Promise<ResolveDuplicateResult> {
  return onCurrentVersion(deps, actor, applicationId, expectedVersion, ip, async (trx, existing) => {
    const at = deps.now().toISOString()
    const candidate = await findCandidate(trx, applicationId, candidateId)
    if (!candidate)
      throw new ApiError(404, 'request.not_found')
    if (candidate.resolution)
      throw new ApiError(409, 'duplicate.already_resolved')
    const check = checkResolution(actor, existing, input.resolution)
    if (!check.ok)
      throw new ApiError(refusalStatus(check.code), check.code, check.params ? { params: check.params } : {})
    const memberFields = input.memberFields ?? []
    if (memberFields.length && (input.resolution !== 'same_person' || !matchedHolders(candidate)))
      throw new ApiError(422, 'duplicate.member_fields_not_allowed')

    // The note stays with the verdict (a same-person verdict's is the rejection's note too).
    if (!await resolveCandidate(trx, candidateId, input.resolution, actor.id, at, input.note ?? null))
      throw new ApiError(409, 'duplicate.already_resolved')
    const decision = input.resolution === 'same_person'
      ? await applyDecision(trx, deps, actor, existing, 'reject', { reason: 'duplicate', note: input.note }, ip)
      : null
    const memberUpdate = memberFields.length ? await updateMember(trx, deps, actor, candidate, existing, input, at) : null
    await appendAudit(trx, {
      actorId: actor.id,
      action: 'duplicate.resolve',
      targetType: 'application',
      targetId: applicationId,
      ip,
      detail: {
        receiptNo: existing.receiptNo,
        candidateId,
        resolution: input.resolution,
        level: candidate.level,
        otherType: candidate.otherType,
        otherId: candidate.otherId,
        ...(memberUpdate ? { memberId: memberUpdate.memberId, memberFields: memberUpdate.fields } : {}),
      },
    }, at)
    return { candidateId, resolution: input.resolution, decision, memberUpdate }
  })
}
