import type { Application } from '#shared/application/application.schema'
import type { MemberUpdateField } from '#shared/dedup/resolution'
import type { MemberContactChange } from '#shared/members/contact-change'
import type { MemberFee, MemberOperation, MemberOperationRule } from '#shared/members/member-operations'
import type { CardStatus, MemberStatus } from '#shared/members/member-status'
import type { Revisit } from '#shared/members/revisit'
import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppDeps, SessionActor } from '../context'
import type { MemberChangeRecord, StoredMember } from '../repositories/members.repository'
import type { Executor } from '../repositories/types'
import type { MemberDetail } from './members.service'
import { todayInChina } from '#shared/dates/calendar'
import { CARD_NUMBER_COUNTER, formatCardNumber } from '#shared/members/card-number'
import { applyContactChange } from '#shared/members/contact-change'
import { memberFieldChanges } from '#shared/members/member-fields'
import { checkMemberOperation, memberOperationRule } from '#shared/members/member-operations'
import { memberStatusOn } from '#shared/members/member-status'
import { renewedTerm } from '#shared/members/membership-term'
import { nextRevisitDue } from '#shared/members/revisit'
import { levelCodesOf } from '#shared/programme/programme.schema'
import { isUniqueViolation } from '../db/errors'
import { ApiError } from '../http/api-error'
import { appendAudit } from '../repositories/audit.repository'
import { lockFeed } from '../repositories/change-feed.repository'
import { nextCounterValue } from '../repositories/counters.repository'
import { closeCandidatesNaming } from '../repositories/duplicate-candidates.repository'
import { findMember, insertMemberChange, listMemberChanges, updateMemberData, updateMemberStanding, withdrawMemberMarketing } from '../repositories/members.repository'
import { settingsInForce } from '../repositories/programme.repository'
import { openApplication } from './application-codec'
import { assertMobileFree, storeMemberContact } from './member-contact'
import { memberLevels, toMemberDetail } from './members.service'
import { isInScope } from './site-scope'
import { StaleVersion } from './stale-version'

/**
 * Card and status operations on a member (DESIGN.md §3), the only way a member changes
 * after approval. Each names the member version it was made on (If-Match), is checked
 * against the shared operations table, and is applied in one transaction: the member at
 * the next version (optimistic concurrency: a stale version answers 409 with the current,
 * masked copy), its change-history entry (who, when, each field's before and after, the
 * fee, the reason) and the audit entry. No change-feed entry: devices never hold members.
 *
 * Lock order: the member row first (the conditional update), then the card-number counter,
 * then the audit counter — the same order as every other writer that takes those, so two
 * operations can only queue, never deadlock.
 */

export interface MemberOperationRequest {
  fee?: MemberFee | undefined
  reason?: string | undefined
  /** How a re-visit was made and what came of it (the `revisit` operation). */
  revisit?: Revisit | undefined
  /** The contact details to change (the `update_contact` operation). */
  contact?: MemberContactChange | undefined
  /** The level to change to (the `change_level` operation). */
  level?: string | undefined
  note?: string | undefined
}

export interface MemberOperationResult {
  id: string
  memberNo: string
  operation: MemberOperation
  version: number
  status: MemberStatus
  cardStatus: CardStatus
  cardNo: string | null
  validFrom: string
  validUntil: string
  revisitDue: string | null
  /** The change-history entry this operation wrote. */
  change: MemberChangeRecord
}

/** State 409, permission 403, missing input 422 — as for review decisions. */
function refusalStatus(code: string): ContentfulStatusCode {
  if (code === 'member.operation_not_allowed')
    return 409
  if (code === 'member.role_not_allowed' || code === 'member.site_not_assigned')
    return 403
  return 422
}

/** The re-visit date after the operation: moved on by a re-visit's outcome, cleared by cancellation, else kept. */
function revisitDueAfter(rule: MemberOperationRule, existing: StoredMember, revisit: Revisit | undefined, today: string, settings: ProgrammeSettings): string | null {
  if (rule.revisits === 'stop')
    return null
  if (rule.revisits === 'record' && revisit)
    return nextRevisitDue(today, revisit.outcome, settings.revisits)
  return existing.revisitDue
}

