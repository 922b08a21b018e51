/**
 * Member numbers (会员编号): the programme's prefix (`FE`) and an 8-digit, zero-padded
 * sequence — `FE00000001`. The server hands the sequence out per prefix from a counter
 * row locked until commit, so numbers are unique and have no gaps, even with several
 * server processes on one database.
 */

export const MEMBER_NUMBER_DIGITS = 8

export function formatMemberNumber(prefix: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1)
    throw new RangeError(`Not a member number sequence: ${sequence}`)
  return prefix + String(sequence).padStart(MEMBER_NUMBER_DIGITS, '0')
}

/** The counter that numbers members under one prefix. */
export function memberNumberCounter(prefix: string): string {
  return `member_no:${prefix}`
}
