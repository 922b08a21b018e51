import type { Application } from '#shared/application/application.schema'
import type { MemberUpdateField } from '#shared/dedup/resolution'
import type { AppDeps, SessionActor } from '../context'
import type { StoredMember } from '../repositories/members.repository'
import type { Executor } from '../repositories/types'
import { matchProfiles } from '#shared/dedup/match-profile'
import { blockingKeyHashes } from '../dedup/find-duplicates'
import { reconcileMemberCandidates } from '../dedup/member-candidates'
import { ApiError } from '../http/api-error'
import { replaceDedupKeys } from '../repositories/dedup-keys.repository'
import { findPersonMemberByMobile, updateMemberData } from '../repositories/members.repository'
import { sealApplication } from './application-codec'
import { isInScope } from './site-scope'

/**
 * One person member per mobile: a change that gives a person the mobile another active
 * person member holds is refused (409 member.mobile_taken, naming that member), whether it
 * comes from the desk's contact change or from a same-person duplicate resolution. The
 * member is named only to staff who may see it: a reviewer offering another site's
 * member's mobile learns that it is taken (member.mobile_taken_elsewhere), never whose it
 * is — the members search keeps that from them too. Call under the feed lock, so two
 * changes at once cannot each miss the other.
 */
export async function assertMobileFree(trx: Executor, actor: Pick<SessionActor, 'role' | 'siteIds'>, memberId: string, data: Application, changed: readonly MemberUpdateField[]): Promise<void> {
  if (data.applicantType === 'organisation' || !changed.includes('mobile'))
    return
  const holder = await findPersonMemberByMobile(trx, data.person.mobile, memberId)
  if (!holder)
    return
  if (!isInScope(actor, holder.siteId))
    throw new ApiError(409, 'member.mobile_taken_elsewhere')
  throw new ApiError(409, 'member.mobile_taken', { params: { memberNo: holder.memberNo } })
}

/**
 * Stores a member's changed contact details (a desk change, or a same-person duplicate
 * resolution): the sealed data and the mobile column at `version` if the row is still at
 * `expectedVersion`, and the member's duplicate blocking keys rebuilt from the new details,
 * so a later application with the new mobile or address finds this member; the open
 * applications already in are compared with the new details too (their candidates naming
 * the member scored again, new ones raised), as they are with a resubmitted application.
 * False when the row moved on meanwhile.
 */
export async function storeMemberContact(trx: Executor, deps: Pick<AppDeps, 'cipher'>, member: Pick<StoredMember, 'id' | 'applicationId'>, data: Application, version: number, expectedVersion: number, at: string): Promise<boolean> {
  const sealed = sealApplication(data, deps.cipher)
  if (!await updateMemberData(trx, { id: member.id, data: sealed.data, mobile: sealed.mobile, version, updatedAt: at }, expectedVersion))
    return false
  await replaceDedupKeys(trx, member.applicationId, blockingKeyHashes(deps, matchProfiles(data)))
  await reconcileMemberCandidates(trx, deps, member, data, at)
  return true
}
