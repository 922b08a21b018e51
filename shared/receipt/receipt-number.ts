import type { CheckResult } from '../errors/issue'
import { mod31CheckChar } from '../checksums/mod31'
import { fail, pass } from '../errors/issue'
import { toHalfWidth } from '../text/normalise'

/**
 * Receipt numbers (回执编号), issued by a device with no network:
 *
 *     BJ01-7K2M-000123-Q
 *     site  device  sequence  check
 *
 * - site: the site's code, from reference data;
 * - device: a 4-character code the server assigns to the device at its first (online)
 *   sign-in, unique across devices — so no two devices can ever issue the same number;
 *   site and device codes use the 31 characters of GB 32100 (no I, O, Z, S, V, which are
 *   misread as 1, 0, 2, 5, U);
 * - sequence: the device's own counter, at least 6 digits, never reused (the device
 *   stores it in the same transaction as the draft that takes it);
 * - check: a weighted MOD 31 character over site + device + sequence (checksums/mod31.ts),
 *   which catches every single mistyped character and every swap of two neighbours when
 *   the number is read out over the phone.
 */

export interface ReceiptParts {
  siteCode: string
  deviceCode: string
  sequence: number
}

const CODE_CHAR = '[0-9A-HJ-NP-RTUW-Y]'
const SITE = new RegExp(`^${CODE_CHAR}{2,6}$`)
const DEVICE = new RegExp(`^${CODE_CHAR}{4}$`)
// The sequence as formatReceiptNumber writes it: 6 digits zero-padded (never 000000), or
// 7–12 digits without a leading zero, so that every sequence has exactly one receipt number.
const RECEIPT = new RegExp(`^(${CODE_CHAR}{2,6})-(${CODE_CHAR}{4})-((?!000000)\\d{6}|[1-9]\\d{6,11})-(${CODE_CHAR})$`)

export function isSiteCode(code: string): boolean {
  return SITE.test(code)
}

export function isDeviceCode(code: string): boolean {
  return DEVICE.test(code)
}

export function formatReceiptNumber({ siteCode, deviceCode, sequence }: ReceiptParts): string {
  if (!SITE.test(siteCode))
    throw new RangeError(`Invalid site code "${siteCode}"`)
  if (!DEVICE.test(deviceCode))
    throw new RangeError(`Invalid device code "${deviceCode}"`)
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > 999_999_999_999)
    throw new RangeError(`Invalid receipt sequence ${sequence}`)
  const seq = String(sequence).padStart(6, '0')
  return `${siteCode}-${deviceCode}-${seq}-${mod31CheckChar(siteCode + deviceCode + seq)}`
}

/** Canonical form of a typed receipt number: half-width, upper case, ASCII dashes, no spaces. */
export function normaliseReceiptNumber(input: string): string {
  return toHalfWidth(input).replace(/\s/gu, '').replace(/[‐‑–—−]/gu, '-').toUpperCase()
}

/** Parses a receipt number as typed (spaces, lower case, full-width allowed) and verifies its check character. */
export function parseReceiptNumber(input: string): CheckResult<ReceiptParts & { receiptNo: string }> {
  const receiptNo = normaliseReceiptNumber(input)
  const match = RECEIPT.exec(receiptNo)
  if (!match)
    return fail('receipt.format')
  const [, siteCode, deviceCode, seq, check] = match as unknown as [string, string, string, string, string]
  if (mod31CheckChar(siteCode + deviceCode + seq) !== check)
    return fail('receipt.checksum')
  return pass({ receiptNo, siteCode, deviceCode, sequence: Number(seq) })
}

export function checkReceiptNumber(input: string): CheckResult {
  const parsed = parseReceiptNumber(input)
  return parsed.ok ? pass(parsed.value.receiptNo) : parsed
}
