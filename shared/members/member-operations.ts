import type { ErrorCode } from '../errors/error-codes'
import type { IssueParams } from '../errors/issue'
import type { Role } from '../status/roles'
import type { MemberContactChange } from './contact-change'
import type { MemberOperation } from './member-operation-vocabulary'
import type { CardStatus, MemberStatus } from './member-status'
import type { Revisit } from './revisit'
import { z } from 'zod'
import { PAYMENT_METHODS } from '../application/enums'
import { MAX_AMOUNT_FEN } from '../application/payment-amount'
import { withoutHiddenCharacters } from '../text/hidden-characters'
import { MEMBER_OPERATIONS } from './member-operation-vocabulary'

/**
 * What may happen to a member after approval (DESIGN.md §3), as one table that the server
 * applies and the desk reads to show only the buttons that would work:
 *
 *   card:    pending 待发卡 ─issue_card─▶ issued 已发卡 ─report_lost─▶ lost 已挂失
 *            lost ─reissue─▶ reissued 已补办 ─report_lost─▶ lost …
 *   member:  active 正常 ─freeze─▶ frozen 冻结 ─unfreeze─▶ active
 *            active/frozen/expired ─cancel─▶ cancelled 已注销 (final)
 *            active/expired ─renew─▶ active, validity extended by the programme's term
 *   neither: active/frozen/expired ─revisit─▶ the next re-visit date moves on (revisit.ts)
 *            active/frozen/expired ─update_contact─▶ contact details changed (contact-change.ts)
 *            active ─change_level─▶ another level of the member's category (银卡 → 金卡)
 *            active/frozen/expired/cancelled ─withdraw_marketing─▶ no more marketing messages
 *            (PIPL: consent withdrawn as easily as given, and at any time — a cancelled member
 *            keeps the consent they signed until they withdraw it; only a signature gives it)
 *
 * `expired` (已过期) is derived from the dates (`memberStatusOn`), so the table is read
 * with the member's standing on the day. A row names the member and card states it
 * starts from, the roles that may fire it, what it changes, and a guard over the input
 * (a fee record for reissue and renewal, a reason for cancellation). Reviewers act only
 * on members of their sites, supervisors on all; cancellation is the supervisor's alone
 * because it cannot be undone and starts the retention clock for the member's data.
 * A re-visit (回访) and a change of contact details (资料变更) go through here too, so they
 * are checked, versioned, in the member's history and audited like every other change;
 * cancellation ends the re-visits.
 */

export { MEMBER_OPERATION_LABELS, MEMBER_OPERATIONS } from './member-operation-vocabulary'
export type { MemberOperation } from './member-operation-vocabulary'

/** A fee taken at the desk: recorded, not processed (as the joining fee is). */
export const MemberFeeSchema = z.object({
  amountFen: z.number().int().min(0).max(MAX_AMOUNT_FEN),
  method: z.enum(PAYMENT_METHODS),
  /** The fee's own receipt (收据号), as printed: anything hidden in it is refused, never stored. */
  receiptNo: withoutHiddenCharacters(z.string().trim().min(1).max(64)).optional(),
}).strict()
export type MemberFee = z.infer<typeof MemberFeeSchema>

/** Who acts. Reviewers act only on their sites' members; supervisors on all. */
export interface MemberActor {
  role: Role
  siteIds: readonly string[]
}

/** What the guards need to know about the member, on the day. */
export interface MemberFacts {
  /** The standing on the day (`memberStatusOn`), so `expired` is seen. */
  status: MemberStatus
  cardStatus: CardStatus
  siteId: string
  /** The member's level (银卡…), null when its category has none. */
  level?: string | null
  /** The level codes of the member's category in the programme in force (none: no level to change to). */
  levels?: readonly string[]
  /** Whether the member agreed to marketing messages (its consent, as signed or since withdrawn). */
  marketing?: boolean
}

export interface MemberOperationInput {
  fee?: MemberFee | undefined
  reason?: string | undefined
  revisit?: Revisit | undefined
  contact?: MemberContactChange | undefined
  /** The level to change to (`change_level`). */
  level?: string | undefined
}

export interface MemberGuardFailure {
  code: ErrorCode
  params?: IssueParams
}

