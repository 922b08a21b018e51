import type { Application } from '#shared/application/application.schema'
import type { MemberOperation } from '#shared/members/member-operations'
import type { MemberStatus } from '#shared/members/member-status'
import type { AppDeps, SessionActor } from '../context'
import type { StoredApplication } from '../repositories/applications.repository'
import type { MemberChangeRecord, MemberListFilter, MemberListRow, MemberSearch, StoredMember } from '../repositories/members.repository'
import type { Executor } from '../repositories/types'
import { randomUUID } from 'node:crypto'
import { searchedMobile } from '#shared/contact/mobile'
import { todayInChina } from '#shared/dates/calendar'
import { ID_TYPES } from '#shared/identity/id-document'
import { formatMemberNumber, memberNumberCounter } from '#shared/members/member-number'
import { availableMemberOperations } from '#shared/members/member-operations'
import { memberStatusOn } from '#shared/members/member-status'
import { membershipTerm } from '#shared/members/membership-term'
import { firstRevisitDue } from '#shared/members/revisit'
import { maskApplication } from '#shared/privacy/application-masking'
import { maskDisplayName, maskMobile } from '#shared/privacy/masking'
import { levelCodesOf } from '#shared/programme/programme.schema'
import { removeInvisibleCharacters } from '#shared/text/hidden-characters'
import { normaliseDocumentNumber, toHalfWidth } from '#shared/text/normalise'
import { ApiError } from '../http/api-error'
import { appendAudit } from '../repositories/audit.repository'
import { nextCounterValue } from '../repositories/counters.repository'
import { findMember, insertMember, insertMemberChange, listMemberChanges, listMembers } from '../repositories/members.repository'
import { currentProgramme, settingsInForce } from '../repositories/programme.repository'
import { identityLookupKey, openApplication } from './application-codec'
import { isInScope, siteScopeOf } from './site-scope'

/**
 * Members (会员): created when an application is approved, in the approval's transaction;
 * listed and searched with personal data masked; shown with their change history, masked
 * unless revealed (every view audited, a revealing one as a full view). Card and status
 * operations are in `member-operations.service.ts`. A member's standing is reported as
 * on today in China: `expired` is derived from the dates (`memberStatusOn`).
 */

/**
 * Creates the member for an application being approved, inside the approval's
 * transaction: the next member number under the programme's prefix (a counter row locked
 * until commit keeps numbers unique and gap-free across processes), an active member
 * with a pending card, valid for the programme's term from today, its first re-visit due
 * as the programme's schedule says, and the first change-history entry.
 */
