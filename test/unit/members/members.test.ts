import { formatMemberNumber, memberNumberCounter } from '#shared/members/member-number'
import { CARD_STATUS_LABELS, CARD_STATUSES, MEMBER_STATUS_LABELS, MEMBER_STATUSES } from '#shared/members/member-status'
import { membershipTerm } from '#shared/members/membership-term'
import { describe, expect, it } from 'vitest'

describe('member numbers', () => {
  it.each<[string, number, string]>([
    ['FE', 1, 'FE00000001'],
    ['FE', 42, 'FE00000042'],
    ['VIP', 12_345_678, 'VIP12345678'],
    ['A', 99_999_999, 'A99999999'],
    ['FE', 100_000_000, 'FE100000000'],
  ])('%s + %d → %s', (prefix, sequence, expected) => {
    expect(formatMemberNumber(prefix, sequence)).toBe(expected)
  })

  it.each([0, -1, 1.5, Number.NaN])('refuses the sequence %d', (sequence) => {
    expect(() => formatMemberNumber('FE', sequence)).toThrow(RangeError)
  })

  it('counts each prefix apart', () => {
    expect(memberNumberCounter('FE')).toBe('member_no:FE')
    expect(memberNumberCounter('VIP')).not.toBe(memberNumberCounter('FE'))
  })
})

describe('membership term', () => {
  it.each<[string, number, string]>([
    ['2026-11-23', 1, '2027-11-22'],
    ['2026-01-01', 1, '2026-12-31'],
    ['2026-03-01', 1, '2027-02-28'],
    ['2027-03-01', 1, '2028-02-29'],
    ['2028-02-29', 1, '2029-02-28'],
    ['2028-02-29', 4, '2032-02-28'],
    ['2024-12-31', 1, '2025-12-30'],
    ['2026-11-23', 3, '2029-11-22'],
  ])('from %s for %d year(s) until %s', (from, years, until) => {
    expect(membershipTerm(from, years)).toEqual({ validFrom: from, validUntil: until })
  })

  it('lasts one year by default', () => {
    expect(membershipTerm('2026-11-23').validUntil).toBe('2027-11-22')
  })
})

describe('member and card statuses', () => {
  it('have a label in both languages for every status', () => {
    for (const status of MEMBER_STATUSES)
      expect(Object.keys(MEMBER_STATUS_LABELS[status]).sort()).toEqual(['en', 'zh-CN'])
    for (const status of CARD_STATUSES)
      expect(Object.keys(CARD_STATUS_LABELS[status]).sort()).toEqual(['en', 'zh-CN'])
  })
})
