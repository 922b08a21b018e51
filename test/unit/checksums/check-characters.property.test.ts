import { mod11_2CheckChar } from '#shared/checksums/iso7064'
import { MOD31_ALPHABET, MOD31_MAX_LENGTH, mod31CheckChar } from '#shared/checksums/mod31'
import { formatDate } from '#shared/dates/calendar'
import { PROVINCE_CODES } from '#shared/identity/region-prefix'
import { parseResidentId } from '#shared/identity/resident-id'
import { checkUscc, USCC_ALPHABET, usccCheckChar } from '#shared/identity/uscc'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

/**
 * What the check characters promise: every single substitution and every swap of two
 * different neighbours is caught. MOD 11-2 (resident ID) and GB 32100's MOD 31 (USCC) keep
 * the promise in full, and so does the weighted MOD 31 of receipt numbers.
 */

const TODAY = '2026-11-23'
const ctx = { today: TODAY }
const DAY_MS = 86_400_000

function digits(n: number, width: number): string {
  return String(n).padStart(width, '0')
}

function substitutions(text: string, alphabet: string): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length; i++) {
    for (const ch of alphabet) {
      if (ch !== text[i])
        out.push(text.slice(0, i) + ch + text.slice(i + 1))
    }
  }
  return out
}

/** Every swap of two different neighbours, with the index of the first of the two. */
function transpositions(text: string): Array<[index: number, swapped: string]> {
  const out: Array<[number, string]> = []
  for (let i = 0; i + 1 < text.length; i++) {
    if (text[i] !== text[i + 1])
      out.push([i, text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2)])
  }
  return out
}

describe('resident ID (GB 11643, ISO 7064 MOD 11-2)', () => {
  const mainland = [...PROVINCE_CODES].filter(p => !['71', '81', '82', '83'].includes(p))
  // A plausible region prefix: a mainland province, prefecture 01–99, any county part;
  // or a residence-permit prefix (71/81/82/83) with 0000.
  const region = fc.oneof(
    fc.tuple(fc.constantFrom(...mainland), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .map(([p, prefecture, county]) => p + digits(prefecture, 2) + digits(county, 2)),
    fc.constantFrom('710000', '810000', '820000', '830000'),
  )
  const birthDate = fc.integer({ min: Date.UTC(1900, 0, 1) / DAY_MS, max: Date.UTC(2026, 10, 23) / DAY_MS }).map((day) => {
    const d = new Date(day * DAY_MS)
    return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
  })
  const residentId = fc.record({ region, birthDate, sequence: fc.integer({ min: 0, max: 999 }) }).map((r) => {
    const body = r.region + r.birthDate.replaceAll('-', '') + digits(r.sequence, 3)
    return { ...r, idNumber: body + mod11_2CheckChar(body) }
  })

  /** Refusal expected for a mutated number: an X among the first 17 is a format error; anything else fails the check. */
  function expectedRefusal(mutated: string): string {
    return mutated.slice(0, 17).includes('X') ? 'id.format' : 'id.checksum'
  }

  it('accepts every generated number with the birth date and gender it encodes', () => {
    fc.assert(fc.property(residentId, ({ idNumber, region, birthDate, sequence }) => {
      expect(parseResidentId(idNumber, ctx)).toEqual({
        ok: true,
        value: { idNumber, regionCode: region, birthDate, gender: sequence % 2 === 1 ? 'male' : 'female' },
      })
      // The 17th digit is the last digit of the sequence: odd for men.
      expect(Number(idNumber[16]) % 2).toBe(sequence % 2)
    }), { numRuns: 300 })
  })

  it('refuses every single-character substitution (0–9 and X, at any of the 18 positions)', () => {
    fc.assert(fc.property(residentId, ({ idNumber }) => {
      const mutants = substitutions(idNumber, '0123456789X')
      expect(mutants).toHaveLength(18 * 10)
      // Collected, then asserted once: one expect per mutant would make the suite slow.
      const wrong = mutants
        .map(mutated => ({ mutated, result: parseResidentId(mutated, ctx) }))
        .filter(({ mutated, result }) => result.ok || !result.code.startsWith('id.') || result.code !== expectedRefusal(mutated))
      expect(wrong).toEqual([])
    }), { numRuns: 200 })
  })

  it('refuses every swap of two different neighbours, the check character included', () => {
    fc.assert(fc.property(residentId, ({ idNumber }) => {
      const wrong = transpositions(idNumber)
        .map(([, mutated]) => ({ mutated, result: parseResidentId(mutated, ctx) }))
        .filter(({ mutated, result }) => result.ok || result.code !== expectedRefusal(mutated))
      expect(wrong).toEqual([])
    }), { numRuns: 300 })
  })

  it('catches every substitution and neighbour swap in the first 17 digits, whatever they are (exhaustive)', () => {
    // MOD 11-2 is linear: a change is caught iff (new − old) × weight ≢ 0 (mod 11),
    // whatever the other digits are, so one background suffices to cover every case.
    const base = '0'.repeat(17)
    const missed: string[] = []
    for (let i = 0; i < 17; i++) {
      for (let a = 0; a <= 9; a++) {
        for (let b = 0; b <= 9; b++) {
          if (a === b)
            continue
          const withA = `${base.slice(0, i)}${a}${base.slice(i + 1)}`
          const withB = `${base.slice(0, i)}${b}${base.slice(i + 1)}`
          if (mod11_2CheckChar(withA) === mod11_2CheckChar(withB))
            missed.push(`substitution at ${i}: ${a}→${b}`)
          const ab = `${base.slice(0, i)}${a}${b}${base.slice(i + 2)}`
          const ba = `${base.slice(0, i)}${b}${a}${base.slice(i + 2)}`
          if (i < 16 && mod11_2CheckChar(ab) === mod11_2CheckChar(ba))
            missed.push(`swap at ${i}: ${a}${b}`)
        }
      }
    }
    expect(missed).toEqual([])
  })
})

describe('unified social credit code (GB 32100, MOD 31)', () => {
  const REGION_POSITIONS = [2, 3, 4, 5, 6, 7] // 0-based: the 3rd to 8th characters are digits
  const alnum = fc.constantFrom(...USCC_ALPHABET)
  const uscc = fc.tuple(
    fc.string({ unit: alnum, minLength: 2, maxLength: 2 }),
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 }),
    fc.string({ unit: alnum, minLength: 9, maxLength: 9 }),
  ).map(([head, regionCode, organisation]) => {
    const first17 = head + regionCode + organisation
    return first17 + usccCheckChar(first17)!
  })

  /**
   * A letter in the 3rd–8th characters breaks the format (uscc.format); any other change
   * keeps the format and fails the check (checksumValid false). Answers the mutants for
   * which checkUscc says anything else (compared by hand: deep equality per mutant is slow).
   */
  function unexpectedOutcomes(mutants: string[]): string[] {
    return mutants.filter((mutated) => {
      const result = checkUscc(mutated)
      const letterInRegion = REGION_POSITIONS.some(i => !/\d/.test(mutated[i]!))
      return letterInRegion
        ? result.ok || result.code !== 'uscc.format'
        : !result.ok || result.value.uscc !== mutated || result.value.checksumValid
    })
  }

  it('passes every generated code with checksumValid true', () => {
    fc.assert(fc.property(uscc, (code) => {
      expect(checkUscc(code)).toEqual({ ok: true, value: { uscc: code, checksumValid: true } })
      expect(checkUscc(code.toLowerCase())).toEqual({ ok: true, value: { uscc: code, checksumValid: true } })
    }), { numRuns: 200 })
  })

  it('reports every single substitution within the alphabet as uscc.format or checksumValid false', () => {
    fc.assert(fc.property(uscc, (code) => {
      const mutants = substitutions(code, USCC_ALPHABET)
      expect(mutants).toHaveLength(18 * 30)
      expect(unexpectedOutcomes(mutants)).toEqual([])
    }), { numRuns: 200 })
  })

  it('reports every swap of two different neighbours as uscc.format or checksumValid false', () => {
    fc.assert(fc.property(uscc, (code) => {
      expect(unexpectedOutcomes(transpositions(code).map(([, mutated]) => mutated))).toEqual([])
    }), { numRuns: 200 })
  })

  it('catches every substitution and neighbour swap in the first 17 characters, whatever they are (exhaustive)', () => {
    // Linear in the character values (mod 31, a prime; weights 3^i are units and
    // 3^i − 3^(i+1) ≢ 0), so one background covers every context.
    const base = '0'.repeat(17)
    const missed: string[] = []
    for (let i = 0; i < 17; i++) {
      for (const a of USCC_ALPHABET) {
        for (const b of USCC_ALPHABET) {
          if (a === b)
            continue
          const withA = base.slice(0, i) + a + base.slice(i + 1)
          const withB = base.slice(0, i) + b + base.slice(i + 1)
          if (usccCheckChar(withA) === usccCheckChar(withB))
            missed.push(`substitution at ${i}: ${a}→${b}`)
          const ab = base.slice(0, i) + a + b + base.slice(i + 2)
          const ba = base.slice(0, i) + b + a + base.slice(i + 2)
          if (i < 16 && usccCheckChar(ab) === usccCheckChar(ba))
            missed.push(`swap at ${i}: ${a}${b}`)
        }
      }
    }
    expect(missed).toEqual([])
  })
})

