import type { CheckResult } from '../errors/issue'
import { z } from 'zod'
import { checkEmail } from '../contact/contact'
import { checkMobile } from '../contact/mobile'
import { checkRegionCode } from '../contact/region-code'
import { checkCalendarDate } from '../dates/calendar'
import { fail, pass } from '../errors/issue'
import { checkUscc } from '../identity/uscc'
import { checkPersonName } from '../person/person-name'
import { checkReceiptNumber } from '../receipt/receipt-number'
import { hasControlCharacters, removeInvisibleCharacters } from '../text/hidden-characters'
import { charLength, normaliseDocumentNumber, normaliseText } from '../text/normalise'

/**
 * Zod building blocks that run a shared check and keep its stable code. A failed check
 * becomes a `custom` issue whose params carry `code` (and the check's params), which
 * `toValidationIssues` turns back into `{ path, code, params }`. A passing check yields
 * the normalised value, so the parsed application is always in canonical form.
 */
export function checked(check: (input: string) => CheckResult) {
  return z.string().transform((input, ctx) => {
    const result = check(input)
    if (result.ok)
      return result.value
    ctx.addIssue({ code: 'custom', message: result.code, params: { code: result.code, ...result.params } })
    return z.NEVER
  })
}

/** Free text: control characters refused, invisible ones removed, normalised, then measured in characters (code points), not UTF-16 units. */
export function text(max: number, min = 1) {
  return checked((input) => {
    if (hasControlCharacters(input))
      return fail('text.hidden_characters')
    const value = normaliseText(removeInvisibleCharacters(input))
    const length = charLength(value)
    if (length === 0 && min > 0)
      return fail('field.required')
    if (length < min)
      return fail('field.too_short', { min })
    if (length > max)
      return fail('field.too_long', { max })
    return pass(value)
  })
}

/**
 * The most characters a number may take as typed — a mobile, a document number, a USCC —
 * spaces, dashes and a country code included. The checks strip separators and then judge
 * the format, so without this a number padded with any amount of them would pass; and it
 * is what the tablet's inputs accept, so the server's limit is never a surprise.
 */
export const NUMBER_INPUT_MAX = 32

/** A shared check on a number as typed, refused first when it is longer than any number is. */
function typedNumber(check: (input: string) => CheckResult) {
  return checked(input => (charLength(input) > NUMBER_INPUT_MAX ? fail('field.too_long', { max: NUMBER_INPUT_MAX }) : check(input)))
}

export const personName = checked(checkPersonName)
export const mobile = typedNumber(checkMobile)
export const email = checked(checkEmail)
export const regionCode = checked(checkRegionCode)
export const calendarDate = checked(checkCalendarDate)
export const receiptNumber = checked(checkReceiptNumber)
/** USCC format only; the check character is judged with the agent's confirmation (see the organisation rule). */
export const usccFormat = typedNumber((input) => {
  const result = checkUscc(input)
  return result.ok ? pass(result.value.uscc) : result
})
/** A document number in canonical form; its format depends on the document type (see the identity rule). */
export const documentNumber = typedNumber((input) => {
  const value = normaliseDocumentNumber(input)
  return value ? pass(value) : fail('field.required')
})

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/)
export const uuid = z.uuid()
export const isoDateTime = z.iso.datetime({ offset: true })
