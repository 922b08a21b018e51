import type { CheckResult } from '../errors/issue'
import { fail, pass } from '../errors/issue'
import { stripSeparators, toHalfWidth } from '../text/normalise'

/**
 * Mobile numbers. The mobile is the member's account key (one member per mobile), a
 * duplicate key and a search key, so it is always stored in one canonical form:
 *
 * - mainland China: the 11 digits alone, `13812345678` (1, then 3–9) — every number
 *   stored before other regions were accepted is already in this form;
 * - Hong Kong, Macau and Taiwan: E.164 with its `+`, `+85291234567`, `+85366123456`,
 *   `+886912345678`. Residents of those regions enrol with their permits and often have
 *   no mainland number.
 *
 * Other countries' numbers are refused: the programme serves the mainland, Hong Kong,
 * Macau and Taiwan, and a rule loose enough for every country would accept typing errors.
 */

interface MobileRegion {
  /** The country calling code, without `+`. */
  code: string
  /** The national number of a mobile, after the calling code. */
  national: RegExp
}

/**
 * Hong Kong mobiles are 8 digits from 4 to 9 (2 and 3 are fixed lines); Macau's 8 digits
 * beginning with 6; Taiwan's 9 digits beginning with 9 (written 09… at home: the trunk 0 is
 * dropped after +886).
 */
export const MOBILE_REGIONS: readonly MobileRegion[] = [
  { code: '852', national: /^[4-9]\d{7}$/ },
  { code: '853', national: /^6\d{7}$/ },
  { code: '886', national: /^9\d{8}$/ },
]

const MAINLAND = /^1[3-9]\d{9}$/

/** `+852…` as typed: `+852`, `00852` or `852` in front, then the national number. */
const OTHER_REGION = new RegExp(`^(?:\\+|00)?(${MOBILE_REGIONS.map(r => r.code).join('|')})(\\d+)$`)

/**
 * A mobile as typed, in the canonical form above: half-width, separators stripped, a
 * `+86`, `0086` or `86` taken off an 11-digit mainland number, `00852` or `852` written
 * `+852`, and Taiwan's trunk 0 dropped after +886 (`+886 0912…`). Anything else is
 * returned stripped, for the check to refuse and a search to match as a part of a number.
 */
export function normaliseMobile(input: string): string {
  const digits = stripSeparators(toHalfWidth(input))
  const mainland = /^(?:\+86|0086|86)(1\d{10})$/.exec(digits)
  if (mainland)
    return mainland[1]!
  const other = OTHER_REGION.exec(digits)
  if (!other)
    return digits
  const code = other[1]!
  const national = other[2]!
  const withoutTrunk = code === '886' && national.startsWith('0') ? national.slice(1) : national
  return `+${code}${withoutTrunk}`
}

/**
 * What a mobile typed in part (a search as the agent types) may be found as inside canonical
 * mobiles: its canonical form so far, a `+86` or `0086` left off (a mainland number is stored
 * without it; `00852 9123` reads `+8529123`), the digits as typed (`8526…` read as a calling
 * code may also be the middle of a mainland number), and a Taiwan number as written at home,
 * its trunk 0 read as +886 (`0912 345` → `+886912345`: a Taiwan mobile's national number
 * starts with 9, so only a Taiwan number is found by it).
 */
export function mobileSearchParts(query: string): string[] {
  const digits = stripSeparators(toHalfWidth(query))
  const parts = [normaliseMobile(query).replace(/^(?:\+86|0086)/, ''), digits]
  if (/^09\d*$/.test(digits))
    parts.push(`+886${digits.slice(1)}`)
  return [...new Set(parts)].filter(Boolean)
}

/** Whether `value`, already normalised, is a mobile the programme accepts. */
export function isMobile(value: string): boolean {
  if (MAINLAND.test(value))
    return true
  const region = MOBILE_REGIONS.find(r => value.startsWith(`+${r.code}`))
  return !!region && region.national.test(value.slice(region.code.length + 1))
}

/** The calling code of a non-mainland mobile (`+852`), or null: masks keep it in sight. */
export function mobileCallingCode(value: string): string | null {
  const region = MOBILE_REGIONS.find(r => value.startsWith(`+${r.code}`))
  return region ? `+${region.code}` : null
}

/**
 * A Taiwan mobile as written at home, its trunk 0 and no calling code (`0912 345 678`), in
 * canonical form (`+886912345678`); null for anything else. No other mobile the programme
 * accepts starts 09, so a search box reads it as this number; an application's mobile still
 * needs its code (`mobile.format`), as every other region's does.
 */
export function taiwanMobileWrittenAtHome(input: string): string | null {
  const national = /^0(9\d{8})$/.exec(stripSeparators(toHalfWidth(input)))
  return national && isMobile(`+886${national[1]}`) ? `+886${national[1]}` : null
}

/**
 * A Hong Kong or Macau mobile typed without its calling code (`9123 4567`), as every region
 * it may be (Macau's begin with 6, as some of Hong Kong's do): people there write their own
 * number so, and a desk in Guangdong is told it so.
 */
export function hongKongMacauMobilesWithoutCode(input: string): string[] {
  const digits = stripSeparators(toHalfWidth(input))
  if (!/^\d{8}$/.test(digits))
    return []
  return MOBILE_REGIONS.filter(r => r.code !== '886').map(r => `+${r.code}${digits}`).filter(isMobile)
}

/**
 * The mobiles a search box names, read once for every search: a whole number however typed
 * (`only`: the text is that number and nothing else), or else the numbers it may be written
 * the way people write them at home — a Taiwan number with its trunk 0 (`0912 345 678`), a
 * Hong Kong or Macau number without its code (`6612 3456`: either region) — which the text
 * may also be something else as (a document's or a receipt's number); null when it names none.
 */
export function searchedMobile(text: string): { mobiles: string[], only: boolean } | null {
  const mobile = normaliseMobile(text)
  if (isMobile(mobile))
    return { mobiles: [mobile], only: true }
  const taiwan = taiwanMobileWrittenAtHome(text)
  const written = [...(taiwan ? [taiwan] : []), ...hongKongMacauMobilesWithoutCode(text)]
  return written.length ? { mobiles: written, only: false } : null
}

/** A mobile as typed, checked and in canonical form; `mobile.format` otherwise. */
export function checkMobile(input: string): CheckResult {
  const value = normaliseMobile(input)
  return isMobile(value) ? pass(value) : fail('mobile.format')
}
