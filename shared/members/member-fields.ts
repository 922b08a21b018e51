import type { Locale, LocalisedText } from '../i18n/locale'

/**
 * The fields of a member record whose every change the member's history keeps (`changes`:
 * from → to), and their names: the desk's history, the audit log's detail in words and
 * the members export all say them the same way.
 */
export const TRACKED_MEMBER_FIELDS = ['status', 'cardStatus', 'cardNo', 'validFrom', 'validUntil', 'revisitDue', 'level'] as const
export type TrackedMemberField = (typeof TRACKED_MEMBER_FIELDS)[number]

export const MEMBER_FIELD_LABELS: Record<TrackedMemberField, LocalisedText> = {
  status: { 'zh-CN': '会员状态', 'en': 'Member status' },
  cardStatus: { 'zh-CN': '会员卡状态', 'en': 'Card status' },
  cardNo: { 'zh-CN': '会员卡号', 'en': 'Card number' },
  validFrom: { 'zh-CN': '有效期起', 'en': 'Valid from' },
  validUntil: { 'zh-CN': '有效期止', 'en': 'Valid until' },
  revisitDue: { 'zh-CN': '下次回访', 'en': 'Next re-visit' },
  level: { 'zh-CN': '会员等级', 'en': 'Level' },
}

/** A tracked field's name, or the field as recorded when it is not one (an older entry's, say). */
export function memberFieldLabel(field: string, locale: Locale): string {
  return Object.hasOwn(MEMBER_FIELD_LABELS, field) ? MEMBER_FIELD_LABELS[field as TrackedMemberField][locale] : field
}