/**
 * The member's data with the requested contact change, and the fields it changed: refused
 * when it does not fit the member, changes nothing, or gives a person the mobile another
 * person member holds.
 */
async function contactChanged(trx: Executor, deps: AppDeps, actor: SessionActor, existing: StoredMember, contact: MemberContactChange): Promise<{ data: Application, fields: MemberUpdateField[] }> {
  const updated = applyContactChange(openApplication(existing.data, deps.cipher), contact)
  if (!updated.ok)
    throw new ApiError(422, updated.code)
  if (!updated.changed.length)
    throw new ApiError(422, 'member.nothing_changed')
  await assertMobileFree(trx, actor, existing.id, updated.data, updated.changed)
  return { data: updated.data, fields: updated.changed }
}

function clean(text: string | undefined): string | undefined {
  const trimmed = text?.trim()
  return trimmed || undefined
}

async function loadVisible(db: Executor, actor: SessionActor, id: string): Promise<StoredMember> {
  const member = await findMember(db, id)
  if (!member || !isInScope(actor, member.siteId))
    throw new ApiError(404, 'request.not_found')
  return member
}

/**
 * The 409 of an operation on a stale version, or on a member whose standing no longer
 * allows it (one that expired since the page was loaded keeps its version): the member as
 * GET shows it, masked, so the desk shows what can be done now without asking again — a
 * view like any other, so audited as `member.view` (its cause named), as the review desk's
 * conflict answer is.
 */
async function conflictAnswer(deps: AppDeps, actor: SessionActor, id: string, ip: string | null, refusal?: ApiError): Promise<ApiError> {
  const at = deps.now().toISOString()
  const cause = refusal ? 'operation_not_allowed' : 'version_conflict'
  const current = await deps.db.transaction().execute(async (trx): Promise<MemberDetail> => {
    const member = await loadVisible(trx, actor, id)
    await appendAudit(trx, { actorId: actor.id, action: 'member.view', targetType: 'member', targetId: id, ip, detail: { memberNo: member.memberNo, version: member.version, cause } }, at)
    return toMemberDetail(deps, actor, member, await listMemberChanges(trx, id), false, await memberLevels(trx, member.category))
  })
  if (refusal)
    return new ApiError(refusal.status, refusal.code, { ...refusal.options, extra: { ...refusal.options.extra, current } })
  return new ApiError(409, 'request.version_conflict', { extra: { current } })
}

