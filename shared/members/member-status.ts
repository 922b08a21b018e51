import type { LocalisedText } from '../i18n/locale'

/**
 * A member's standing and card (DESIGN.md §3). Approval creates an `active` member whose
 * card is `pending` (待发卡); every later change is one of the operations of
 * `member-operations.ts`.
 */

export const MEMBER_STATUSES = ['active', 'frozen', 'expired', 'cancelled'] as const
export type MemberStatus = (typeof MEMBER_STATUSES)[number]

export const MEMBER_STATUS_LABELS: Record<MemberStatus, LocalisedText> = {
  active: { 'zh-CN': '正常', 'en': 'Active' },
  frozen: { 'zh-CN': '冻结', 'en': 'Frozen' },
  expired: { 'zh-CN': '已过期', 'en': 'Expired' },
  cancelled: { 'zh-CN': '已注销', 'en': 'Cancelled' },
}

export const CARD_STATUSES = ['pending', 'issued', 'lost', 'reissued'] as const
export type CardStatus = (typeof CARD_STATUSES)[number]

export const CARD_STATUS_LABELS: Record<CardStatus, LocalisedText> = {
  pending: { 'zh-CN': '待发卡', 'en': 'Card pending' },
  issued: { 'zh-CN': '已发卡', 'en': 'Card issued' },
  lost: { 'zh-CN': '已挂失', 'en': 'Card reported lost' },
  reissued: { 'zh-CN': '已补办', 'en': 'Card reissued' },
}

/**
 * The standing on `today` (YYYY-MM-DD, China): an active member whose validity ended
 * before today is expired (已过期). Expiry is a fact of the calendar, not an operation, so
 * the stored status stays `active` and every reader derives `expired` the same way;
 * frozen and cancelled members stay so whatever their dates.
 */
export function memberStatusOn(member: { status: MemberStatus, validUntil: string }, today: string): MemberStatus {
  return member.status === 'active' && member.validUntil < today ? 'expired' : member.status
}
