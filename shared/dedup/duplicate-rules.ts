import type { LocalisedText } from '../i18n/locale'
import { z } from 'zod'

/**
 * The weights and thresholds of duplicate scoring (DESIGN.md §6), kept in the programme
 * settings so a programme can tune them without a release. Each reason found between two
 * parties adds its weight; the sum decides the level. Negative weights are evidence against:
 * two different resident ID numbers of the same type, say, mean two people even when they
 * share a household mobile.
 */

export const DUPLICATE_REASONS = [
  'same_id_number',
  'same_uscc',
  'same_mobile',
  'similar_id_number',
  'similar_uscc',
  'similar_name_same_birth_date',
  'similar_name_same_address',
  'different_id_number',
  'different_uscc',
] as const
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number]

export const DUPLICATE_REASON_LABELS: Record<DuplicateReason, LocalisedText> = {
  same_id_number: { 'zh-CN': '证件号码相同', 'en': 'Same ID number' },
  same_uscc: { 'zh-CN': '统一社会信用代码相同', 'en': 'Same USCC' },
  same_mobile: { 'zh-CN': '手机号码相同', 'en': 'Same mobile' },
  similar_id_number: { 'zh-CN': '证件号码仅差一位', 'en': 'ID number one slip apart' },
  similar_uscc: { 'zh-CN': '统一社会信用代码仅差一位', 'en': 'USCC one slip apart' },
  similar_name_same_birth_date: { 'zh-CN': '姓名相近且出生日期相同', 'en': 'Similar name, same date of birth' },
  similar_name_same_address: { 'zh-CN': '名称相近且地址相同', 'en': 'Similar name, same address' },
  different_id_number: { 'zh-CN': '证件号码不同', 'en': 'Different ID number' },
  different_uscc: { 'zh-CN': '统一社会信用代码不同', 'en': 'Different USCC' },
}

export const DuplicateRulesSchema = z.object({
  weights: z.object({
    same_id_number: z.number().int().min(-1000).max(1000),
    same_uscc: z.number().int().min(-1000).max(1000),
    same_mobile: z.number().int().min(-1000).max(1000),
    similar_id_number: z.number().int().min(-1000).max(1000),
    similar_uscc: z.number().int().min(-1000).max(1000),
    similar_name_same_birth_date: z.number().int().min(-1000).max(1000),
    similar_name_same_address: z.number().int().min(-1000).max(1000),
    different_id_number: z.number().int().min(-1000).max(1000),
    different_uscc: z.number().int().min(-1000).max(1000),
  }),
  /** The lowest score of each level; a score below `possible` is no candidate at all. */
  thresholds: z.object({
    certain: z.number().int().min(1).max(10_000),
    likely: z.number().int().min(1).max(10_000),
    possible: z.number().int().min(1).max(10_000),
  }).refine(t => t.certain > t.likely && t.likely > t.possible, { message: 'thresholds must fall from certain to likely to possible' }),
}).superRefine((rules, ctx) => {
  // DESIGN.md §6: the same identity document or USCC is a certain duplicate, whatever else is tuned.
  for (const reason of ['same_id_number', 'same_uscc'] as const) {
    if (rules.weights[reason] < rules.thresholds.certain)
      ctx.addIssue({ code: 'custom', path: ['weights', reason], message: `${reason} must weigh at least the certain threshold` })
  }
})

export type DuplicateRules = z.infer<typeof DuplicateRulesSchema>

/**
 * The rules of DESIGN.md §6 as numbers: an identity document or USCC alone is certain, a
 * mobile alone likely, a similar name with the same birth date or address possible, and
 * two such signals together likely. Tuned on the labelled corpus (`npm run bench`).
 */
export const DEFAULT_DUPLICATE_RULES: DuplicateRules = {
  weights: {
    same_id_number: 100,
    same_uscc: 100,
    same_mobile: 60,
    similar_id_number: 30,
    similar_uscc: 30,
    similar_name_same_birth_date: 30,
    similar_name_same_address: 30,
    different_id_number: -40,
    different_uscc: -40,
  },
  thresholds: { certain: 100, likely: 60, possible: 30 },
}
