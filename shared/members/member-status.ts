import type { LocalisedText } from '../i18n/locale'

/**
 * A member's standing and card (DESIGN.md §3). Approval creates an `active` member whose
 * card is `pending` (待发卡); issuing, loss and replacement of cards, freezing and
 * cancellation come with their own operations.
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
