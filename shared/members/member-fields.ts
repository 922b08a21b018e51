import type { Locale, LocalisedText } from '../i18n/locale'
import type { MemberStatus } from './member-status'
import { memberStatusOn } from './member-status'

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

/** A member record's tracked fields, as stored. */
export type TrackedMemberValues = Record<TrackedMemberField, string | null> & { status: MemberStatus, validUntil: string }

export type MemberFieldChanges = Partial<Record<TrackedMemberField, { from: string | null, to: string | null }>>

/**
 * Each tracked field an operation changed on `today` (China), from → to. The status is the
 * standing on the day (`memberStatusOn`), as the desk and the lists show it, not the stored
 * value, which stays `active` through an expiry: renewing a lapsed member reads 已过期 → 正常,
 * unfreezing one whose validity ran out meanwhile 冻结 → 已过期 (not 正常), cancelling an
 * expired one 已过期 → 已注销.
 */
export function memberFieldChanges(before: TrackedMemberValues, after: TrackedMemberValues, today: string): MemberFieldChanges {
  const changes: MemberFieldChanges = {}
  for (const field of TRACKED_MEMBER_FIELDS) {
    const from = field === 'status' ? memberStatusOn(before, today) : before[field]
    const to = field === 'status' ? memberStatusOn(after, today) : after[field]
    if (from !== to)
      changes[field] = { from, to }
  }
  return changes
}
