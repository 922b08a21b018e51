import type { LocalisedText } from '../i18n/locale'

/**
 * How a re-visit was made and what came of it (revisit.ts), with their labels. No Zod here:
 * the labels also name a refused choice in an issue's message (format-issue.ts), which the
 * field app's first screen loads.
 */

export const REVISIT_CHANNELS = ['phone', 'visit', 'message'] as const
export type RevisitChannel = (typeof REVISIT_CHANNELS)[number]

export const REVISIT_CHANNEL_LABELS: Record<RevisitChannel, LocalisedText> = {
  phone: { 'zh-CN': '电话回访', 'en': 'Phone call' },
  visit: { 'zh-CN': '上门回访', 'en': 'Visit' },
  message: { 'zh-CN': '短信/微信', 'en': 'Text message' },
}

export const REVISIT_OUTCOMES = ['reached', 'unreachable', 'declined'] as const
export type RevisitOutcome = (typeof REVISIT_OUTCOMES)[number]

export const REVISIT_OUTCOME_LABELS: Record<RevisitOutcome, LocalisedText> = {
  reached: { 'zh-CN': '已回访', 'en': 'Reached' },
  unreachable: { 'zh-CN': '未接通', 'en': 'Not reached' },
  declined: { 'zh-CN': '拒绝回访', 'en': 'Declined re-visits' },
}