export interface MemberOperationRule {
  operation: MemberOperation
  /** Member standings it may start from. */
  memberFrom: readonly MemberStatus[]
  /** Card states it may start from. */
  cardFrom: readonly CardStatus[]
  roles: readonly Role[]
  /** The member's stored status afterwards (unchanged when absent). */
  memberTo?: MemberStatus
  /** The card's state afterwards (unchanged when absent). */
  cardTo?: CardStatus
  /** A new card number is handed out. */
  newCardNumber: boolean
  /** The validity is extended by the programme's term. */
  extendsValidity: boolean
  /** A fee record goes with it (and into the change history). */
  takesFee: boolean
  /** What it does to the re-visit date: `record` moves it on by the outcome, `stop` clears it. */
  revisits?: 'record' | 'stop'
  /** The member's contact details change (the sealed data, its mobile and duplicate keys). */
  changesContact?: boolean
  /** The member moves to `input.level`, another level of its category. */
  changesLevel?: boolean
  /** The member's marketing consent is withdrawn. */
  withdrawsMarketing?: boolean
  guard?: (input: MemberOperationInput, facts: MemberFacts) => MemberGuardFailure | null
}

const DESK: readonly Role[] = ['reviewer', 'supervisor']
const ANY_CARD: readonly CardStatus[] = ['pending', 'issued', 'lost', 'reissued']
const CARD_IN_HAND: readonly CardStatus[] = ['issued', 'reissued']

function feeGuard(input: MemberOperationInput): MemberGuardFailure | null {
  const fee = input.fee
  if (!fee)
    return { code: 'member.fee_required' }
  if (fee.method === 'waived')
    return fee.amountFen === 0 ? null : { code: 'payment.waived_not_zero' }
  if (fee.amountFen === 0)
    return { code: 'member.fee_amount_required' }
  return fee.receiptNo ? null : { code: 'member.fee_receipt_required' }
}

function reasonGuard(input: MemberOperationInput): MemberGuardFailure | null {
  return input.reason?.trim() ? null : { code: 'member.reason_required' }
}

function revisitGuard(input: MemberOperationInput): MemberGuardFailure | null {
  return input.revisit ? null : { code: 'member.revisit_required' }
}

/** Another level of the member's own category, and on what basis (会员申请升级…). */
function levelGuard(input: MemberOperationInput, facts: MemberFacts): MemberGuardFailure | null {
  if (!facts.levels?.length)
    return { code: 'member.category_without_levels' }
  if (!input.level)
    return { code: 'member.level_required' }
  if (!facts.levels.includes(input.level))
    return { code: 'member.level_unknown', params: { level: input.level } }
  if (input.level === facts.level)
    return { code: 'member.nothing_changed' }
  return reasonGuard(input)
}

/** Something to change, and on what basis (会员本人申请, a document seen…): the history says why. */
function contactGuard(input: MemberOperationInput): MemberGuardFailure | null {
  const given = (part: object | undefined) => Object.values(part ?? {}).some(value => value !== undefined)
  if (!given(input.contact?.person) && !given(input.contact?.organisation))
    return { code: 'member.contact_required' }
  return reasonGuard(input)
}

/**
 * Withdrawing needs no reason — the member's right, as easy as giving it (PIPL art. 15) —
 * only a consent to withdraw. Giving it is not a desk operation: it takes the member's signature.
 */
function marketingGuard(_input: MemberOperationInput, facts: MemberFacts): MemberGuardFailure | null {
  return facts.marketing === true ? null : { code: 'member.marketing_not_given' }
}

