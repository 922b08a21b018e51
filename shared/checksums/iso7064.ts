/**
 * ISO 7064 MOD 11-2 (pure system, radix 2): the check character of GB 11643 resident ID
 * numbers and of the 2023 foreign permanent-residence ID. Detects every single
 * substitution and every adjacent transposition.
 */

const MOD_11_2_CHARS = '0123456789X'

/** The MOD 11-2 check character (`0`–`9` or `X`) for a string of decimal digits. */
export function mod11_2CheckChar(digits: string): string {
  let sum = 0
  for (const ch of digits) sum = ((sum + Number(ch)) * 2) % 11
  return MOD_11_2_CHARS[(12 - sum) % 11]!
}
