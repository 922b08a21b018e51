import { mod11_2CheckChar } from '#shared/checksums/iso7064'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

/**
 * Independent oracle for MOD 11-2 as GB 11643 states it: weights 2^(17-i) mod 11 and the
 * lookup table 1 0 X 9 8 7 6 5 4 3 2 for the weighted sum mod 11.
 */
const GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const GB11643_CHECK = '10X98765432'
function gb11643CheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * GB11643_WEIGHTS[i]!
  return GB11643_CHECK[sum % 11]!
}

describe('mod11_2CheckChar', () => {
  it.each([
    // GB 11643-1999's sample number 11010519491231002X.
    ['GB 11643 sample', '11010519491231002', 'X'],
    // ISO 7064's worked examples for MOD 11-2: 0794 0 and 079 X.
    ['ISO 7064 example 0794', '0794', '0'],
    ['ISO 7064 example 079', '079', 'X'],
    ['Shenzhen, 1985, odd sequence', '44030519850615123', '3'],
    ['leap day 2000', '11010520000229001', '3'],
    ['empty input', '', '1'],
  ])('%s: %s → %s', (_label, digits, expected) => {
    expect(mod11_2CheckChar(digits)).toBe(expected)
  })

  it('agrees with the GB 11643 weighted-sum table for any 17 digits', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 17, maxLength: 17 }), (digits) => {
      expect(mod11_2CheckChar(digits)).toBe(gb11643CheckChar(digits))
    }), { numRuns: 500 })
  })
})
