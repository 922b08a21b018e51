import { z } from 'zod'
import { REVISIT_CHANNELS, REVISIT_OUTCOMES } from '../members/revisit'

/**
 * How long personal data is kept once its purpose has ended (档案管理, PIPL art. 19), as the
 * privacy notice promises the applicant: an application closed without membership (rejected,
 * withdrawn), and a member's record after cancellation (注销). When the period has passed,
 * the record's personal data is destroyed — the application or member stays as a numbered,
 * dated skeleton (receipt and member numbers, statuses, history of who did what) so counts,
 * statistics and the audit log still hold.
 */
export const RetentionSchema = z.object({
  /** Days a rejected or withdrawn application's personal data is kept after it closed. */
  closedApplicationDays: z.number().int().min(30).max(3650),
  /** Days a cancelled member's personal data (and its application's) is kept after cancellation. */
  cancelledMemberDays: z.number().int().min(30).max(36500),
  /**
   * Days a tablet keeps an application once the server has decided it for good (approved,
   * rejected, withdrawn) and the device has that answer: then it is the server's to keep, and
   * a lost tablet should not carry it. Settings saved before it existed get 30.
   */
  deviceDays: z.number().int().min(1).max(365).default(30),
})
export type Retention = z.infer<typeof RetentionSchema>

/** One year for closed applications, three for cancelled members: settings saved before retention existed get these. */
export const DEFAULT_RETENTION: Retention = { closedApplicationDays: 365, cancelledMemberDays: 1095, deviceDays: 30 }

/** Application statuses that end without a member: their data is kept `closedApplicationDays`. */
export const CLOSED_WITHOUT_MEMBER = ['rejected', 'withdrawn'] as const

const DAY_MS = 86_400_000

/**
 * The instants before which a record's period has passed, for `now`: an application closed
 * (its last change) before `closedApplicationsBefore`, a member cancelled before
 * `cancelledMembersBefore`. Whole days of 24 hours: a record is destroyed no earlier than the
 * notice says, and a run a few hours later changes nothing of substance.
 */
export function retentionCutoffs(retention: Pick<Retention, 'closedApplicationDays' | 'cancelledMemberDays'>, now: Date): { closedApplicationsBefore: string, cancelledMembersBefore: string } {
  return {
    closedApplicationsBefore: new Date(now.getTime() - retention.closedApplicationDays * DAY_MS).toISOString(),
    cancelledMembersBefore: new Date(now.getTime() - retention.cancelledMemberDays * DAY_MS).toISOString(),
  }
}

/**
 * What a member change's recorded detail keeps once the member's personal data is destroyed:
 * a re-visit's channel and outcome — two codes from fixed lists, no one's words, and what the
 * statistics' reach rate counts — and nothing else (reasons, notes, card numbers, fees'
 * receipts and contact changes are people's words or point to the person). Pure.
 */
export function memberChangeSkeleton(action: string, detail: unknown): Record<string, unknown> {
  if (action !== 'revisit' || detail === null || typeof detail !== 'object')
    return {}
  const revisit = (detail as { revisit?: unknown }).revisit
  if (revisit === null || typeof revisit !== 'object')
    return {}
  const { channel, outcome } = revisit as { channel?: unknown, outcome?: unknown }
  const known = (list: readonly string[], value: unknown) => typeof value === 'string' && list.includes(value)
  return known(REVISIT_CHANNELS, channel) && known(REVISIT_OUTCOMES, outcome) ? { revisit: { channel, outcome } } : {}
}