export async function applyMemberOperation(deps: AppDeps, actor: SessionActor, id: string, operation: MemberOperation, expectedVersion: number, request: MemberOperationRequest, ip: string | null): Promise<MemberOperationResult> {
  const now = deps.now()
  const at = now.toISOString()
  const today = todayInChina(now)
  const reason = clean(request.reason)
  const note = clean(request.note)
  try {
    return await deps.db.transaction().execute(async (trx) => {
      // A contact change checks that no other member holds the new mobile before it writes it.
      // On PostgreSQL two changes at once would each miss the other's uncommitted row and
      // give one mobile to two members: they take the feed lock first, as pushes and
      // decisions do (which also rebuild blocking keys), and so run one after another.
      if (memberOperationRule(operation).changesContact)
        await lockFeed(trx)
      const existing = await loadVisible(trx, actor, id)
      // Its personal data was destroyed (retention): nothing is left to act on, whatever the version named.
      if (existing.purgedAt)
        throw new ApiError(410, 'record.purged')
      if (existing.version !== expectedVersion)
        throw new StaleVersion()
      const standing = memberStatusOn(existing, today)
      const settings = await settingsInForce(trx)
      const facts = { status: standing, cardStatus: existing.cardStatus, siteId: existing.siteId, level: existing.level, levels: levelCodesOf(settings, existing.category), marketing: existing.marketing }
      const check = checkMemberOperation(actor, facts, operation, { fee: request.fee, reason, revisit: request.revisit, contact: request.contact, level: request.level })
      if (!check.ok)
        throw new ApiError(refusalStatus(check.failure.code), check.failure.code, check.failure.params ? { params: check.failure.params } : {})

      const contact = check.rule.changesContact && request.contact ? await contactChanged(trx, deps, actor, existing, request.contact) : undefined
      const next: StoredMember = {
        ...existing,
        status: check.status,
        cardStatus: check.cardStatus,
        revisitDue: revisitDueAfter(check.rule, existing, request.revisit, today, settings),
        level: check.rule.changesLevel && request.level ? request.level : existing.level,
        marketing: check.rule.withdrawsMarketing ? false : existing.marketing,
        version: existing.version + 1,
        updatedAt: at,
      }
      if (check.rule.extendsValidity)
        Object.assign(next, renewedTerm(existing, today, settings.membershipTermYears))
      // The row update comes first: it takes the member's row lock, so of two concurrent
      // operations the second waits here and then finds the version moved on.
      if (!await updateMemberStanding(trx, next, existing.version))
        throw new StaleVersion()
      // A new application of the person is no longer held back by the membership just ended.
      if (next.status === 'cancelled' && existing.status !== 'cancelled')
        await closeCandidatesNaming(trx, { type: 'member', id }, at)
      if (check.rule.newCardNumber) {
        next.cardNo = formatCardNumber(await nextCounterValue(trx, CARD_NUMBER_COUNTER))
        await updateMemberStanding(trx, next, next.version)
      }
      if (contact)
        await storeMemberContact(trx, deps, existing, contact.data, next.version, next.version, at)
      // The approved application the member keeps names its level too (not sealed: no key needed).
      if (next.level !== existing.level)
        await updateMemberData(trx, { ...next, data: JSON.stringify({ ...JSON.parse(existing.data) as object, level: next.level }) }, next.version)
      if (next.marketing !== existing.marketing)
        await withdrawMemberMarketing(trx, { id, data: existing.data, version: next.version })

      const fee = check.rule.takesFee ? request.fee : undefined
      const revisit = check.rule.revisits === 'record' && request.revisit ? { channel: request.revisit.channel, outcome: request.revisit.outcome } : undefined
      const detail = {
        changes: memberFieldChanges(existing, next, today),
        ...(fee ? { fee } : {}),
        ...(revisit ? { revisit } : {}),
        // Which details changed, not their values: the history is read without revealing anything.
        ...(contact ? { fields: contact.fields } : {}),
        ...(reason ? { reason } : {}),
        ...(note ? { note } : {}),
      }
      await insertMemberChange(trx, { memberId: id, version: next.version, action: operation, actorId: actor.id, at, detail })
      // The audit log keeps what was done, not people's words: a reason or a note may name the
      // member, and the log is append-only — the retention purge can destroy the change
      // history's copy, never the log's. (Decisions on applications record no note either.)
      const { reason: _reason, note: _note, ...done } = detail
      await appendAudit(trx, { actorId: actor.id, action: `member.${operation}`, targetType: 'member', targetId: id, ip, detail: { memberNo: existing.memberNo, version: next.version, ...done } }, at)
      return {
        id,
        memberNo: next.memberNo,
        operation,
        version: next.version,
        status: memberStatusOn(next, today),
        cardStatus: next.cardStatus,
        cardNo: next.cardNo,
        validFrom: next.validFrom,
        validUntil: next.validUntil,
        revisitDue: next.revisitDue,
        change: { version: next.version, action: operation, actorId: actor.id, actorName: actor.displayName, at, detail },
      }
    })
  }
  catch (error) {
    // A unique violation would be a card number taken by a concurrent writer: answer with the current copy.
    if (error instanceof StaleVersion || isUniqueViolation(error))
      throw await conflictAnswer(deps, actor, id, ip)
    if (error instanceof ApiError && error.code === 'member.operation_not_allowed')
      throw await conflictAnswer(deps, actor, id, ip, error)
    throw error
  }
}
