import type { Application } from '#shared/application/application.schema'
import type { MemberStatus } from '#shared/members/member-status'
import type { AppDeps, SessionActor } from '../context'
import type { StoredApplication } from '../repositories/applications.repository'
import type { MemberChangeRecord, MemberListRow, MemberSearch, StoredMember } from '../repositories/members.repository'
import type { Executor } from '../repositories/types'
import { randomUUID } from 'node:crypto'
import { ID_TYPES } from '#shared/identity/id-document'
import { formatMemberNumber, memberNumberCounter } from '#shared/members/member-number'
import { membershipTerm } from '#shared/members/membership-term'
import { maskMobile, maskName } from '#shared/privacy/masking'
import { normaliseDocumentNumber, normaliseMobile, toHalfWidth } from '#shared/text/normalise'
import { ApiError } from '../http/api-error'
import { appendAudit } from '../repositories/audit.repository'
import { nextCounterValue } from '../repositories/counters.repository'
import { findMember, insertMember, insertMemberChange, listMemberChanges, listMembers } from '../repositories/members.repository'
import { currentProgramme } from '../repositories/programme.repository'
import { identityLookupKey, openApplication } from './application-codec'
import { isInScope, siteScopeOf } from './site-scope'

/**
 * Members (会员): created when an application is approved, in the approval's transaction;
 * listed and searched with personal data masked; shown in full only on an audited
 * request, with their change history. Card and status operations come later.
 */

/**
 * Creates the member for an application being approved, inside the approval's
 * transaction: the next member number under the programme's prefix (a counter row locked
 * until commit keeps numbers unique and gap-free across processes), an active member
 * with a pending card, valid for a year from today, and the first change-history entry.
 */
export async function createMemberFromApplication(trx: Executor, application: StoredApplication, memberId: string, actorId: string, at: string, today: string): Promise<StoredMember> {
  const programme = await currentProgramme(trx)
  if (!programme)
    throw new ApiError(500, 'server.internal')
  const prefix = programme.settings.memberNumberPrefix
  const memberNo = formatMemberNumber(prefix, await nextCounterValue(trx, memberNumberCounter(prefix)))
  // The level is not personal data: read it from the sealed JSON without decrypting.
  const { level } = JSON.parse(application.data) as { level?: string }
  const member: StoredMember = {
    id: memberId,
    memberNo,
    applicationId: application.id,
    applicantType: application.applicantType,
    category: application.category,
    level: level ?? null,
    siteId: application.siteId,
    displayName: application.displayName,
    mobile: application.mobile,
    idNumberHmac: application.idNumberHmac,
    data: application.data,
    status: 'active',
    cardStatus: 'pending',
    cardNo: null,
    ...membershipTerm(today),
    version: 1,
    createdAt: at,
    updatedAt: at,
  }
  await insertMember(trx, member)
  await insertMemberChange(trx, { memberId, version: 1, action: 'create', actorId, at, detail: { applicationId: application.id, receiptNo: application.receiptNo, memberNo } })
  return member
}

export function newMemberId(): string {
  return randomUUID()
}

/**
 * Reads a search box: an 11-digit mainland mobile (with or without +86 and separators)
 * is matched exactly; anything else is tried both as a member-number prefix (letters then
 * digits) and as an identity document or USCC number, through its keyed hash under each
 * document type, so no ID number is ever decrypted or stored in the clear to search.
 */
export function memberSearchOf(deps: Pick<AppDeps, 'cipher'>, q: string): MemberSearch {
  const text = toHalfWidth(q).trim()
  const mobile = normaliseMobile(text)
  if (/^1\d{10}$/.test(mobile))
    return { mobile }
  const document = normaliseDocumentNumber(text)
  const search: MemberSearch = {}
  if (/^[A-Z]{1,4}\d*$/.test(document))
    search.memberNoPrefix = document
  if (document.length >= 5)
    search.idNumberHmacs = [...ID_TYPES, 'uscc'].map(type => deps.cipher.lookupHash(identityLookupKey(type, document)))
  return search
}

export interface MemberListQuery {
  q?: string | undefined
  status?: MemberStatus[] | undefined
  siteId?: string | undefined
  page: number
  pageSize: number
}

export async function listMembersFor(deps: AppDeps, actor: SessionActor, query: MemberListQuery): Promise<{ items: MemberListRow[], total: number, page: number, pageSize: number }> {
  const { rows, total } = await listMembers(deps.db, {
    scope: siteScopeOf(actor),
    ...(query.status ? { statuses: query.status } : {}),
    ...(query.siteId !== undefined ? { siteId: query.siteId } : {}),
    ...(query.q !== undefined ? { search: memberSearchOf(deps, query.q) } : {}),
  }, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize })
  return {
    items: rows.map(row => ({ ...row, displayName: maskName(row.displayName), mobile: maskMobile(row.mobile) })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  }
}

/** The stored member without its sealed data and look-up hash, plus the application opened and the history. */
export interface MemberDetail extends Omit<StoredMember, 'data' | 'idNumberHmac'> {
  /** The approved application, identity numbers decrypted. */
  data: Application
  changes: MemberChangeRecord[]
}

/** The member in full, with its change history; the view is written to the audit log first. */
export async function memberDetail(deps: AppDeps, actor: SessionActor, id: string, ip: string | null): Promise<MemberDetail> {
  const at = deps.now().toISOString()
  const { member, changes } = await deps.db.transaction().execute(async (trx) => {
    const member = await findMember(trx, id)
    if (!member || !isInScope(actor, member.siteId))
      throw new ApiError(404, 'request.not_found')
    const changes = await listMemberChanges(trx, id)
    await appendAudit(trx, { actorId: actor.id, action: 'member.view_full', targetType: 'member', targetId: id, ip, detail: { memberNo: member.memberNo } }, at)
    return { member, changes }
  })
  const { data, idNumberHmac: _hmac, ...columns } = member
  return { ...columns, data: openApplication(data, deps.cipher), changes }
}
