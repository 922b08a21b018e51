import type { LocalisedText } from '../i18n/locale'

/**
 * How a reviewer resolves a duplicate candidate (resolution.ts), with the labels. No Zod
 * here: the labels also name a refused choice in an issue's message (format-issue.ts), which
 * the field app's first screen loads.
 */

export const DUPLICATE_RESOLUTIONS = ['same_person', 'different_person'] as const
export type DuplicateResolution = (typeof DUPLICATE_RESOLUTIONS)[number] | 'other_closed'

export const DUPLICATE_RESOLUTION_LABELS: Record<DuplicateResolution, LocalisedText> = {
  same_person: { 'zh-CN': '同一人（按重复申请关闭）', 'en': 'Same person (closed as a duplicate)' },
  different_person: { 'zh-CN': '不同人（不再提示）', 'en': 'Different person (never raised again)' },
  other_closed: { 'zh-CN': '对方申请已关闭', 'en': 'The other application was closed' },
}
