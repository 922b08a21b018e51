import type { MemberStatus } from './member-status'
import type { RevisitOutcome } from './revisit-vocabulary'
import { z } from 'zod'
import { addDays } from '../dates/calendar'
import { REVISIT_CHANNELS, REVISIT_OUTCOMES } from './revisit-vocabulary'

/**
 * Re-visits (回访, DESIGN.md §3 archive rules): the programme calls or visits its members
 * periodically — a first call soon after joining (did the card arrive, are the details
 * right), then one every so often. Each member carries the date its next re-visit is due;
 * the desk lists members whose date has come, records each attempt (a member operation,
 * `revisit`, with its channel and outcome) and the date moves on by the outcome:
 *
 *   reached 已回访        → next after `intervalDays`
 *   unreachable 未接通    → try again after `retryAfterDays`
 *   declined 拒绝回访     → no further re-visits: the member said no, and PIPL-minded practice
 *                          is not to keep calling someone who refused (a later renewal or any
 *                          contact the member starts is not a re-visit)
 *
 * A cancelled member is never due (cancellation ends the re-visits). Frozen and expired
 * members still are: a call is how the desk learns why, or reminds of the renewal.
 * A change of these settings applies from each member's next re-visit; dates already set stay.
 */

export { REVISIT_CHANNEL_LABELS, REVISIT_CHANNELS, REVISIT_OUTCOME_LABELS, REVISIT_OUTCOMES } from './revisit-vocabulary'
export type { RevisitChannel, RevisitOutcome } from './revisit-vocabulary'

/** One re-visit as the desk records it (the optional note goes with the operation). */
export const RevisitSchema = z.object({
  channel: z.enum(REVISIT_CHANNELS),
  outcome: z.enum(REVISIT_OUTCOMES),
}).strict()
export type Revisit = z.infer<typeof RevisitSchema>

/** The programme's re-visit schedule, in calendar days. */
export const RevisitScheduleSchema = z.object({
  /** Days after joining (the approval day) the first re-visit is due. */
  firstAfterDays: z.number().int().min(1).max(365),
  /** Days after a re-visit that reached the member the next one is due. */
  intervalDays: z.number().int().min(30).max(1825),
  /** Days after an attempt that did not reach the member it is tried again. */
  retryAfterDays: z.number().int().min(1).max(90),
})
export type RevisitSchedule = z.infer<typeof RevisitScheduleSchema>

/** A first call a month after joining, then one a year, a retry a week after a missed call: settings saved before re-visits existed get these. */
export const DEFAULT_REVISIT_SCHEDULE: RevisitSchedule = { firstAfterDays: 30, intervalDays: 365, retryAfterDays: 7 }

/** The date the first re-visit of a member who joined on `joinedOn` (YYYY-MM-DD, China) is due. */
export function firstRevisitDue(joinedOn: string, schedule: RevisitSchedule): string {
  return addDays(joinedOn, schedule.firstAfterDays)
}

/** The date the next re-visit is due after one made on `on` with `outcome`; null when there is to be none. */
export function nextRevisitDue(on: string, outcome: RevisitOutcome, schedule: RevisitSchedule): string | null {
  if (outcome === 'declined')
    return null
  return addDays(on, outcome === 'reached' ? schedule.intervalDays : schedule.retryAfterDays)
}

/** Whether the member is to be re-visited on `today`: a date set that has come, and not cancelled. */
export function isRevisitDue(member: { status: MemberStatus, revisitDue: string | null }, today: string): boolean {
  return member.status !== 'cancelled' && member.revisitDue !== null && member.revisitDue <= today
}
