import type { ErrorCode } from '../errors/error-codes'
import type { Actor, ApplicationStatus } from '../status/status-table'
import type { DuplicateResolution, MemberUpdateField } from './resolution-vocabulary'
import { z } from 'zod'
import { visibleText } from '../text/hidden-characters'
import { DUPLICATE_RESOLUTIONS, MEMBER_UPDATE_FIELDS } from './resolution-vocabulary'

/**
 * How a reviewer resolves a duplicate candidate (DESIGN.md §6), one rule for the server
 * and the desk's buttons:
 * - `same_person`: the application closes as rejected with reason `duplicate`, linked to
 *   the record it duplicates; the reviewer may carry newer contact details over to the
 *   member, which lands in the member's change history. The application must be in
 *   review, as any rejection.
 * - `different_person`: the candidate is cleared, and the pair is never raised again.
 * `other_closed` is set by the server, not a reviewer: the other record ended — an
 * application rejected or withdrawn without becoming a member, a member cancelled, either
 * purged — so there is nothing left to duplicate.
 */

export { DUPLICATE_RESOLUTION_LABELS, DUPLICATE_RESOLUTIONS, MEMBER_UPDATE_FIELD_LABELS, MEMBER_UPDATE_FIELDS } from './resolution-vocabulary'
export type { DuplicateResolution, MemberUpdateField } from './resolution-vocabulary'

export const PERSON_MEMBER_UPDATE_FIELDS: readonly MemberUpdateField[] = ['mobile', 'email', 'address', 'occupation', 'employer']
export const ORGANISATION_MEMBER_UPDATE_FIELDS: readonly MemberUpdateField[] = ['contact', 'registeredAddress']

export const ResolveDuplicateSchema = z.object({
  resolution: z.enum(DUPLICATE_RESOLUTIONS),
  note: visibleText(500).optional(),
  memberFields: z.array(z.enum(MEMBER_UPDATE_FIELDS)).max(MEMBER_UPDATE_FIELDS.length).optional(),
}).strict()
export type ResolveDuplicateInput = z.infer<typeof ResolveDuplicateSchema>

const RESOLVING_ROLES = ['reviewer', 'supervisor'] as const
const OPEN_STATUSES: readonly ApplicationStatus[] = ['submitted', 'in_review']

export interface ResolutionFacts {
  status: ApplicationStatus
  siteId: string
}

export type ResolutionCheck = { ok: true } | { ok: false, code: ErrorCode, params?: Record<string, string | number> }

/**
 * Whether a same-person verdict by `actor` may carry details over to a member of
 * `memberSiteId`. A member changes only at the hands of staff who may work on it, as its own
 * operations do: a reviewer their own sites' members. The person may have joined at another
 * site; the verdict is still the reviewer's, the member's details a supervisor's to bring up to date.
 */
export function checkMemberUpdate(actor: Actor, memberSiteId: string): ResolutionCheck {
  if (actor.role === 'reviewer' && !actor.siteIds.includes(memberSiteId))
    return { ok: false, code: 'member.site_not_assigned' }
  return { ok: true }
}

/** Whether `actor` may resolve a candidate of this application as `resolution` now. */
export function checkResolution(actor: Actor, facts: ResolutionFacts, resolution: DuplicateResolution): ResolutionCheck {
  if (!(RESOLVING_ROLES as readonly string[]).includes(actor.role))
    return { ok: false, code: 'status.role_not_allowed', params: { role: actor.role, action: 'resolve_duplicate' } }
  if (actor.role === 'reviewer' && !actor.siteIds.includes(facts.siteId))
    return { ok: false, code: 'status.site_not_assigned' }
  if (!OPEN_STATUSES.includes(facts.status))
    return { ok: false, code: 'duplicate.not_resolvable', params: { status: facts.status } }
  if (resolution === 'same_person' && facts.status !== 'in_review')
    return { ok: false, code: 'duplicate.same_person_needs_review' }
  return { ok: true }
}
