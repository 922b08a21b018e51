import { z } from 'zod'

/**
 * A whole number as a query string or a path carries it (`page`, `pageSize`, `limit`,
 * `cursor`, a version): plain decimal digits, nothing else. `Number()` — what `z.coerce`
 * does — reads far more than that: `0x10` as 16, `1e3` as 1000, ` 5 ` as 5, `0b11` as 3, so
 * a mistyped or forged link would be answered as if it asked for another page. Anything but
 * digits is refused with `field.digits`; bounds are checked on the number.
 */

const DIGITS = /^\d+$/

export function isDecimalDigits(value: string): boolean {
  return DIGITS.test(value)
}

function rangeText({ min, max }: { min?: number, max?: number }): string {
  if (min !== undefined && max !== undefined)
    return `, ${min} to ${max}`
  if (min !== undefined)
    return `, at least ${min}`
  return max !== undefined ? `, at most ${max}` : ''
}

export function queryInteger(bounds: { min?: number, max?: number } = {}) {
  let number = z.number().int()
  if (bounds.min !== undefined)
    number = number.min(bounds.min)
  if (bounds.max !== undefined)
    number = number.max(bounds.max)
  return z.string()
    .refine(isDecimalDigits, { params: { code: 'field.digits' } })
    .meta({ pattern: '^[0-9]+$', description: `A whole number in decimal digits${rangeText(bounds)}` })
    .transform(Number)
    .pipe(number)
}
