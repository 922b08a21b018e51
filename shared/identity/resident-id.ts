import type { CheckResult } from '../errors/issue'
import { mod11_2CheckChar } from '../checksums/iso7064'
import { formatDate, isRealDate } from '../dates/calendar'
import { fail, pass } from '../errors/issue'
import { normaliseDocumentNumber } from '../text/normalise'
import { isPlausibleRegionPrefix } from './region-prefix'

/**
 * Resident identity card numbers, GB 11643-1999:
 * 6-digit region of first registration, 8-digit birth date, 3-digit sequence (odd for
 * men, even for women), and an ISO 7064 MOD 11-2 check character (0–9 or X).
 *
 * Legacy 15-digit numbers (first-generation cards: 2-digit year, no check character)
 * are refused with their own code, `id.legacy_15_digit`: first-generation cards stopped
 * being valid on 1 January 2013, and every holder has an 18-digit number. The refusal
 * carries the mechanically upgraded number (`19` inserted, check character added) as a
 * hint for the agent to compare with the card — never stored silently, because a holder
 * who moved may have been given a different region code.
 */

export type Gender = 'male' | 'female'

export interface ResidentId {
  idNumber: string
  regionCode: string
  birthDate: string
  gender: Gender
}

export interface DateContext {
  /** Today's date in China, `YYYY-MM-DD`. */
  today: string
}

const EIGHTEEN = /^\d{17}[\dX]$/
const FIFTEEN = /^\d{15}$/
const EARLIEST_BIRTH_YEAR = 1890

/** The 18-digit number a 15-digit first-generation number becomes. */
export function upgradeLegacyResidentId(fifteen: string): string {
  const body = `${fifteen.slice(0, 6)}19${fifteen.slice(6)}`
  return body + mod11_2CheckChar(body)
}

export function parseResidentId(input: string, ctx: DateContext): CheckResult<ResidentId> {
  const idNumber = normaliseDocumentNumber(input)
  if (FIFTEEN.test(idNumber))
    return fail('id.legacy_15_digit', { upgraded: upgradeLegacyResidentId(idNumber) })
  if (!EIGHTEEN.test(idNumber))
    return fail('id.format')
  if (mod11_2CheckChar(idNumber.slice(0, 17)) !== idNumber[17])
    return fail('id.checksum')

  const year = Number(idNumber.slice(6, 10))
  const month = Number(idNumber.slice(10, 12))
  const day = Number(idNumber.slice(12, 14))
  if (year < EARLIEST_BIRTH_YEAR || !isRealDate(year, month, day))
    return fail('id.birth_date_invalid')
  const birthDate = formatDate(year, month, day)
  if (birthDate > ctx.today)
    return fail('id.birth_date_future')

  const regionCode = idNumber.slice(0, 6)
  if (!isPlausibleRegionPrefix(regionCode))
    return fail('id.region_invalid')

  const gender: Gender = Number(idNumber[16]) % 2 === 1 ? 'male' : 'female'
  return pass({ idNumber, regionCode, birthDate, gender })
}
