import type { CardStatus, MemberStatus } from '#shared/members/member-status'
import type { Expression, ExpressionBuilder, Selectable, SqlBool } from 'kysely'
import type { DialectName } from '../db/dialect'
import type { Database, MemberTable } from '../db/schema'
import type { SiteScope } from './application-queue.repository'
import type { Executor } from './types'
import { sql } from 'kysely'
import { dialectOf } from '../db/dialect'

/**
 * Members and their change history. A member's `data` is the sealed application it was
 * approved from (identity numbers encrypted); `display_name`, `mobile` and the keyed hash
 * of the identity document are columns for lists and look-ups, so a search never
 * decrypts anything. Every change to a member adds a `member_changes` row.
 */

export interface StoredMember {
  id: string
  memberNo: string
  applicationId: string
  applicantType: string
  category: string
  level: string | null
  siteId: string
  displayName: string
  mobile: string
  idNumberHmac: string | null
  /** Sealed application JSON: open with application-codec. */
  data: string
  status: MemberStatus
  cardStatus: CardStatus
  cardNo: string | null
  validFrom: string
  validUntil: string
  version: number
  createdAt: string
  updatedAt: string
  /** The China date its next re-visit (回访) is due; null when there is to be none. */
  revisitDue: string | null
  /** Agreed to marketing messages (营销授权): as signed, until withdrawn. */
  marketing: boolean
  /** Set once its personal data was destroyed (retention): `data` is then an empty object. */
  purgedAt?: string | null
}

function toStoredMember(row: Selectable<MemberTable>): StoredMember {
  return {
    id: row.id,
    memberNo: row.member_no,
    applicationId: row.application_id,
    applicantType: row.applicant_type,
    category: row.category,
    level: row.level,
    siteId: row.site_id,
    displayName: row.display_name,
    mobile: row.mobile,
    idNumberHmac: row.id_number_hmac,
    data: row.data,
    status: row.status as MemberStatus,
    cardStatus: row.card_status as CardStatus,
    cardNo: row.card_no,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revisitDue: row.revisit_due,
    marketing: Number(row.marketing) === 1,
    purgedAt: row.purged_at,
  }
}

export async function insertMember(db: Executor, m: StoredMember): Promise<void> {
  await db.insertInto('members').values({
    id: m.id,
    member_no: m.memberNo,
    application_id: m.applicationId,
    applicant_type: m.applicantType,
    category: m.category,
    level: m.level,
    site_id: m.siteId,
    display_name: m.displayName,
    mobile: m.mobile,
    id_number_hmac: m.idNumberHmac,
    data: m.data,
    status: m.status,
    card_status: m.cardStatus,
    card_no: m.cardNo,
    valid_from: m.validFrom,
    valid_until: m.validUntil,
    version: m.version,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
    revisit_due: m.revisitDue,
    marketing: m.marketing ? 1 : 0,
  }).execute()
}

export async function findMember(db: Executor, id: string): Promise<StoredMember | undefined> {
  const row = await db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toStoredMember(row)
}

/**
 * Writes the member's status, card, validity, re-visit date and level if it is still at `expectedVersion`
 * (optimistic concurrency): false when someone else changed it first. Personal data is
 * never changed here; it changes only through an application (DESIGN.md §6).
 */