export const MEMBER_OPERATION_RULES: readonly MemberOperationRule[] = [
  { operation: 'issue_card', memberFrom: ['active'], cardFrom: ['pending'], roles: DESK, cardTo: 'issued', newCardNumber: true, extendsValidity: false, takesFee: false },
  // A card can be stopped whatever the member's standing, except after cancellation.
  { operation: 'report_lost', memberFrom: ['active', 'frozen', 'expired'], cardFrom: CARD_IN_HAND, roles: DESK, cardTo: 'lost', newCardNumber: false, extendsValidity: false, takesFee: false },
  { operation: 'reissue', memberFrom: ['active'], cardFrom: ['lost'], roles: DESK, cardTo: 'reissued', newCardNumber: true, extendsValidity: false, takesFee: true, guard: feeGuard },
  { operation: 'freeze', memberFrom: ['active'], cardFrom: ANY_CARD, roles: DESK, memberTo: 'frozen', newCardNumber: false, extendsValidity: false, takesFee: false, guard: reasonGuard },
  { operation: 'unfreeze', memberFrom: ['frozen'], cardFrom: ANY_CARD, roles: DESK, memberTo: 'active', newCardNumber: false, extendsValidity: false, takesFee: false },
  { operation: 'cancel', memberFrom: ['active', 'frozen', 'expired'], cardFrom: ANY_CARD, roles: ['supervisor'], memberTo: 'cancelled', newCardNumber: false, extendsValidity: false, takesFee: false, revisits: 'stop', guard: reasonGuard },
  { operation: 'renew', memberFrom: ['active', 'expired'], cardFrom: ANY_CARD, roles: DESK, memberTo: 'active', newCardNumber: false, extendsValidity: true, takesFee: true, guard: feeGuard },
  { operation: 'revisit', memberFrom: ['active', 'frozen', 'expired'], cardFrom: ANY_CARD, roles: DESK, newCardNumber: false, extendsValidity: false, takesFee: false, revisits: 'record', guard: revisitGuard },
  { operation: 'update_contact', memberFrom: ['active', 'frozen', 'expired'], cardFrom: ANY_CARD, roles: DESK, newCardNumber: false, extendsValidity: false, takesFee: false, changesContact: true, guard: contactGuard },
  // Only a member in good standing: a frozen one is looked into first, an expired one renewed.
  { operation: 'change_level', memberFrom: ['active'], cardFrom: ANY_CARD, roles: DESK, newCardNumber: false, extendsValidity: false, takesFee: false, changesLevel: true, guard: levelGuard },
  // Cancellation leaves the consent as signed, so the right to withdraw it outlives the membership.
  { operation: 'withdraw_marketing', memberFrom: ['active', 'frozen', 'expired', 'cancelled'], cardFrom: ANY_CARD, roles: DESK, newCardNumber: false, extendsValidity: false, takesFee: false, withdrawsMarketing: true, guard: marketingGuard },
]

const BY_OPERATION = new Map(MEMBER_OPERATION_RULES.map(rule => [rule.operation, rule]))

export function memberOperationRule(operation: MemberOperation): MemberOperationRule {
  return BY_OPERATION.get(operation)!
}

/**
 * Whether the operation cannot be undone: it leaves the member in a standing no operation
 * leads out of (注销 → 已注销; withdrawing marketing consent there keeps it 已注销). The desk
 * warns before it and asks with a danger button.
 */
export function isFinalMemberOperation(operation: MemberOperation): boolean {
  const to = memberOperationRule(operation).memberTo
  return to !== undefined && !MEMBER_OPERATION_RULES.some(rule => rule.memberFrom.includes(to) && rule.memberTo !== undefined && rule.memberTo !== to)
}

export type MemberOperationCheck
  = | { ok: true, rule: MemberOperationRule, status: MemberStatus, cardStatus: CardStatus }
    | { ok: false, failure: MemberGuardFailure }

/**
 * Whether `actor` may apply `operation` to the member now, and the member's stored status
 * and card state afterwards. Checks, in order: the states, the role, the site, the guard.
 */
export function checkMemberOperation(actor: MemberActor, facts: MemberFacts, operation: MemberOperation, input: MemberOperationInput = {}): MemberOperationCheck {
  const rule = memberOperationRule(operation)
  if (!rule.memberFrom.includes(facts.status) || !rule.cardFrom.includes(facts.cardStatus))
    return { ok: false, failure: { code: 'member.operation_not_allowed', params: { status: facts.status, cardStatus: facts.cardStatus, operation } } }
  if (!rule.roles.includes(actor.role))
    return { ok: false, failure: { code: 'member.role_not_allowed', params: { role: actor.role, operation } } }
  if (actor.role === 'reviewer' && !actor.siteIds.includes(facts.siteId))
    return { ok: false, failure: { code: 'member.site_not_assigned' } }
  const guarded = rule.guard?.(input, facts)
  if (guarded)
    return { ok: false, failure: guarded }
  // An expired member renewed, or unfrozen, is stored as active; `memberStatusOn` derives the rest.
  const status = rule.memberTo ?? (facts.status === 'expired' ? 'active' : facts.status)
  return { ok: true, rule, status, cardStatus: rule.cardTo ?? facts.cardStatus }
}

/**
 * The operations this actor could apply now: states, role and site must allow them, and a
 * level change needs another level to go to; guards over input (fee, reason, re-visit,
 * contact details, the level chosen) are not applied, since the screen asks for that input.
 */
export function availableMemberOperations(actor: MemberActor, facts: MemberFacts): MemberOperation[] {
  const input: MemberOperationInput = {
    fee: { amountFen: 0, method: 'waived' },
    reason: '-',
    revisit: { channel: 'phone', outcome: 'reached' },
    contact: { person: { mobile: '-' } },
    level: facts.levels?.find(level => level !== facts.level),
  }
  return MEMBER_OPERATIONS.filter(operation => checkMemberOperation(actor, facts, operation, input).ok)
}
