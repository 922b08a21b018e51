import type { Leaf } from '#shared/application/application-paths'
import type { Locale, LocalisedText } from '#shared/i18n/locale'
import { formatPrice } from '#shared/application/payment-amount'
import { vocabularyAt } from '#shared/application/vocabulary-labels'
import { regionWithCode } from '#shared/contact/region-name'
import { fieldLabel } from '#shared/errors/format-issue'
import { FIELD_LABELS, fieldLabelKey } from '#shared/i18n/field-labels'
import { listed } from '#shared/i18n/punctuation'

/**
 * Field paths and values in people's words, from the shared labels (the same terms as the
 * field app and the server's messages). Pure.
 */

const YES_NO: Record<'true' | 'false', LocalisedText> = {
  true: { 'zh-CN': '是', 'en': 'Yes' },
  false: { 'zh-CN': '否', 'en': 'No' },
}

/** Leaves the shared field labels do not name (bookkeeping of the form, not a form field). */
const DESK_LABELS: Record<string, LocalisedText> = {
  declined: { 'zh-CN': '拒绝提供', 'en': 'Declined by the applicant' },
}

/** The parts of an application that are a party (a person or the organisation). */
const PARTIES = new Set(['person', 'guardian', 'dependants', 'organisation', 'contact'])

/**
 * `person.address.detail` → `申请人 · 详细地址`, `dependants.1.name` → `家庭成员 2 · 姓名`,
 * `organisation.contact.position` → `联系人 · 职务`: the field's label, after the label of
 * the innermost party it belongs to, unless the field's own label already names that party
 * (`guardian.name` → `监护人姓名`).
 */
export function pathLabel(path: string, locale: Locale): string {
  const segments = path.split('.')
  const pattern = segments.map(s => (/^\d+$/.test(s) ? '*' : s)).join('.')
  const last = segments.at(-1)!
  const key = DESK_LABELS[last] ? last : fieldLabelKey(path)
  const own = DESK_LABELS[last]?.[locale] ?? fieldLabel(path, locale) ?? last
  if (segments.length === 1 || key === pattern)
    return own
  // The innermost party the field belongs to: an organisation's contact is a person of its own.
  const at = segments.slice(0, -1).findLastIndex(s => PARTIES.has(s))
  const partKey = segments[Math.max(at, 0)]!
  const index = segments.slice(Math.max(at, 0)).find(s => /^\d+$/.test(s))
  // One of a list is named in the singular: `Dependant 2 · Name`.
  const part = (index === undefined ? undefined : FIELD_LABELS[`${partKey}.*`]?.[locale]) ?? FIELD_LABELS[partKey]?.[locale] ?? partKey
  const context = index === undefined ? part : `${part} ${Number(index) + 1}`
  // A fallback to the part's own label (an unlabelled leaf): show the leaf's name as written.
  const leaf = key === partKey ? last : own
  return `${context} · ${leaf}`
}

/**
 * Whether a leaf is a row of the application's data view: not the form's bookkeeping (the
 * agent's confirmation of a USCC that fails its check), nor 拒绝提供 when the applicant
 * declined nothing — that would read as a refusal of something, shown as —.
 */
export function isShownLeaf(leaf: Leaf): boolean {
  const last = leaf.path.split('.').at(-1)
  if (last === 'usccCheckConfirmed')
    return false
  return !(last === 'declined' && Array.isArray(leaf.value) && leaf.value.length === 0)
}

/** A leaf value as a reviewer reads it. */
export function displayValue(path: string, value: unknown, locale: Locale): string {
  if (value === undefined || value === null || value === '')
    return '—'
  const last = path.split('.').at(-1)!
  if (typeof value === 'boolean')
    return YES_NO[String(value) as 'true' | 'false'][locale]
  if (last === 'amountFen' && typeof value === 'number')
    // ¥ in both languages, as every other amount on the desk and the tablet is written.
    return formatPrice(value)
  if (last === 'declined' && Array.isArray(value))
    return value.length ? listed(value.map(v => fieldLabel(String(v), locale) ?? String(v)), locale) : '—'
  if (Array.isArray(value))
    return value.length ? listed(value.map(String), locale) : '—'
  if (last === 'regionCode' && typeof value === 'string') {
    // By name, with the code beside it: the reviewer checks it against the ID number's prefix.
    return regionWithCode(value, locale)
  }
  const label = vocabularyAt(path)?.[String(value)]?.[locale]
  return label ?? String(value)
}
