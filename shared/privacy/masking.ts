import { isMobile, mobileCallingCode } from '../contact/mobile'

/**
 * Masking for lists, exports and anywhere full personal data need not be seen (PIPL's
 * minimum-necessary principle). Full values are shown only on an audited request.
 * Every function is total: it masks whatever it is given, valid or not, and never
 * reveals more than it would for a valid value.
 */

const MASK = '*'

function codePoints(value: string): string[] {
  return [...value]
}

/**
 * ID numbers: an 18-character resident ID keeps its 6-digit region and last 4
 * (`110105********123X`); other documents keep the first 2 and last 2; anything of 4
 * characters or fewer is masked entirely.
 */
export function maskIdNumber(value: string): string {
  const chars = codePoints(value.trim())
  if (chars.length <= 4)
    return MASK.repeat(chars.length)
  const [head, tail] = chars.length === 18 ? [6, 4] : [2, 2]
  return chars.slice(0, head).join('') + MASK.repeat(chars.length - head - tail) + chars.slice(-tail).join('')
}

/**
 * Birth dates: the year only (`1985-**-**`). The year gives a reviewer an age at a glance; the
 * month and day are the very digits a masked resident ID hides (`110105********123X`), so
 * shown beside it they would give the number away whole. Anything not starting with a year is
 * masked entirely; a masked date masks to itself.
 */
export function maskBirthDate(value: string): string {
  const trimmed = value.trim()
  const year = /^\d{4}/.exec(trimmed)
  return year ? `${year[0]}-**-**` : MASK.repeat(codePoints(trimmed).length)
}

/**
 * Mobiles: `138****5678`; Hong Kong, Macau and Taiwan keep their calling code and last 4
 * (`+852****4567`, `+886*****5678`): the code says where the number is from, as the mainland
 * prefix says the operator. Other phone numbers keep only their last 4 digits.
 */
export function maskMobile(value: string): string {
  const trimmed = value.trim()
  const chars = codePoints(trimmed)
  if (chars.length === 11)
    return `${chars.slice(0, 3).join('')}****${chars.slice(7).join('')}`
  const code = mobileCallingCode(trimmed)
  if (code && chars.length > code.length + 4)
    return code + MASK.repeat(chars.length - code.length - 4) + chars.slice(-4).join('')
  if (chars.length <= 4)
    return MASK.repeat(chars.length)
  return MASK.repeat(chars.length - 4) + chars.slice(-4).join('')
}

/**
 * Whether `value` is a Hong Kong, Macau or Taiwan mobile as a record or a masked list holds
 * it: in full (`+85291234567`) or as maskMobile shows it, its calling code, the middle masked
 * and its last 4 digits (`+852****4567`). Such a value starts with `+` yet is a phone number,
 * and holds nothing but `+`, digits and `*` (what lets an export keep it as text:
 * server/export/csv-writer.ts).
 */
export function isMobileWithCallingCode(value: string): boolean {
  const code = mobileCallingCode(value)
  return !!code && (isMobile(value) || /^\*+\d{4}$/.test(value.slice(code.length)))
}

/**
 * Names: Chinese names keep the first character, and the last when there are three or
 * more (`张*`, `欧*峰`, `买****力`); Latin names keep each word's first letter (`J*** S****`).
 */
export function maskName(value: string): string {
  const name = value.trim()
  if (/\p{Script=Han}/u.test(name)) {
    const chars = codePoints(name)
    if (chars.length <= 1)
      return MASK
    if (chars.length === 2)
      return chars[0] + MASK
    return chars[0] + MASK.repeat(chars.length - 2) + chars.at(-1)
  }
  return name.split(/\s+/u).map((word) => {
    const chars = codePoints(word)
    return chars.length ? chars[0] + MASK.repeat(chars.length - 1) : ''
  }).join(' ')
}

/**
 * The name a list shows for an applicant or member: a person's name masked, an
 * organisation's as registered — it is no one's personal information (like its USCC), and
 * a reviewer cannot tell `北**********司` from the next company in the queue.
 */
export function maskDisplayName(applicantType: string, name: string): string {
  return applicantType === 'organisation' ? name : maskName(name)
}

/** E-mail: the first character of the local part and the domain (`z***@example.com`). */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@')
  if (at <= 0)
    return MASK.repeat(codePoints(value).length)
  return `${codePoints(value)[0]}***${value.slice(at)}`
}

/**
 * Street addresses: the first 6 characters (district and road), the rest masked — and never
 * fewer than 4 masked, so a short address (`建国路8号`) does not show its number: `建****`.
 * A masked value masks to itself (its visible part is already 4 short of its length).
 */
export function maskAddressDetail(value: string): string {
  const chars = codePoints(value.trim())
  if (chars.length === 0)
    return ''
  return chars.slice(0, Math.max(0, Math.min(6, chars.length - 4))).join('') + MASK.repeat(4)
}