export async function updateMemberStanding(db: Executor, m: StoredMember, expectedVersion: number): Promise<boolean> {
  const result = await db.updateTable('members').set({
    status: m.status,
    card_status: m.cardStatus,
    card_no: m.cardNo,
    valid_from: m.validFrom,
    valid_until: m.validUntil,
    revisit_due: m.revisitDue,
    level: m.level,
    version: m.version,
    updated_at: m.updatedAt,
  }).where('id', '=', m.id).where('version', '=', expectedVersion).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export interface MemberChangeRecord {
  version: number
  action: string
  actorId: string
  actorName: string | null
  at: string
  detail: Record<string, unknown>
}

export async function insertMemberChange(db: Executor, change: { memberId: string, version: number, action: string, actorId: string, at: string, detail: Record<string, unknown> }): Promise<void> {
  await db.insertInto('member_changes').values({
    member_id: change.memberId,
    version: change.version,
    action: change.action,
    actor_id: change.actorId,
    at: change.at,
    detail: JSON.stringify(change.detail),
  }).execute()
}

/** Every change to the member, oldest first, with who made it. */
export async function listMemberChanges(db: Executor, memberId: string): Promise<MemberChangeRecord[]> {
  const rows = await db.selectFrom('member_changes')
    .leftJoin('staff', 'staff.id', 'member_changes.actor_id')
    .select(['member_changes.version', 'action', 'actor_id', 'staff.display_name', 'at', 'detail'])
    .where('member_id', '=', memberId)
    .orderBy('member_changes.id')
    .execute()
  return rows.map(r => ({
    version: Number(r.version),
    action: r.action,
    actorId: r.actor_id,
    actorName: r.display_name,
    at: r.at,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }))
}

/**
 * What a member search matches, each through an index: an exact mobile, a member number
 * prefix, or the keyed hashes of an identity document number under each document type.
 * The alternatives given are OR-ed; a search with none of them matches nothing.
 */
export interface MemberSearch {
  /** Exact mobiles (canonical form): the one a search names, or each it may be. */
  mobiles?: readonly string[]
  memberNoPrefix?: string
  idNumberHmacs?: readonly string[]
}

export interface MemberListFilter {
  scope: SiteScope
  /** Standings on `today` (YYYY-MM-DD, China): `expired` is derived from the dates, as `memberStatusOn` does. */
  statuses?: readonly MemberStatus[]
  today: string
  siteId?: string
  category?: string
  level?: string
  search?: MemberSearch
  /** Only members whose re-visit is due by `today` (not cancelled, not purged), the longest-waiting first. */
  revisitDue?: boolean
  /** Only members who agreed to marketing messages (true), or who did not or withdrew (false). */
  marketing?: boolean
}

export interface MemberListRow {
  id: string
  memberNo: string
  applicantType: string
  category: string
  level: string | null
  siteId: string
  /** The site's code and name (null only if the site row is gone). */
  siteCode: string | null
  siteName: string | null
  displayName: string
  mobile: string
  status: MemberStatus
  cardStatus: CardStatus
  validFrom: string
  validUntil: string
  revisitDue: string | null
  marketing: boolean
  version: number
  createdAt: string
}

/** The SQL twin of `memberStatusOn`: an active member past `valid_until` counts as expired. */
function standingCondition(eb: ExpressionBuilder<Database, 'members'>, status: MemberStatus, today: string): Expression<SqlBool> {
  if (status === 'active')
    return eb.and([eb('status', '=', 'active'), eb('valid_until', '>=', today)])
  if (status === 'expired')
    return eb.or([eb('status', '=', 'expired'), eb.and([eb('status', '=', 'active'), eb('valid_until', '<', today)])])
  return eb('status', '=', status)
}

function memberFilter(filter: MemberListFilter, dialect: DialectName) {
  return (eb: ExpressionBuilder<Database, 'members'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = []
    if (filter.scope.kind === 'sites')
      conditions.push(filter.scope.siteIds.length ? eb('site_id', 'in', filter.scope.siteIds) : sql<SqlBool>`1 = 0`)
    if (filter.statuses?.length)
      conditions.push(eb.or(filter.statuses.map(status => standingCondition(eb, status, filter.today))))
    if (filter.siteId !== undefined)
      conditions.push(eb('site_id', '=', filter.siteId))
    if (filter.category !== undefined)
      conditions.push(eb('category', '=', filter.category))
    if (filter.level !== undefined)
      conditions.push(eb('level', '=', filter.level))
    if (filter.marketing !== undefined)
      conditions.push(eb('marketing', '=', filter.marketing ? 1 : 0))
    // The SQL twin of `isRevisitDue` (purged members are cancelled ones, listed here for the index's sake).
    if (filter.revisitDue)
      conditions.push(eb.and([eb('revisit_due', '<=', filter.today), eb('status', '<>', 'cancelled'), eb('purged_at', 'is', null)]))
    if (filter.search) {
      const { mobiles, memberNoPrefix, idNumberHmacs } = filter.search
      const alternatives: Expression<SqlBool>[] = []
      if (mobiles?.length)
        alternatives.push(eb('mobile', 'in', mobiles))
      // Prefixes are capitals and digits only (checked by the caller), so no escaping. SQLite's
      // LIKE ignores case and so cannot walk the member-number index; its GLOB can. PostgreSQL
      // walks members_member_no_pattern for LIKE, whatever the database's collation.
      if (memberNoPrefix)
        alternatives.push(dialect === 'sqlite' ? sql<SqlBool>`member_no glob ${`${memberNoPrefix}*`}` : eb('member_no', 'like', `${memberNoPrefix}%`))
      if (idNumberHmacs?.length)
        alternatives.push(eb('id_number_hmac', 'in', idNumberHmacs))
      conditions.push(alternatives.length ? eb.or(alternatives) : sql<SqlBool>`1 = 0`)
    }
    return eb.and(conditions)
  }
}

/** One page of members, by member number (those due a re-visit, the longest-waiting first), and the number of members the filter matches. */
export async function listMembers(db: Executor, filter: MemberListFilter, page: { offset: number, limit: number }): Promise<{ rows: MemberListRow[], total: number }> {
  const where = memberFilter(filter, dialectOf(db))
  const counted = await db.selectFrom('members').select(eb => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow()
  const rows = await db.selectFrom('members')
    .leftJoin('sites', 'sites.id', 'members.site_id')
    .select(['members.id', 'member_no', 'applicant_type', 'category', 'level', 'site_id', 'display_name', 'mobile', 'status', 'card_status', 'valid_from', 'valid_until', 'revisit_due', 'marketing', 'members.version', 'members.created_at', 'sites.code', 'sites.name'])
    .where(eb => where(eb as unknown as ExpressionBuilder<Database, 'members'>))
    .$if(filter.revisitDue === true, query => query.orderBy('revisit_due'))
    .orderBy('member_no')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  return {
    total: Number(counted.n),
    rows: rows.map(toListRow),
  }
}

/** The list columns of a members row (the list and the export read the same ones). */
function toListRow(r: { id: string, member_no: string, applicant_type: string, category: string, level: string | null, site_id: string, display_name: string, mobile: string, status: string, card_status: string, valid_from: string, valid_until: string, revisit_due: string | null, marketing: number | string, version: number | string, created_at: string, code: string | null, name: string | null }): MemberListRow {
  return {
    id: r.id,
    memberNo: r.member_no,
    applicantType: r.applicant_type,
    category: r.category,
    level: r.level,
    siteId: r.site_id,
    siteCode: r.code,
    siteName: r.name,
    displayName: r.display_name,
    mobile: r.mobile,
    status: r.status as MemberStatus,
    cardStatus: r.card_status as CardStatus,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    revisitDue: r.revisit_due,
    marketing: Number(r.marketing) === 1,
    version: Number(r.version),
    createdAt: r.created_at,
  }
}

/** A member as an export writes it: the list columns, the card number and the sealed data. */
export interface MemberExportRow extends MemberListRow {
  cardNo: string | null
  data: string
  /** Set when its personal data was destroyed (retention): `data` holds nothing then. */
  purgedAt: string | null
}

/** Where the previous page of a members export ended: its last row's member number, and its re-visit date when the list is the 待回访 one. */
export interface MemberExportPageEnd { memberNo: string, revisitDue: string | null }

/**
 * The members `filter` matches in the list's order (by member number; the members due a
 * re-visit the longest-waiting first, as listMembers), after the row `after` (keyset
 * paging: each page an index range, none skipped or repeated), `limit` at a time: an
 * export reads them page by page and never holds them all.
 */
export async function listMembersForExport(db: Executor, filter: MemberListFilter, after: MemberExportPageEnd | null, limit: number): Promise<MemberExportRow[]> {
  const where = memberFilter(filter, dialectOf(db))
  // Under the due filter every row has a date (revisit_due <= today), so the pair orders them all.
  const byDue = filter.revisitDue === true
  let query = db.selectFrom('members')
    .leftJoin('sites', 'sites.id', 'members.site_id')
    .select(['members.id', 'member_no', 'applicant_type', 'category', 'level', 'site_id', 'display_name', 'mobile', 'status', 'card_status', 'card_no', 'valid_from', 'valid_until', 'revisit_due', 'marketing', 'members.version', 'members.created_at', 'data', 'members.purged_at', 'sites.code', 'sites.name'])
    .where(eb => where(eb as unknown as ExpressionBuilder<Database, 'members'>))
  if (after !== null) {
    query = byDue && after.revisitDue !== null
      ? query.where(eb => eb.or([
          eb('revisit_due', '>', after.revisitDue!),
          eb.and([eb('revisit_due', '=', after.revisitDue!), eb('member_no', '>', after.memberNo)]),
        ]))
      : query.where('member_no', '>', after.memberNo)
  }
  const rows = await query.$if(byDue, q => q.orderBy('revisit_due')).orderBy('member_no').limit(limit).execute()
  return rows.map(r => ({
    ...toListRow(r),
    cardNo: r.card_no,
    data: r.data,
    purgedAt: r.purged_at,
  }))
}

export async function countMembers(db: Executor, filter: MemberListFilter): Promise<number> {
  const row = await db.selectFrom('members').select(eb => eb.fn.countAll<number>().as('n')).where(memberFilter(filter, dialectOf(db))).executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * The member number of another person member, neither cancelled nor purged, whose mobile is
 * `mobile` (a person's mobile is their account key: one member per mobile). Organisations'
 * contact mobiles do not count: a contact person may be a member in their own right.
 */
export async function findPersonMemberByMobile(db: Executor, mobile: string, exceptId: string): Promise<{ memberNo: string, siteId: string } | undefined> {
  const row = await db.selectFrom('members')
    .select(['member_no', 'site_id'])
    .where('mobile', '=', mobile)
    .where('id', '<>', exceptId)
    .where('applicant_type', '<>', 'organisation')
    .where('status', '<>', 'cancelled')
    .where('purged_at', 'is', null)
    .orderBy('member_no')
    .executeTakeFirst()
  return row && { memberNo: row.member_no, siteId: row.site_id }
}

/**
 * Writes the member's personal data (sealed, with the mobile column lists search by) if it
 * is still at `expectedVersion`. Called only when contact details change (a desk change, or
 * a same-person duplicate resolution), which records the change in the history.
 */
export async function updateMemberData(db: Executor, m: Pick<StoredMember, 'id' | 'data' | 'mobile' | 'version' | 'updatedAt'>, expectedVersion: number): Promise<boolean> {
  const result = await db.updateTable('members').set({
    data: m.data,
    mobile: m.mobile,
    version: m.version,
    updated_at: m.updatedAt,
  }).where('id', '=', m.id).where('version', '=', expectedVersion).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Withdraws the member's marketing consent: the column lists filter by, and the consent in
 * its stored application (not sealed: no key needed), at the version the operation moved it
 * to. Called by the `withdraw_marketing` operation, which records it in the history.
 */
export async function withdrawMemberMarketing(db: Executor, m: Pick<StoredMember, 'id' | 'data' | 'version'>): Promise<void> {
  const stored = JSON.parse(m.data) as { consent?: Record<string, unknown> }
  const data = JSON.stringify({ ...stored, consent: { ...stored.consent, marketing: false } })
  await db.updateTable('members').set({ data, marketing: 0 }).where('id', '=', m.id).where('version', '=', m.version).execute()
}