export async function createMemberFromApplication(trx: Executor, application: StoredApplication, memberId: string, actorId: string, at: string, today: string): Promise<StoredMember> {
  const programme = await currentProgramme(trx)
  if (!programme)
    throw new ApiError(500, 'server.internal')
  const prefix = programme.settings.memberNumberPrefix
  const memberNo = formatMemberNumber(prefix, await nextCounterValue(trx, memberNumberCounter(prefix)))
  // The level and the consents are not sealed: read them from the JSON without decrypting.
  const { level, consent } = JSON.parse(application.data) as { level?: string, consent?: { marketing?: boolean } }
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
    ...membershipTerm(today, programme.settings.membershipTermYears),
    revisitDue: firstRevisitDue(today, programme.settings.revisits),
    marketing: consent?.marketing === true,
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
 * Reads a search box: a mobile (mainland, with or without +86 and separators, or Hong
 * Kong, Macau and Taiwan with their calling codes) is matched exactly; anything else is
 * tried both as a member-number prefix (letters then digits) and as an identity document or
 * USCC number, through its keyed hash under each document type, so no ID number is ever
 * decrypted or stored in the clear to search — and a mobile as written at home (Taiwan's
 * `0912 345 678`, Hong Kong's or Macau's 8 digits without the code) as that mobile too.
 */
export function memberSearchOf(deps: Pick<AppDeps, 'cipher'>, q: string): MemberSearch {
  // A number pasted from a chat app often carries zero-width spaces nobody can see to delete.
  const text = removeInvisibleCharacters(toHalfWidth(q)).trim()
  const mobile = searchedMobile(text)
  if (mobile?.only)
    return { mobiles: mobile.mobiles }
  const document = normaliseDocumentNumber(text)
  // A number as written at home (Taiwan's 0912…, Hong Kong's 9123 4567) is that mobile, or else perhaps a document's number.
  const search: MemberSearch = mobile ? { mobiles: mobile.mobiles } : {}
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
  category?: string | undefined
  level?: string | undefined
  revisitDue?: boolean | undefined
  marketing?: boolean | undefined
  page: number
  pageSize: number
}

/** The repository filter for a members query (the list's, and the export's). */
export function memberFilterOf(deps: AppDeps, actor: SessionActor, query: Pick<MemberListQuery, 'q' | 'status' | 'siteId' | 'category' | 'level' | 'revisitDue' | 'marketing'>): MemberListFilter {
  return {
    scope: siteScopeOf(actor),
    today: todayInChina(deps.now()),
    ...(query.status ? { statuses: query.status } : {}),
    ...(query.siteId !== undefined ? { siteId: query.siteId } : {}),
    ...(query.category !== undefined ? { category: query.category } : {}),
    ...(query.level !== undefined ? { level: query.level } : {}),
    ...(query.revisitDue ? { revisitDue: true } : {}),
    ...(query.marketing !== undefined ? { marketing: query.marketing } : {}),
    ...(query.q !== undefined ? { search: memberSearchOf(deps, query.q) } : {}),
  }
}

export async function listMembersFor(deps: AppDeps, actor: SessionActor, query: MemberListQuery): Promise<{ items: MemberListRow[], total: number, page: number, pageSize: number }> {
  const filter = memberFilterOf(deps, actor, query)
  const { rows, total } = await listMembers(deps.db, filter, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize })
  return {
    items: rows.map(row => ({ ...row, status: memberStatusOn(row, filter.today), displayName: maskDisplayName(row.applicantType, row.displayName), mobile: maskMobile(row.mobile) })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  }
}

/** The stored member without its sealed data and look-up hash, plus the application opened and the history. */
export interface MemberDetail extends Omit<StoredMember, 'data' | 'idNumberHmac'> {
  /** Whether `data`, `displayName`'s record and `mobile` carry full values. */
  revealed: boolean
  /** The approved application: masked unless revealed (shared/privacy/application-masking.ts). */
  data: Application
  changes: MemberChangeRecord[]
  /** What this actor may do to the member now, from the shared operations table. */
  availableOperations: MemberOperation[]
}

/** The member as the desk sees it: standing on today, masked unless `reveal`; `levels`, its category's level codes in force. */
export function toMemberDetail(deps: AppDeps, actor: SessionActor, member: StoredMember, changes: MemberChangeRecord[], reveal: boolean, levels: readonly string[]): MemberDetail {
  // purgedAt is always null here (a purged member is 410) and not part of the detail.
  const { data, idNumberHmac: _hmac, purgedAt: _purged, ...columns } = member
  const status = memberStatusOn(member, todayInChina(deps.now()))
  const application = openApplication(data, deps.cipher)
  return {
    ...columns,
    status,
    displayName: reveal ? member.displayName : maskDisplayName(member.applicantType, member.displayName),
    mobile: reveal ? member.mobile : maskMobile(member.mobile),
    revealed: reveal,
    data: reveal ? application : maskApplication(application),
    changes,
    availableOperations: availableMemberOperations(actor, { status, cardStatus: member.cardStatus, siteId: member.siteId, level: member.level, levels, marketing: member.marketing }),
  }
}

/**
 * The member with its change history. Every view is written to the audit log before
 * anything is shown: `member.view` masked, `member.view_full` with `reveal`.
 */
export async function memberDetail(deps: AppDeps, actor: SessionActor, id: string, ip: string | null, reveal = false): Promise<MemberDetail> {
  const at = deps.now().toISOString()
  const { member, changes, levels } = await deps.db.transaction().execute(async (trx) => {
    const member = await findMember(trx, id)
    if (!member || !isInScope(actor, member.siteId))
      throw new ApiError(404, 'request.not_found')
    // Its personal data was destroyed at the end of its retention period: nothing to show.
    if (member.purgedAt)
      throw new ApiError(410, 'record.purged')
    const changes = await listMemberChanges(trx, id)
    await appendAudit(trx, { actorId: actor.id, action: reveal ? 'member.view_full' : 'member.view', targetType: 'member', targetId: id, ip, detail: { memberNo: member.memberNo } }, at)
    return { member, changes, levels: await memberLevels(trx, member.category) }
  })
  return toMemberDetail(deps, actor, member, changes, reveal, levels)
}

/** The level codes of a member's category in the programme in force. */
export async function memberLevels(db: Executor, category: string): Promise<string[]> {
  return levelCodesOf(await settingsInForce(db), category)
}
