/**
 * The check character of our receipt numbers: a weighted sum modulo 31 over the 31
 * characters GB 32100 uses for social credit codes (digits and capitals without I, O, Z,
 * S and V, which are easily misread as 1, 0, 2, 5 and U).
 *
 * The character at distance k before the check (k = 1 for the last one) weighs 3^k mod 31;
 * the check c makes sum + c ≡ 0 (mod 31). Because 31 is prime and 3 has order 30 modulo 31,
 * every single substitution changes the sum, and so does every swap of two different
 * neighbours (their weights differ by a factor 3, never 1) — the check character
 * included, for texts of up to 29 characters. ISO 7064 MOD 37,36, the obvious
 * alternative, misses about one neighbour swap in 36 of consecutive characters.
 */

export const MOD31_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
export const MOD31_MAX_LENGTH = 29

/** The check character for `text`, or null if a character is outside the alphabet or the text is too long. */
export function mod31CheckChar(text: string): string | null {
  if (text.length > MOD31_MAX_LENGTH)
    return null
  let sum = 0
  let weight = 1
  for (let i = text.length - 1; i >= 0; i--) {
    const value = MOD31_ALPHABET.indexOf(text[i]!)
    if (value < 0)
      return null
    weight = (weight * 3) % 31
    sum += value * weight
  }
  return MOD31_ALPHABET[(31 - (sum % 31)) % 31]!
}