/**
 * Receipt numbers: weighted MOD 31 over the GB 32100 alphabet (shared/checksums/mod31.ts).
 * No blind spot up to 29 characters: every single substitution and every swap of two
 * different neighbours, the check character included, changes the answer.
 */
describe('receipt check character (weighted MOD 31)', () => {
  const text = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...MOD31_ALPHABET), minLength: min, maxLength: max })
  const valid = (t: string) => t + mod31CheckChar(t)!
  const holds = (t: string) => mod31CheckChar(t.slice(0, -1)) === t.at(-1)

  it('catches every single substitution, the check character included', () => {
    fc.assert(fc.property(text(1, MOD31_MAX_LENGTH), (t) => {
      expect(substitutions(valid(t), MOD31_ALPHABET).filter(holds)).toEqual([])
    }), { numRuns: 300 })
  })

  it('catches every swap of two different neighbours, the check character included', () => {
    fc.assert(fc.property(text(1, MOD31_MAX_LENGTH), (t) => {
      expect(transpositions(valid(t)).filter(([, swapped]) => holds(swapped))).toEqual([])
    }), { numRuns: 300 })
  })

  it('catches every neighbour swap at every distance from the check (exhaustive over pairs)', () => {
    // The weights depend only on the distance from the end, so one text of the longest
    // length, with every pair at every position, covers every distance.
    const length = MOD31_MAX_LENGTH
    for (let i = 0; i + 1 < length; i++) {
      const before = '0'.repeat(i)
      const after = '0'.repeat(length - i - 2)
      for (const a of MOD31_ALPHABET) {
        for (const b of MOD31_ALPHABET) {
          if (a < b)
            expect(mod31CheckChar(before + a + b + after)).not.toBe(mod31CheckChar(before + b + a + after))
        }
      }
    }
  })
})
