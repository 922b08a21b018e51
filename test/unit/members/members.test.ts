import { formatCardNumber, isCardNumber, luhnCheckDigit } from '#shared/members/card-number'
import { formatMemberNumber, memberNumberCounter } from '#shared/members/member-number'
import { CARD_STATUS_LABELS, CARD_STATUSES, MEMBER_STATUS_LABELS, MEMBER_STATUSES } from '#shared/members/member-status'
import { membershipTerm, renewedTerm } from '#shared/members/membership-term'
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

describe('renewal (续期)', () => {
  it.each<[string, string, string, number, string, string]>([
    // still running: no gap, validFrom kept
    ['2026-11-23', '2027-11-22', '2027-06-01', 1, '2026-11-23', '2028-11-22'],
    ['2026-11-23', '2027-11-22', '2027-11-22', 1, '2026-11-23', '2028-11-22'],
    ['2026-11-23', '2027-11-22', '2027-06-01', 2, '2026-11-23', '2029-11-22'],
    ['2027-03-01', '2028-02-28', '2028-01-01', 1, '2027-03-01', '2029-02-28'],
    // lapsed: a new term from today
    ['2026-11-23', '2027-11-22', '2027-11-23', 1, '2027-11-23', '2028-11-22'],
    ['2026-11-23', '2027-11-22', '2028-03-01', 1, '2028-03-01', '2029-02-28'],
  ])('from %s until %s, renewed on %s for %d year(s): %s – %s', (validFrom, validUntil, today, years, from, until) => {
    expect(renewedTerm({ validFrom, validUntil }, today, years)).toEqual({ validFrom: from, validUntil: until })
  })
})

describe('card numbers', () => {
  it.each<[number, string]>([
    [1, '000000000018'],
    [42, '000000000422'],
    [12_345_678, '000123456782'],
  ])('sequence %d → %s', (sequence, expected) => {
    expect(formatCardNumber(sequence)).toBe(expected)
    expect(isCardNumber(expected)).toBe(true)
  })

  it('computes the Luhn digit of a known card number', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3')
  })

  it('catches every single mistyped digit and every swap of unequal neighbours', () => {
    const number = formatCardNumber(97_531)
    for (let i = 0; i < number.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) !== number[i])
          expect(isCardNumber(number.slice(0, i) + d + number.slice(i + 1))).toBe(false)
      }
    }
    for (let i = 0; i < number.length - 1; i++) {
      const [a, b] = [number[i]!, number[i + 1]!]
      // Luhn's one blind spot is 09 ↔ 90.
      if (a !== b && `${a}${b}` !== '09' && `${a}${b}` !== '90')
        expect(isCardNumber(number.slice(0, i) + b + a + number.slice(i + 2))).toBe(false)
    }
  })

  it.each([0, -1, 1.5, 1e11])('refuses the sequence %d', (sequence) => {
    expect(() => formatCardNumber(sequence)).toThrow(RangeError)
  })
})
