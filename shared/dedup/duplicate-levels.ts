import type { LocalisedText } from '../i18n/locale'

/**
 * How sure a duplicate candidate is (DESIGN.md §6): the same identity document or USCC is
 * `certain`, the same mobile `likely`, a similar name with the same birth date or address
 * `possible`. An unresolved candidate at a blocking level stops approval.
 */

export const DUPLICATE_LEVELS = ['certain', 'likely', 'possible'] as const
export type DuplicateLevel = (typeof DUPLICATE_LEVELS)[number]

export const BLOCKING_DUPLICATE_LEVELS: readonly DuplicateLevel[] = ['certain', 'likely']

export const DUPLICATE_LEVEL_LABELS: Record<DuplicateLevel, LocalisedText> = {
  certain: { 'zh-CN': '确定重复', 'en': 'Certain duplicate' },
  likely: { 'zh-CN': '很可能重复', 'en': 'Likely duplicate' },
  possible: { 'zh-CN': '可能重复', 'en': 'Possible duplicate' },
}
