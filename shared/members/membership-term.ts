import { addDays, formatDate } from '../dates/calendar'

/**
 * A membership runs from its first day for whole years, ending the day before the same
 * date `years` later: 2026-11-23 → 2027-11-22. Someone who joins on 29 February has a
 * term ending on 28 February in a common year (the anniversary rolls over to 1 March;
 * the day before is the 28th). Dates are `YYYY-MM-DD` civil dates in China.
 */
export function membershipTerm(validFrom: string, years = 1): { validFrom: string, validUntil: string } {
  const [y, m, d] = validFrom.split('-').map(Number) as [number, number, number]
  const end = new Date(Date.UTC(y + years, m - 1, d - 1))
  return { validFrom, validUntil: formatDate(end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate()) }
}

/**
 * The validity after a renewal (续期) for `years` on `today`. A membership still running
 * continues without a gap: the new term starts the day after it ends, and `validFrom`
 * keeps its date. A lapsed one (ended before today) starts again today, since the member
 * was not covered in between.
 */
export function renewedTerm(current: { validFrom: string, validUntil: string }, today: string, years = 1): { validFrom: string, validUntil: string } {
  if (current.validUntil >= today)
    return { validFrom: current.validFrom, validUntil: membershipTerm(addDays(current.validUntil, 1), years).validUntil }
  return membershipTerm(today, years)
}
