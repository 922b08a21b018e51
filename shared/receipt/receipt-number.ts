import type { CheckResult } from '../errors/issue'
import { mod37_36CheckChar } from '../checksums/iso7064'
import { fail, pass } from '../errors/issue'
import { toHalfWidth } from '../text/normalise'

/**
 * Receipt numbers (回执编号), issued by a device with no network:
 *
 *     BJ01-7K2M-000123-Q
 *     site  device  sequence  check
 *
 * - site: the site's code (2–6 of 0–9A–Z), from reference data;
 * - device: a 4-character code the server assigns to the device at its first (online)
 *   sign-in, unique across devices — so no two devices can ever issue the same number;
 * - sequence: the device's own counter, at least 6 digits, never reused (the device
 *   stores it in the same transaction as the draft that takes it);
 * - check: ISO 7064 MOD 37,36 over site + device + sequence, which catches every single
 *   mistyped character and every swap of two neighbours when the number is read out
 *   over the phone.
 */

export interface ReceiptParts {
  siteCode: string
  deviceCode: string
  sequence: number
}

const SITE = /^[0-9A-Z]{2,6}$/
const DEVICE = /^[0-9A-Z]{4}$/
const RECEIPT = /^([0-9A-Z]{2,6})-([0-9A-Z]{4})-(\d{6,12})-([0-9A-Z])$/

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
  return `${siteCode}-${deviceCode}-${seq}-${mod37_36CheckChar(siteCode + deviceCode + seq)}`
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
  if (mod37_36CheckChar(siteCode + deviceCode + seq) !== check)
    return fail('receipt.checksum')
  return pass({ receiptNo, siteCode, deviceCode, sequence: Number(seq) })
}

export function checkReceiptNumber(input: string): CheckResult {
  const parsed = parseReceiptNumber(input)
  return parsed.ok ? pass(parsed.value.receiptNo) : parsed
}
