import type { CheckResult } from '../errors/issue'
import { fail, pass } from '../errors/issue'
import { hasHiddenCharacters } from '../text/hidden-characters'
import { toHalfWidth } from '../text/normalise'

/**
 * The ideographic full stop `。` (and its half-width form `｡`) a Chinese IME types for `.`,
 * read as the dot in the domain, as browsers and IDNA (UTS #46) read it: `zhang@qq。com` is
 * zhang@qq.com. The local part is left as typed.
 */
function domainStops(value: string): string {
  const at = value.lastIndexOf('@')
  return at < 0 ? value : value.slice(0, at + 1) + value.slice(at + 1).replace(/[。｡]/gu, '.')
}

/**
 * E-mail: a pragmatic check (one @, a dotted domain, no spaces, 254 characters at most),
 * not RFC 5322: the address is for notices, and a stricter rule refuses real addresses.
 * The domain is lower-cased; the local part is kept as typed. Hidden characters are
 * refused with their own code (`text.hidden_characters`), so the agent knows to retype it.
 */
export function checkEmail(input: string): CheckResult {
  const value = domainStops(toHalfWidth(input).trim())
  // Nobody types a control or an invisible character into an address on purpose: a NUL
  // would be kept by SQLite and refused by PostgreSQL, a zero-width space makes mail bounce.
  if (hasHiddenCharacters(value))
    return fail('text.hidden_characters')
  const match = /^([^\s@]+)@([^\s@.]+(?:\.[^\s@.]+)+)$/.exec(value)
  if (!match || value.length > 254)
    return fail('email.format')
  return pass(`${match[1]}@${match[2]!.toLowerCase()}`)
}

/** Mainland postal codes: 6 digits, never starting with 9. */
export function checkPostalCode(input: string): CheckResult {
  const value = toHalfWidth(input).replace(/\s/g, '')
  return /^[0-8]\d{5}$/.test(value) ? pass(value) : fail('postal_code.format')
}
