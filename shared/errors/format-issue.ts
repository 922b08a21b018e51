import type { Locale, LocalisedText } from '../i18n/locale'
import type { ErrorCode } from './error-codes'
import type { IssueParams, ValidationIssue } from './issue'
import { ATTACHMENT_KIND_LABELS } from '../application/enums'
import { fenFromYuanDecimal, formatAmount, formatPrice, isAmountPath } from '../application/payment-amount'
import { vocabularyAt } from '../application/vocabulary-labels'
import { DUPLICATE_RESOLUTION_LABELS, MEMBER_UPDATE_FIELD_LABELS } from '../dedup/resolution-vocabulary'
import { FIELD_LABELS, fieldLabelKey, isNamedFieldLabel, NAMED_FIELD_LABELS } from '../i18n/field-labels'
import { interpolate } from '../i18n/locale'
import { labelled, listed } from '../i18n/punctuation'
import { MEMBER_OPERATION_LABELS } from '../members/member-operation-vocabulary'
import { CARD_STATUS_LABELS, MEMBER_STATUS_LABELS } from '../members/member-status'
import { REVISIT_CHANNEL_LABELS, REVISIT_OUTCOME_LABELS } from '../members/revisit-vocabulary'
import { REJECT_REASON_LABELS } from '../status/review-decisions'
import { ROLE_LABELS } from '../status/roles'
import { ACTION_LABELS, STATUS_LABELS } from '../status/status-table'
import { ERROR_MESSAGES } from './error-codes'

/**
 * Human messages for issues, in the user's language: the same words on the device, in
 * server answers and on the desk. Params that name a vocabulary entry (an attachment kind,
 * a status, a role, an action, a gender, a member's or a card's state) are shown by their
 * label, not their code; a bound on an amount in fen in 元; a fee as money is printed (¥200.00).
 */

const VOCABULARIES: Record<string, Record<string, Record<Locale, string>>> = {
  kind: ATTACHMENT_KIND_LABELS,
  expected: { ...ATTACHMENT_KIND_LABELS, male: { 'zh-CN': '男', 'en': 'male' }, female: { 'zh-CN': '女', 'en': 'female' } },
  status: STATUS_LABELS,
  role: ROLE_LABELS,
  action: ACTION_LABELS,
}

/**
 * A code whose params name another vocabulary than the one their key usually does: a
 * member's `status` is 正常/冻结/已过期/已注销, not an application's, and its card's state is
 * 待发卡/已发卡/已挂失/已补办 (the labels the desk shows them by, shared/members/member-status.ts).
 */
const CODE_VOCABULARIES: Partial<Record<ErrorCode, Record<string, Record<string, Record<Locale, string>>>>> = {
  'member.operation_not_allowed': { status: MEMBER_STATUS_LABELS, cardStatus: CARD_STATUS_LABELS },
}

/** Params that bound a value (`不能大于{max}`): on an amount in fen, said in 元 (`1,000,000元`). */
const BOUNDS: ReadonlySet<string> = new Set(['min', 'max'])

/**
 * Params that are a sum of money in 元 as the rules write it (`amount: '200.00'`, yuanDecimal:
 * the joining fee of `payment.required`, `payment.amount_mismatch`), said as the payment
 * step, the summary and the receipt print money (formatPrice: `¥200.00`, `¥1,000.00`). The
 * param itself stays as it is: tablets not yet updated word it with their own catalogue
 * (`200.00元`), and issues stored before are worded the new way.
 */
const PRICES: ReadonlySet<string> = new Set(['amount'])

function price(value: string): string {
  const fen = fenFromYuanDecimal(value)
  return fen === null ? value : formatPrice(fen)
}

/**
 * Choices of the desk's filters, forms and paths (a member's `operation`), beside the
 * application's own fields, by the field's name. A name may stand for more than one
 * vocabulary — `status` filters applications (`status.0`) and members — so each list is
 * tried in turn, and the one that knows every option of the refused choice names them.
 */
const DESK_CHOICES: Record<string, ReadonlyArray<Readonly<Record<string, LocalisedText>>>> = {
  status: [STATUS_LABELS, MEMBER_STATUS_LABELS],
  role: [ROLE_LABELS],
  reason: [REJECT_REASON_LABELS],
  channel: [REVISIT_CHANNEL_LABELS],
  outcome: [REVISIT_OUTCOME_LABELS],
  resolution: [DUPLICATE_RESOLUTION_LABELS],
  memberFields: [MEMBER_UPDATE_FIELD_LABELS],
  operation: [MEMBER_OPERATION_LABELS],
}

function choicesAt(path: string): ReadonlyArray<Readonly<Record<string, LocalisedText>>> {
  const field = path.split('.').filter(word => !/^\d+$/.test(word)).at(-1)
  const own = vocabularyAt(path)
  const desk = field !== undefined && Object.hasOwn(DESK_CHOICES, field) ? DESK_CHOICES[field]! : []
  return own ? [own, ...desk] : desk
}

/**
 * `请从可选项中选择：男、女`, not `male, female`: the codes of a refused choice (`options`,
 * comma-separated) by their labels, from the field's vocabulary that knows every one of them.
 */
function localiseOptions(options: string, path: string, locale: Locale): string {
  const codes = options.split(', ')
  const labels = choicesAt(path).find(vocabulary => codes.every(code => Object.hasOwn(vocabulary, code)))
  return labels ? listed(codes.map(code => labels[code]![locale]), locale) : options
}

