import type { Locale } from '#shared/i18n/locale'
import type { MemberContactChange } from '#shared/members/contact-change'
import type { MemberFee, MemberOperation } from '#shared/members/member-operations'
import type { RevisitChannel, RevisitOutcome } from '#shared/members/revisit'
import { MAX_AMOUNT_FEN } from '#shared/application/payment-amount'
import { formatMessage } from '#shared/errors/format-issue'
import { isFinalMemberOperation, memberOperationRule } from '#shared/members/member-operations'
import { toHalfWidth } from '#shared/text/normalise'

/**
 * What the operation dialog asks for and what it sends. The shared table says which
 * operations take a fee (reissue, renew), which records a re-visit (channel and
 * outcome) and which changes contact details (contact-form.ts); freeze, cancel and a
 * change of details need a reason. The amount is typed in 元 and sent in fen, no more than
 * a fee record may hold (the shared MAX_AMOUNT_FEN); the server checks the same guards
 * again. Pure: no Vue.
 */

/** The operation's request body (members.api's MemberOperationBody, kept here free of the HTTP layer). */
export interface MemberOperationBody {
  fee?: MemberFee
  reason?: string
  revisit?: { channel: RevisitChannel, outcome: RevisitOutcome }
  contact?: MemberContactChange
  level?: string
  note?: string
}

export const REASON_OPERATIONS: readonly MemberOperation[] = ['freeze', 'cancel', 'update_contact', 'change_level']

/** `final`: it cannot be undone, so the dialog says so and asks with a danger button. */
export interface OperationNeeds { fee: boolean, reason: boolean, revisit: boolean, contact: boolean, level: boolean, final: boolean }

export function operationNeeds(operation: MemberOperation): OperationNeeds {
  const rule = memberOperationRule(operation)
  return { fee: rule.takesFee, reason: REASON_OPERATIONS.includes(operation), revisit: rule.revisits === 'record', contact: rule.changesContact === true, level: rule.changesLevel === true, final: isFinalMemberOperation(operation) }
}

/**
 * 元 as typed ("25", "25.5", "25.50") to fen; null when not an amount with at most two
 * decimals. A Chinese IME may type the digits and the point full-width (１００．５) — or the
 * point as 。 in Chinese punctuation, which in an amount can only be the decimal point — so
 * they are made half-width first (the shared toHalfWidth).
 */
export function yuanToFen(text: string): number | null {
  const trimmed = toHalfWidth(text).replaceAll('。', '.').trim()
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(trimmed)
  if (!match)
    return null
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}

export interface OperationForm {
  amountYuan: string
  method: MemberFee['method']
  receiptNo: string
  reason: string
  /** How the member was contacted (a re-visit); phone, the usual way, unless changed. */
  channel: RevisitChannel
  /** What came of it: chosen every time, never assumed. */
  outcome: RevisitOutcome | ''
  /** The level to change to: chosen every time. */
  level: string
  note: string
}

export const EMPTY_OPERATION_FORM: Readonly<OperationForm> = Object.freeze({ amountYuan: '', method: 'cash', receiptNo: '', reason: '', channel: 'phone', outcome: '', level: '', note: '' })

export type OperationFormProblem = 'amount' | 'receipt' | 'reason' | 'outcome' | 'level'

/** Where the amount goes in the body: the server's issues name it so. */
const AMOUNT_PATH = 'fee.amountFen'

/**
 * Why a typed amount cannot be sent although it is one, in the form's own unit: above what a
 * fee record may hold (MAX_AMOUNT_FEN), `不能大于1,000,000元` — the server's words for the same
 * refusal, which it would otherwise answer after the fact. Null for an amount within it, or
 * for text that is no amount (the form's own message says how to type one).
 */
export function operationAmountMessage(form: Pick<OperationForm, 'amountYuan'>, locale: Locale): string | null {
  const fen = yuanToFen(form.amountYuan)
  return fen !== null && fen > MAX_AMOUNT_FEN ? formatMessage('field.too_large', { max: MAX_AMOUNT_FEN }, locale, AMOUNT_PATH) : null
}

/** What is missing or wrong in the form for this operation (empty: it can be sent). */
export function operationFormProblems(operation: MemberOperation, form: OperationForm): OperationFormProblem[] {
  const needs = operationNeeds(operation)
  const problems: OperationFormProblem[] = []
  if (needs.fee && form.method !== 'waived') {
    const fen = yuanToFen(form.amountYuan)
    if (fen === null || fen === 0 || fen > MAX_AMOUNT_FEN)
      problems.push('amount')
    if (!form.receiptNo.trim())
      problems.push('receipt')
  }
  if (needs.reason && !form.reason.trim())
    problems.push('reason')
  if (needs.revisit && !form.outcome)
    problems.push('outcome')
  if (needs.level && !form.level)
    problems.push('level')
  return problems
}

/** The request body: only what the operation takes, waived fees as 0 fen without a receipt. */
export function operationBody(operation: MemberOperation, form: OperationForm): MemberOperationBody {
  const needs = operationNeeds(operation)
  const body: MemberOperationBody = {}
  if (needs.fee) {
    if (form.method === 'waived') {
      body.fee = { amountFen: 0, method: 'waived' }
    }
    else {
      body.fee = { amountFen: yuanToFen(form.amountYuan) ?? 0, method: form.method }
      if (form.receiptNo.trim())
        body.fee.receiptNo = form.receiptNo.trim()
    }
  }
  if (needs.reason && form.reason.trim())
    body.reason = form.reason.trim()
  if (needs.revisit && form.outcome)
    body.revisit = { channel: form.channel, outcome: form.outcome }
  if (needs.level && form.level)
    body.level = form.level
  if (form.note.trim())
    body.note = form.note.trim()
  return body
}
