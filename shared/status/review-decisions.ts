import type { ErrorCode } from '../errors/error-codes'
import type { LocalisedText } from '../i18n/locale'
import type { ReturnItem } from './return-item'

// No zod here: the status table (on the field app's first screen) needs these checks,
// not the schema (./return-item.ts).
export type { ReturnItem } from './return-item'

/** Why an application was rejected. `duplicate` is set when a reviewer resolves a duplicate as the same person. */
export const REJECT_REASONS = ['duplicate', 'ineligible', 'invalid_documents', 'false_information', 'applicant_request', 'other'] as const
export type RejectReason = (typeof REJECT_REASONS)[number]

export const REJECT_REASON_LABELS: Record<RejectReason, LocalisedText> = {
  duplicate: { 'zh-CN': '重复申请', 'en': 'Duplicate application' },
  ineligible: { 'zh-CN': '不符合入会条件', 'en': 'Not eligible' },
  invalid_documents: { 'zh-CN': '证件无效', 'en': 'Invalid documents' },
  false_information: { 'zh-CN': '信息不实', 'en': 'False information' },
  applicant_request: { 'zh-CN': '申请人要求撤销', 'en': 'At the applicant\'s request' },
  other: { 'zh-CN': '其他', 'en': 'Other' },
}

/** What a rejection needs from the reviewer: a reason, and a note when the reason is `other`. */
export function rejectInputFailure(input: { reason?: RejectReason | undefined, note?: string | undefined }): ErrorCode | null {
  if (!input.reason)
    return 'status.reason_required'
  if (input.reason === 'other' && !input.note?.trim())
    return 'status.note_required'
  return null
}

/**
 * The index of the first item that names the same field or material as an earlier one (its
 * note aside), or -1. The agent is asked once per thing to fix: a repeated item would show
 * twice on the tablet, its two notes perhaps at odds.
 */
export function repeatedReturnItem(items: readonly ReturnItem[]): number {
  const seen = new Set<string>()
  return items.findIndex((item) => {
    const key = `${item.kind}:${item.ref}`
    if (seen.has(key))
      return true
    seen.add(key)
    return false
  })
}

/** What a return needs from the reviewer: at least one item to fix, each named once. */
export function returnInputFailure(items: readonly ReturnItem[] | undefined): ErrorCode | null {
  if (!items?.length)
    return 'status.items_required'
  return repeatedReturnItem(items) >= 0 ? 'return.duplicate_item' : null
}
