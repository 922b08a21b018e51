import type { ApplicationStatus } from '#shared/status/status-table'
import { AWAITING_REVIEW_STATUSES, isOverdue, reviewDeadline } from '#shared/status/review-deadline'
import { describe, expect, it } from 'vitest'

describe('review deadline', () => {
  it('waits for review in submitted and in_review only', () => {
    expect([...AWAITING_REVIEW_STATUSES].sort()).toEqual(['in_review', 'submitted'])
  })

  it.each<[ApplicationStatus, string, string, boolean]>([
    ['submitted', '2026-11-26', '2026-11-26', false],
    ['submitted', '2026-11-26', '2026-11-27', true],
    ['in_review', '2026-11-26', '2026-12-01', true],
    ['in_review', '2026-11-26', '2026-11-25', false],
    ['returned', '2026-11-26', '2026-12-01', false],
    ['approved', '2026-11-26', '2026-12-01', false],
    ['rejected', '2026-11-26', '2026-12-01', false],
    ['withdrawn', '2026-11-26', '2026-12-01', false],
  ])('%s due %s is overdue on %s: %s', (status, reviewDueAt, today, overdue) => {
    expect(isOverdue({ status, reviewDueAt }, today)).toBe(overdue)
  })

  it.each<[ApplicationStatus, string | null]>([
    ['submitted', '2026-11-26'],
    ['in_review', '2026-11-26'],
    ['returned', null],
    ['approved', null],
    ['rejected', null],
    ['withdrawn', null],
  ])('shows the deadline of a %s application as %s', (status, shown) => {
    expect(reviewDeadline({ status, reviewDueAt: '2026-11-26' })).toBe(shown)
  })
})
