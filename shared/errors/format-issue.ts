import type { Locale } from '../i18n/locale'
import type { ErrorCode } from './error-codes'
import type { IssueParams, ValidationIssue } from './issue'
import { ATTACHMENT_KIND_LABELS } from '../application/enums'
import { FIELD_LABELS, fieldLabelKey } from '../i18n/field-labels'
import { interpolate } from '../i18n/locale'
import { labelled } from '../i18n/punctuation'
import { ROLE_LABELS } from '../status/roles'
import { ACTION_LABELS, STATUS_LABELS } from '../status/status-table'
import { ERROR_MESSAGES } from './error-codes'

/**
 * Human messages for issues, in the user's language: the same words on the device, in
 * server answers and on the desk. Params that name a vocabulary entry (an attachment kind,
 * a status, a role, an action, a gender) are shown by their label, not their code.
 */

const VOCABULARIES: Record<string, Record<string, Record<Locale, string>>> = {
  kind: ATTACHMENT_KIND_LABELS,
  expected: { ...ATTACHMENT_KIND_LABELS, male: { 'zh-CN': '男', 'en': 'male' }, female: { 'zh-CN': '女', 'en': 'female' } },
  status: STATUS_LABELS,
  role: ROLE_LABELS,
  action: ACTION_LABELS,
}

function localiseParams(params: IssueParams, locale: Locale): IssueParams {
  const out: IssueParams = {}
  for (const [key, value] of Object.entries(params))
    out[key] = VOCABULARIES[key]?.[String(value)]?.[locale] ?? value
  return out
}

export function formatMessage(code: ErrorCode, params: IssueParams | undefined, locale: Locale): string {
  return interpolate(ERROR_MESSAGES[code][locale], localiseParams(params ?? {}, locale))
}

export function fieldLabel(path: string, locale: Locale): string | null {
  const key = fieldLabelKey(path)
  return key ? FIELD_LABELS[key]![locale] : null
}

/**
 * Which dependant a path is about (`家庭成员2`), so a list of a family's issues does not read
 * as the applicant's own: `dependants.1.mobile` and `person.mobile` share the label 手机号码.
 */
function dependantOf(path: string, locale: Locale): string | null {
  const match = /^dependants\.(\d+)(?:\.|$)/.exec(path)
  if (!match)
    return null
  const word = FIELD_LABELS['dependants.*']![locale]
  return locale === 'zh-CN' ? `${word}${Number(match[1]) + 1}` : `${word} ${Number(match[1]) + 1}`
}

/** `证件号码：身份证号码校验位不正确…` — the field's label (and whose field), then the message. */
export function formatIssue(issue: ValidationIssue, locale: Locale): string {
  const message = formatMessage(issue.code, issue.params, locale)
  const label = fieldLabel(issue.path, locale)
  const dependant = dependantOf(issue.path, locale)
  const named = dependant && label && label !== FIELD_LABELS['dependants.*']![locale] ? `${dependant} · ${label}` : dependant ?? label
  return named ? labelled(named, message, locale) : message
}

/**
 * A form's problems, one per field: the first issue's message under the first segment of its
 * path (`newPassword`, `code`), without the label (the form shows it beside the field).
 */
export function firstIssueByField(issues: readonly ValidationIssue[], locale: Locale): Record<string, string> {
  const found: Record<string, string> = {}
  for (const issue of issues)
    found[issue.path.split('.')[0] ?? ''] ??= formatMessage(issue.code, issue.params, locale)
  return found
}
