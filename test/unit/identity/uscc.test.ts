import { checkUscc, USCC_ALPHABET, usccCheckChar } from '#shared/identity/uscc'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

/** Independent oracle for GB 32100: weights 3^i mod 31, check = (31 − Σ mod 31) mod 31. */
function gb32100CheckChar(first17: string): string {
  let sum = 0
  let weight = 1
  for (const ch of first17) {
    sum += USCC_ALPHABET.indexOf(ch) * weight
    weight = (weight * 3) % 31
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!
}

// Valid codes: 91350100M000100Y43 is cited as a public code; the others were generated with
// usccCheckChar (and agree with the oracle above, see the first test).
const VALID = [
  '91350100M000100Y43', // cited as a public code: enterprise (9 1), Fuzhou 350100
  '91110108MA01ABCDEN', // enterprise, Beijing Haidian 110108
  '12100000400000624D', // public institution (1 2)
  '93440300MA5F0XYQ1Q', // farmers' co-operative (9 3), Shenzhen 440300
  'Y1440300MA5F0XYQ19', // other authority (Y)
  'N2110105000000001E', // N: rural collective
]

describe('usccCheckChar', () => {
  it.each(VALID)('%s: its check character agrees with the GB 32100 oracle', (code) => {
    expect(usccCheckChar(code.slice(0, 17))).toBe(code[17])
    expect(gb32100CheckChar(code.slice(0, 17))).toBe(code[17])
  })

  it('agrees with the GB 32100 oracle for any 17 characters of the alphabet', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...USCC_ALPHABET), minLength: 17, maxLength: 17 }), (first17) => {
      expect(usccCheckChar(first17)).toBe(gb32100CheckChar(first17))
    }), { numRuns: 500 })
  })

  it.each([
    ['I', '91350100I000100Y4'],
    ['O', '91350100O000100Y4'],
    ['Z', '91350100Z000100Y4'],
    ['S', '91350100S000100Y4'],
    ['V', '91350100V000100Y4'],
    ['lower case', '91350100m000100y4'],
  ])('returns null for a character outside the alphabet (%s)', (_label, first17) => {
    expect(usccCheckChar(first17)).toBeNull()
  })

  it('has an alphabet of 31 characters without I, O, Z, S and V', () => {
    expect(USCC_ALPHABET).toHaveLength(31)
    for (const letter of 'IOZSV') expect(USCC_ALPHABET).not.toContain(letter)
  })
})

describe('checkUscc', () => {
  it.each([
    ['public code', '91350100M000100Y43', '91350100M000100Y43'],
    ['lower case normalised', '91350100m000100y43', '91350100M000100Y43'],
    ['spaces inside', '9135 0100 M000 100Y 43', '91350100M000100Y43'],
    ['dashes inside', '91-350100-M000100Y4-3', '91350100M000100Y43'],
    ['full-width', '９１３５０１００Ｍ０００１００Ｙ４３', '91350100M000100Y43'],
  ])('%s: %s passes with its check character', (_label, input, uscc) => {
    expect(checkUscc(input)).toEqual({ ok: true, value: { uscc, checksumValid: true } })
  })

  it.each(VALID)('%s passes with its check character', (uscc) => {
    expect(checkUscc(uscc)).toEqual({ ok: true, value: { uscc, checksumValid: true } })
  })

  it.each([
    ['last character changed', '91350100M000100Y44'],
    ['check character of another code', '91350100M000100Y4N'],
    ['two characters swapped', '91350100M000100Y34'],
    ['one character mistyped', '91350100M000100Y53'],
  ])('%s: %s is format-valid but reports checksumValid: false (a warning, not an error)', (_label, input) => {
    expect(checkUscc(input)).toEqual({ ok: true, value: { uscc: input, checksumValid: false } })
  })

  it.each([
    ['letter I', '91350100I000100Y43'],
    ['letter O', '91350100M000100O43'],
    ['letter Z', 'Z1350100M000100Y43'],
    ['letter S', '9S350100M000100Y43'],
    ['letter V', '91350100M000100Y4V'],
    ['lower-case o', '91350100m000100o43'],
    ['letter in the region code (positions 3–8)', '9135A100M000100Y43'],
    ['17 characters', '91350100M000100Y4'],
    ['19 characters', '91350100M000100Y431'],
    ['15-digit old registration number', '350100100012345'],
    ['punctuation', '91350100M000100Y4!'],
    ['empty', ''],
  ])('refuses %s: %s with uscc.format', (_label, input) => {
    expect(checkUscc(input)).toEqual({ ok: false, code: 'uscc.format' })
  })
})
