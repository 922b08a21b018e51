/**
 * Membership card numbers (会员卡号). The server hands them out, never the reviewer: a
 * counter row locked until commit makes them unique across processes (a unique index
 * backs it up), and nobody can mistype one on issue. A number is 12 digits — an 11-digit
 * zero-padded sequence and a Luhn check digit, the check used on bank and loyalty cards,
 * which catches every single mistyped digit and nearly every swap of neighbours when
 * a card number is read out or typed at a counter.
 */

export const CARD_NUMBER_COUNTER = 'card_no'
const SEQUENCE_DIGITS = 11

/** The Luhn check digit for a string of digits. */
export function luhnCheckDigit(digits: string): string {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    // Doubling starts from the rightmost digit of the payload (it sits left of the check digit).
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9)
        d -= 9
    }
    sum += d
  }
  return String((10 - (sum % 10)) % 10)
}

export function formatCardNumber(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence >= 10 ** SEQUENCE_DIGITS)
    throw new RangeError(`Not a card number sequence: ${sequence}`)
  const payload = String(sequence).padStart(SEQUENCE_DIGITS, '0')
  return payload + luhnCheckDigit(payload)
}

/** 12 digits whose last is the Luhn check digit of the others. */
export function isCardNumber(value: string): boolean {
  return /^\d{12}$/.test(value) && luhnCheckDigit(value.slice(0, -1)) === value.at(-1)
}
