/**
 * ISO 7064 check characters used by Chinese identifiers and by our receipt numbers.
 *
 * - MOD 11-2 (pure system, radix 2): GB 11643 resident ID numbers and the 2023
 *   foreign permanent-residence ID. Detects every single substitution and every
 *   adjacent transposition.
 * - MOD 37,36 (hybrid system): our receipt numbers, over the 36 characters 0–9A–Z.
 *   Detects every single substitution and every adjacent transposition, and the check
 *   character is itself one of the 36 characters (no `*` or `X` oddities).
 */

const MOD_11_2_CHARS = '0123456789X'

/** The MOD 11-2 check character (`0`–`9` or `X`) for a string of decimal digits. */
export function mod11_2CheckChar(digits: string): string {
  let sum = 0
  for (const ch of digits) sum = ((sum + Number(ch)) * 2) % 11
  return MOD_11_2_CHARS[(12 - sum) % 11]!
}

export const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** The MOD 37,36 check character for a string over 0–9A–Z, or null if a character is outside it. */
export function mod37_36CheckChar(text: string): string | null {
  const m = 36
  let p = m
  for (const ch of text) {
    const value = ALPHANUMERIC.indexOf(ch)
    if (value < 0)
      return null
    let s = (p + value) % m
    if (s === 0)
      s = m
    p = (2 * s) % (m + 1)
  }
  return ALPHANUMERIC[(m + 1 - p) % m]!
}
