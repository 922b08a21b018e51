import { toValidationIssues } from '#shared/errors/zod-issues'
import { isDecimalDigits, queryInteger } from '#shared/schemas/query-integer'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

describe('queryInteger', () => {
  const page = queryInteger({ min: 1, max: 100 }).default(1)

  it.each([['1', 1], ['42', 42], ['007', 7], ['100', 100]])('reads %j as %i', (text, value) => {
    expect(page.parse(text)).toBe(value)
  })

  it('takes the default when the parameter is absent', () => {
    expect(page.parse(undefined)).toBe(1)
  })

  it.each(['0x10', '0X10', '1e2', '1E2', '+5', '-5', '5.0', '.5', ' 5', '5 ', '0b11', '0o7', 'Infinity', 'NaN', '５', '1_000', ''])('refuses %j as field.digits', (text) => {
    const result = page.safeParse(text)
    expect(result.success).toBe(false)
    expect(toValidationIssues(result.error!, text)[0]!.code).toBe(text === '' ? 'field.required' : 'field.digits')
  })

  it.each([['0', 'field.too_small'], ['101', 'field.too_large'], ['9'.repeat(30), 'field.too_large']])('checks the bounds of %j on the number (%s)', (text, code) => {
    const result = page.safeParse(text)
    expect(result.success).toBe(false)
    expect(toValidationIssues(result.error!, text)[0]!.code).toBe(code)
  })

  it('reads every natural number written in digits as itself', () => {
    fc.assert(fc.property(fc.nat(), n => queryInteger({ min: 0 }).parse(String(n)) === n))
  })

  it('accepts a string only when it is ASCII decimal digits alone', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii' }), text => isDecimalDigits(text) === /^\d+$/.test(text)))
  })
})
