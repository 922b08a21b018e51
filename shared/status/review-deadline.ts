import type { ApplicationStatus } from './status-table'

/**
 * Review deadlines (DESIGN.md §4). An application is due for review by `reviewDueAt` (a
 * date, so many working days after it arrived); it is overdue from the day after, for
 * as long as a reviewer still has to decide on it. Dates are `YYYY-MM-DD` in China.
 */

/** States in which the application waits for a reviewer's decision. */
export const AWAITING_REVIEW_STATUSES: readonly ApplicationStatus[] = ['submitted', 'in_review']

/**
 * The deadline as the desk shows it: the date while reviewers still have to decide, `null`
 * once it no longer applies (back with the agent, decided, withdrawn).
 */
export function reviewDeadline(application: { status: ApplicationStatus, reviewDueAt: string }): string | null {
  return AWAITING_REVIEW_STATUSES.includes(application.status) ? application.reviewDueAt : null
}

export function isOverdue(application: { status: ApplicationStatus, reviewDueAt: string }, today: string): boolean {
  const due = reviewDeadline(application)
  return due !== null && due < today
}