function localiseParams(code: ErrorCode, params: IssueParams, locale: Locale, path: string | undefined): IssueParams {
  const vocabularies = CODE_VOCABULARIES[code] ? { ...VOCABULARIES, ...CODE_VOCABULARIES[code] } : VOCABULARIES
  const amount = path !== undefined && isAmountPath(path)
  const out: IssueParams = {}
  for (const [key, value] of Object.entries(params)) {
    if (key === 'options' && path !== undefined && typeof value === 'string')
      out[key] = localiseOptions(value, path, locale)
    else if (amount && BOUNDS.has(key) && typeof value === 'number')
      out[key] = formatAmount(value, locale)
    else if (PRICES.has(key) && typeof value === 'string')
      out[key] = price(value)
    else
      out[key] = (Object.hasOwn(vocabularies, key) ? vocabularies[key]![String(value)]?.[locale] : undefined) ?? value
  }
  return out
}

/**
 * The message of an issue. With its path, a refused choice lists the field's options by
 * label, and the bound of an amount in fen (`fee.amountFen`, `categories.1.feeFen`) is said
 * in 元 — `不能大于1,000,000元`, `Must be at most ¥1,000,000` — the unit the forms take it in.
 * A fee the rules name (`amount`) is printed as money is: `缴费金额应为¥200.00`.
 */
export function formatMessage(code: ErrorCode, params: IssueParams | undefined, locale: Locale, path?: string): string {
  return interpolate(ERROR_MESSAGES[code][locale], localiseParams(code, params ?? {}, locale, path))
}

export function fieldLabel(path: string, locale: Locale): string | null {
  const key = fieldLabelKey(path)
  return key ? FIELD_LABELS[key]![locale] : null
}

/**
 * Which dependant a path is about (`家庭成员 2`), so a list of a family's issues does not read
 * as the applicant's own: `dependants.1.mobile` and `person.mobile` share the label 手机号码.
 * Spelt as the dependants step heads each one (`家庭成员 {n}`) and the desk names them, in
 * both languages, so the summary and the issue list point at what the agent sees.
 */
function dependantOf(path: string, locale: Locale): string | null {
  const match = /^dependants\.(\d+)(?:\.|$)/.exec(path)
  if (!match)
    return null
  const word = FIELD_LABELS['dependants.*']![locale]
  return `${word} ${Number(match[1]) + 1}`
}

const LIST_ENTRY: LocalisedText = { 'zh-CN': '第{n}项', 'en': 'item {n}' }

/**
 * Which entry of a list of values a path is (`person.interests.1` → `第2项`), or null when it
 * ends in no index: a list field shows its entries in one input, so a message about one of
 * them must say which.
 */
export function listEntryName(path: string, locale: Locale): string | null {
  const match = /\.(\d+)$/.exec(path)
  if (!match || /^dependants\.\d+$/.test(path))
    return null
  return interpolate(LIST_ENTRY[locale], { n: Number(match[1]) + 1 })
}

/**
 * A field as the form names it, whose it is included: `家庭成员 2 · 姓名`, `证件号码`, an
 * entry of a list with its place (`兴趣爱好 · 第2项`); null
 * without a label. An address's region is named as its picker is on the form, by the address
 * (`通讯地址`, `注册地址`; the street line beside it is 详细地址), so what the summary's list and a
 * return item call it is what the agent finds on the screen. (The desk's detail table, which
 * shows the region and the street apart, calls it 所在地区.)
 */
export function fieldName(path: string, locale: Locale): string | null {
  const address = /^(.*(?:^|\.)(?:address|registeredAddress))\.regionCode$/.exec(path)?.[1]
  const label = (address === undefined ? null : fieldLabel(address, locale)) ?? fieldLabel(path, locale)
  const dependant = dependantOf(path, locale)
  const named = dependant && label && label !== FIELD_LABELS['dependants.*']![locale] ? `${dependant} · ${label}` : dependant ?? label
  const entry = listEntryName(path, locale)
  return named && entry ? `${named} · ${entry}` : named
}

/**
 * `证件号码：身份证号码校验位不正确…` — the field's label (and whose field), then the message. An
 * issue whose schema named its field (`params.label`: a site's name is 网点名称) goes by that
 * label, not by its path's (`name` alone would be a person's 姓名).
 */
export function formatIssue(issue: ValidationIssue, locale: Locale): string {
  const message = formatMessage(issue.code, issue.params, locale, issue.path)
  const label = issue.params?.label
  const named = isNamedFieldLabel(label) ? NAMED_FIELD_LABELS[label][locale] : fieldName(issue.path, locale)
  return named ? labelled(named, message, locale) : message
}

/**
 * A form's problems, one per field: the first issue's message under the first segment of its
 * path (`newPassword`, `code`), without the label (the form shows it beside the field). A
 * nested field's is also under its whole path (`contact.mobile`), so a form that asks for
 * the parts of one field apart shows each part's problem under its own input.
 */
export function firstIssueByField(issues: readonly ValidationIssue[], locale: Locale): Record<string, string> {
  const found: Record<string, string> = {}
  for (const issue of issues) {
    const message = formatMessage(issue.code, issue.params, locale, issue.path)
    found[issue.path.split('.')[0] ?? ''] ??= message
    if (issue.path.includes('.'))
      found[issue.path] ??= message
  }
  return found
}
