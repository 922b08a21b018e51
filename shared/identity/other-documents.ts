import type { CheckResult } from '../errors/issue'
import { mod11_2CheckChar } from '../checksums/iso7064'
import { formatDate, isRealDate } from '../dates/calendar'
import { fail, pass } from '../errors/issue'
import { normaliseDocumentNumber } from '../text/normalise'

/** As for the resident ID: nobody alive was born earlier. */
const EARLIEST_BIRTH_YEAR = 1890

/**
 * Format checks for the identity documents other than the resident ID card. These
 * documents carry no public check character (except the 2023 foreign permanent-residence
 * ID), so a format check is all that can be done offline.
 */

/**
 * 港澳居民来往内地通行证 (Home Return Permit): H (Hong Kong) or M (Macau) and 8 digits;
 * cards issued before 2013 add a 2-digit renewal count, which is accepted.
 */
export function checkHkMoPermit(input: string): CheckResult {
  const value = normaliseDocumentNumber(input)
  return /^[HM]\d{8}(?:\d{2})?$/.test(value) ? pass(value) : fail('id.hk_mo_permit_format')
}

/**
 * 台湾居民来往大陆通行证 (Mainland Travel Permit for Taiwan Residents): 8 digits since
 * the 2015 card; the older booklet's 10 digits are still seen and accepted.
 */
export function checkTwPermit(input: string): CheckResult {
  const value = normaliseDocumentNumber(input)
  return /^\d{8}(?:\d{2})?$/.test(value) ? pass(value) : fail('id.tw_permit_format')
}

/**
 * 外国人永久居留身份证. The 2023 card: 18 digits — 9, 2-digit province, 3-digit
 * nationality, 8-digit birth date, 3-digit sequence, MOD 11-2 check character (as GB 11643).
 * The 2004/2017 card: 3-letter nationality code and 12 digits, format only.
 *
 * Like a resident ID, the 2023 number carries its holder's birth date: a date that is no
 * day, is in the future (in China, `ctx.today`) or before 1890 is no real card, and the
 * application's rule holds the birth date entered beside it to the one in the number.
 */
export function checkForeignPermanentId(input: string, ctx?: { today: string }): CheckResult {
  const value = normaliseDocumentNumber(input)
  if (/^[A-Z]{3}\d{12}$/.test(value))
    return pass(value)
  if (!/^9\d{16}[\dX]$/.test(value))
    return fail('id.foreign_permanent_format')
  const y = Number(value.slice(6, 10))
  const m = Number(value.slice(10, 12))
  const d = Number(value.slice(12, 14))
  if (!isRealDate(y, m, d))
    return fail('id.foreign_permanent_format')
  if (mod11_2CheckChar(value.slice(0, 17)) !== value[17])
    return fail('id.foreign_permanent_checksum')
  if (y < EARLIEST_BIRTH_YEAR)
    return fail('id.birth_date_invalid')
  if (ctx && formatDate(y, m, d) > ctx.today)
    return fail('id.birth_date_future')
  return pass(value)
}

/** The birth date a 2023 foreign permanent-residence ID carries (`YYYY-MM-DD`), or null for the old card or a malformed number. */
export function foreignPermanentIdBirthDate(input: string): string | null {
  const value = normaliseDocumentNumber(input)
  if (!/^9\d{16}[\dX]$/.test(value))
    return null
  const y = Number(value.slice(6, 10))
  const m = Number(value.slice(10, 12))
  const d = Number(value.slice(12, 14))
  return isRealDate(y, m, d) ? formatDate(y, m, d) : null
}

/**
 * Passports of any country: ICAO 9303 allows up to 9 characters in the machine-readable
 * zone, but some national numbers are longer; 5–17 letters and digits covers them.
 */
export function checkPassport(input: string): CheckResult {
  const value = normaliseDocumentNumber(input)
  return /^[A-Z0-9]{5,17}$/.test(value) ? pass(value) : fail('id.passport_format')
}
