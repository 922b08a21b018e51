import type { LocalisedText } from '../i18n/locale'
import { FIELD_LABELS } from '../i18n/field-labels'

/**
 * How a reviewer resolves a duplicate candidate (resolution.ts), and the member details a
 * same-person verdict may carry over, with their labels. No Zod here: the labels also name a
 * refused choice in an issue's message (format-issue.ts), which the field app's first screen
 * loads.
 */

export const DUPLICATE_RESOLUTIONS = ['same_person', 'different_person'] as const
export type DuplicateResolution = (typeof DUPLICATE_RESOLUTIONS)[number] | 'other_closed'

export const DUPLICATE_RESOLUTION_LABELS: Record<DuplicateResolution, LocalisedText> = {
  same_person: { 'zh-CN': '同一人（按重复申请关闭）', 'en': 'Same person (closed as a duplicate)' },
  different_person: { 'zh-CN': '不同人（不再提示）', 'en': 'Different person (never raised again)' },
  other_closed: { 'zh-CN': '对方记录已关闭', 'en': 'The other record was closed' },
}

/** Details a same-person resolution may carry from the application to the member: contact details, never identity. */
export const MEMBER_UPDATE_FIELDS = ['mobile', 'email', 'address', 'occupation', 'employer', 'contact', 'registeredAddress'] as const
export type MemberUpdateField = (typeof MEMBER_UPDATE_FIELDS)[number]

/**
 * Each detail by the application's own field label (手机号码, 注册地址…): the desk's
 * checkboxes name them so, and so does a refused `memberFields` entry.
 */
export const MEMBER_UPDATE_FIELD_LABELS = Object.fromEntries(
  MEMBER_UPDATE_FIELDS.map(field => [field, FIELD_LABELS[field]!]),
) as Record<MemberUpdateField, LocalisedText>
