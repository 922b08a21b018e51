import type { ReturnItem } from '#shared/status/review-decisions'

/**
 * What the application page shows as the decision standing on an application. The stored
 * decision fields (reason, items, note) hold the latest decision until the next one replaces
 * them — a resubmission does not clear a return's items. Once the agent has answered a
 * return, the page shows that return once, as the earlier return with what the
 * resubmission changed (`answeredReturn`), and not again as if it stood: it once read as a
 * current return on an application back in 已提交. Pure.
 */

export interface DecisionFields {
  returnItems: readonly ReturnItem[] | null
  rejectReason: string | null
  decisionNote: string | null
  /** The latest return once resubmitted; null while it stands (or never returned). */
  answeredReturn: unknown
}

export interface StandingDecision {
  returnItems: readonly ReturnItem[]
  rejectReason: string | null
  note: string | null
}

/** The decision standing now, or null when none does (never decided, or a return since answered). */
export function standingDecision(detail: DecisionFields): StandingDecision | null {
  // Only a return leaves items (approve and reject clear them): items beside an answered return are that return's.
  if (detail.answeredReturn && detail.returnItems?.length)
    return null
  const returnItems = detail.returnItems ?? []
  if (!returnItems.length && !detail.rejectReason && !detail.decisionNote)
    return null
  return { returnItems, rejectReason: detail.rejectReason, note: detail.decisionNote }
}
