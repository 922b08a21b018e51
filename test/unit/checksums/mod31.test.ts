import { MOD31_ALPHABET, MOD31_MAX_LENGTH, mod31CheckChar } from '#shared/checksums/mod31'
import { USCC_ALPHABET } from '#shared/identity/uscc'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

/** The definition, written out independently: weight of the k-th character from the end is 3^k mod 31. */
function reference(text: string): string {
  let sum = 0
  for (let k = 1; k <= text.length; k++)
    sum += MOD31_ALPHABET.indexOf(text[text.length - k]!) * (3 ** k % 31)
  return MOD31_ALPHABET[(31 - (sum % 31)) % 31]!
}

describe('mod31CheckChar', () => {
  it('uses the GB 32100 alphabet (no I, O, Z, S, V)', () => {
    expect(MOD31_ALPHABET).toBe(USCC_ALPHABET)
    expect(MOD31_ALPHABET).toHaveLength(31)
    expect(MOD31_ALPHABET).not.toMatch(/[IOZSV]/)
  })

  it.each([
    ['empty text', '', '0'],
    // 1·3 = 3 → 31 − 3 = 28 → 'W' (index 28 of the alphabet)
    ['one character', '1', 'W'],
    // B=11, J=18, 0, 1: 11·81 + 18·27 + 0·9 + 1·3 = 891 + 486 + 3 = 1380 ≡ 16 → 15 → 'F'
    ['BJ01', 'BJ01', 'F'],
  ])('%s: %s → %s', (_label, text, expected) => {
    expect(mod31CheckChar(text)).toBe(expected)
    expect(reference(text)).toBe(expected)
  })

  it('agrees with the weighted-sum definition', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...MOD31_ALPHABET), maxLength: MOD31_MAX_LENGTH }), (text) => {
      expect(mod31CheckChar(text)).toBe(reference(text))
    }), { numRuns: 300 })
  })

  it.each([
    ['a letter outside the alphabet', 'BJO1'],
    ['lower case', 'bj01'],
    ['a dash', 'BJ-01'],
    ['text longer than 29 characters', '0'.repeat(MOD31_MAX_LENGTH + 1)],
  ])('answers null for %s', (_label, text) => {
    expect(mod31CheckChar(text)).toBeNull()
  })
})
