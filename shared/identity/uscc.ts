import type { CheckResult } from '../errors/issue'
import { fail, pass } from '../errors/issue'
import { normaliseDocumentNumber } from '../text/normalise'

/**
 * Unified social credit codes, GB 32100-2015: 18 characters over 0–9 and the capitals
 * without I, O, Z, S and V; registration authority, organisation type, 6-digit region,
 * 9-character organisation code, and a MOD 31 check character with weights 3^i mod 31.
 *
 * A few legitimate early codes fail the check character, so `checkUscc` separates the
 * two outcomes: a format error is a hard stop, a failed check character is for the agent
 * to confirm against the licence (see validateApplication).
 */

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const FORMAT = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/

/** The check character for the first 17 characters, or null if one is outside the alphabet. */
export function usccCheckChar(first17: string): string | null {
  let sum = 0
  for (let i = 0; i < first17.length; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i]!)
    if (value < 0)
      return null
    sum += value * WEIGHTS[i]!
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!
}

export interface UsccCheck {
  uscc: string
  checksumValid: boolean
}

/** Normalises and checks the format; reports (without failing) whether the check character holds. */
export function checkUscc(input: string): CheckResult<UsccCheck> {
  const uscc = normaliseDocumentNumber(input)
  if (!FORMAT.test(uscc))
    return fail('uscc.format')
  return pass({ uscc, checksumValid: usccCheckChar(uscc.slice(0, 17)) === uscc[17] })
}
