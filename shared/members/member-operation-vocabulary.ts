import type { LocalisedText } from '../i18n/locale'

/**
 * The operations on a member (member-operations.ts), with the labels the desk's buttons and
 * the member's history show them by. No Zod here: the labels also name a refused operation
 * in an issue's message (format-issue.ts), which the field app's first screen loads.
 */

export const MEMBER_OPERATIONS = ['issue_card', 'report_lost', 'reissue', 'freeze', 'unfreeze', 'cancel', 'renew', 'revisit', 'update_contact', 'change_level', 'withdraw_marketing'] as const
export type MemberOperation = (typeof MEMBER_OPERATIONS)[number]

export const MEMBER_OPERATION_LABELS: Record<MemberOperation, LocalisedText> = {
  issue_card: { 'zh-CN': '发卡', 'en': 'Issue card' },
  report_lost: { 'zh-CN': '挂失', 'en': 'Report card lost' },
  reissue: { 'zh-CN': '补办', 'en': 'Reissue card' },
  freeze: { 'zh-CN': '冻结', 'en': 'Freeze' },
  unfreeze: { 'zh-CN': '解冻', 'en': 'Unfreeze' },
  cancel: { 'zh-CN': '注销', 'en': 'Cancel membership' },
  renew: { 'zh-CN': '续期', 'en': 'Renew' },
  revisit: { 'zh-CN': '登记回访', 'en': 'Record re-visit' },
  update_contact: { 'zh-CN': '资料变更', 'en': 'Change contact details' },
  change_level: { 'zh-CN': '等级变更', 'en': 'Change level' },
  withdraw_marketing: { 'zh-CN': '撤回营销授权', 'en': 'Withdraw marketing consent' },
}
