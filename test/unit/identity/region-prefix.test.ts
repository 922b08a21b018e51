import { isPlausibleRegionPrefix, PROVINCE_CODES } from '#shared/identity/region-prefix'
import { describe, expect, it } from 'vitest'

describe('pROVINCE_CODES', () => {
  it('holds the 31 mainland provinces, Taiwan and the three residence-permit prefixes', () => {
    expect(PROVINCE_CODES.size).toBe(35)
    for (const code of ['11', '31', '44', '50', '54', '65', '71', '81', '82', '83']) expect(PROVINCE_CODES.has(code)).toBe(true)
    for (const code of ['00', '10', '16', '20', '24', '30', '39', '47', '55', '60', '66', '72', '80', '84', '91', '99']) expect(PROVINCE_CODES.has(code)).toBe(false)
  })
})

describe('isPlausibleRegionPrefix', () => {
  it.each([
    ['Beijing Chaoyang', '110105'],
    ['Shenzhen Futian', '440304'],
    ['Urumqi Tianshan', '650102'],
    ['prefecture-level code (county part 00)', '110100'],
    ['county since merged away (any county part)', '440399'],
    ['Hong Kong residence permit', '810000'],
    ['Macau residence permit', '820000'],
    ['Taiwan residence permit', '830000'],
    ['Taiwan', '710000'],
  ])('accepts %s: %s', (_label, code) => {
    expect(isPlausibleRegionPrefix(code)).toBe(true)
  })

  it.each(Array.from(PROVINCE_CODES, code => [code]))('accepts a county in province %s', (province) => {
    expect(isPlausibleRegionPrefix(`${province}0101`)).toBe(true)
  })

  it.each([
    ['unknown province 99', '990101'],
    ['unknown province 10', '100101'],
    ['unknown province 00', '000000'],
    ['prefecture part 00 (110001)', '110001'],
    ['province-level code 110000', '110000'],
    ['province-level code 440000', '440000'],
    ['5 digits', '11010'],
    ['7 digits', '1101051'],
    ['letter', '11010A'],
    ['empty', ''],
  ])('refuses %s: %s', (_label, code) => {
    expect(isPlausibleRegionPrefix(code)).toBe(false)
  })
})
