import { checkMobile, hongKongMacauMobilesWithoutCode, isMobile, mobileCallingCode, mobileSearchParts, normaliseMobile, searchedMobile, taiwanMobileWrittenAtHome } from '#shared/contact/mobile'
import { describe, expect, it } from 'vitest'

describe('checkMobile', () => {
  it.each([
    ['plain', '13812345678'],
    ['+86', '+8613812345678'],
    ['+86 and spaces', '+86 138 1234 5678'],
    ['+86 and dashes', '+86-138-1234-5678'],
    ['0086', '008613812345678'],
    ['0086 and spaces', '0086 138 1234 5678'],
    ['86 without plus', '8613812345678'],
    ['86 and a space', '86 13812345678'],
    ['bracketed country code', '(+86)13812345678'],
    ['spaces 3-4-4', '138 1234 5678'],
    ['dashes 3-4-4', '138-1234-5678'],
    ['full-width digits', '１３８１２３４５６７８'],
    ['full-width plus, digits, hyphens and ideographic space', '＋８６\u3000１３８－１２３４－５６７８'],
    ['surrounding spaces', '  13812345678 '],
  ])('accepts %s: %j as 13812345678', (_label, input) => {
    expect(checkMobile(input)).toEqual({ ok: true, value: '13812345678' })
  })

  it.each([
    ['199 (China Telecom)', '19912345678'],
    ['166 (China Unicom)', '16612345678'],
    ['170 (virtual operator)', '17012345678'],
    ['147 (data card)', '14712345678'],
  ])('accepts prefix %s', (_label, input) => {
    expect(checkMobile(input)).toEqual({ ok: true, value: input })
  })

  it.each([
    ['12 digits', '138123456789'],
    ['10 digits', '1381234567'],
    ['starts with 2', '23812345678'],
    ['starts with 0 (landline with area code)', '010-6512-3456'],
    ['second digit 2', '12812345678'],
    ['second digit 0', '10012345678'],
    ['+86 then 12 digits', '+86 138 1234 56789'],
    ['+86 then a number starting with 2', '+86 238 1234 5678'],
    ['Hong Kong landline', '+852 2123 4567'],
    ['Hong Kong mobile without its code', '9123 4567'],
    ['Hong Kong mobile, 9 digits', '+852 9123 45678'],
    ['Macau number not beginning with 6', '+853 2812 3456'],
    ['Taiwan mobile without its code', '0912 345 678'],
    ['Taiwan landline', '+886 2 2345 6789'],
    ['US number', '+1 415 555 0100'],
    ['letter', '1381234567a'],
    ['letter O for zero', '138O2345678'],
    ['empty', ''],
  ])('refuses %s: %j with mobile.format', (_label, input) => {
    expect(checkMobile(input)).toEqual({ ok: false, code: 'mobile.format' })
  })
})

describe('checkMobile: Hong Kong, Macau and Taiwan', () => {
  it.each([
    ['Hong Kong 9…', '+852 9123 4567', '+85291234567'],
    ['Hong Kong 5…', '+852-5123-4567', '+85251234567'],
    ['Hong Kong 6…, 00852', '00852 6123 4567', '+85261234567'],
    ['Hong Kong 4… (opened to mobiles)', '+852 4612 3456', '+85246123456'],
    ['Macau', '+853 6612 3456', '+85366123456'],
    ['Taiwan', '+886 912 345 678', '+886912345678'],
    ['Taiwan written with its trunk 0', '+886 0912 345 678', '+886912345678'],
    ['full-width, as an IME types it', '＋８５２\u3000９１２３\u3000４５６７', '+85291234567'],
  ])('accepts %s: %j as %j', (_label, input, canonical) => {
    expect(checkMobile(input)).toEqual({ ok: true, value: canonical })
  })

  it('keeps a mainland number in its 11-digit form (every stored number already is)', () => {
    expect(checkMobile('+86 138 1234 5678')).toEqual({ ok: true, value: '13812345678' })
  })

  it('reads what it writes: a canonical number normalises to itself', () => {
    for (const value of ['13812345678', '+85291234567', '+85366123456', '+886912345678']) {
      expect(normaliseMobile(value)).toBe(value)
      expect(isMobile(value)).toBe(true)
    }
  })
})

describe('isMobile', () => {
  it.each(['', '12812345678', '+8613812345678', '+852', '+85221234567', '+85391234567', '+8869123456789', '+8860912345678', '85291234567'])('is false for %j (not canonical or not a mobile)', (value) => {
    expect(isMobile(value)).toBe(false)
  })
})

describe('mobileCallingCode', () => {
  it.each([
    ['+85291234567', '+852'],
    ['+85366123456', '+853'],
    ['+886912345678', '+886'],
    ['13812345678', null],
    ['+14155550100', null],
  ])('%j → %j', (value, code) => {
    expect(mobileCallingCode(value)).toBe(code)
  })
})

describe('normaliseMobile', () => {
  it.each([
    ['plain', '13812345678', '13812345678'],
    ['+86', '+8613812345678', '13812345678'],
    ['+86 with spaces', '+86 138 1234 5678', '13812345678'],
    ['0086 with dashes', '0086-138-1234-5678', '13812345678'],
    ['86 without plus', '8613812345678', '13812345678'],
    ['bracketed country code', '(+86) 138 1234 5678', '13812345678'],
    ['full-width plus, digits and ideographic space', '＋８６\u3000１３８１２３４５６７８', '13812345678'],
    // Not a mainland mobile after a prefix: returned stripped, for the validator to refuse.
    ['12 digits kept as typed (stripped)', '138 1234 56789', '138123456789'],
    ['+86 before a number not starting with 1', '+86 238 1234 5678', '+8623812345678'],
    ['Hong Kong, +852', '+852 9123 4567', '+85291234567'],
    ['Hong Kong, 00852', '00852-9123-4567', '+85291234567'],
    ['Hong Kong, 852 without plus', '852 9123 4567', '+85291234567'],
    ['Macau, full-width', '＋８５３ ６６１２ ３４５６', '+85366123456'],
    ['Taiwan, trunk 0 dropped', '+886 0912-345-678', '+886912345678'],
    ['Taiwan, bracketed code', '(+886) 912 345 678', '+886912345678'],
    // Part of a number, as a search types it: the calling code is read, the rest kept.
    ['calling code and a part', '+852 91', '+85291'],
    ['another country kept as typed', '+1 415 555 0100', '+14155550100'],
    ['landline', '010-6512-3456', '01065123456'],
  ])('%s', (_label, input, expected) => {
    expect(normaliseMobile(input)).toBe(expected)
  })
})

describe('mobileSearchParts', () => {
  it.each([
    ['a part of a mainland number', '138 1234', ['1381234']],
    ['+86 dropped, as a mainland number is stored', '+86 138', ['138', '+86138']],
    ['a calling code read, the digits kept as typed', '00852 9123', ['+8529123', '008529123']],
    ['a whole Hong Kong number', '852 9123 4567', ['+85291234567', '85291234567']],
    ['Taiwan as written at home: the trunk 0 read as +886', '0912-345', ['0912345', '+886912345']],
    ['a Taiwan number after its code', '+886 0912', ['+886912', '+8860912']],
    ['a 0 that is no trunk', '0138', ['0138']],
    ['nothing', ' ', []],
  ])('%s', (_label, query, parts) => {
    expect(mobileSearchParts(query)).toEqual(parts)
  })
})

describe('taiwanMobileWrittenAtHome', () => {
  it.each([
    ['0912 345 678', '+886912345678'],
    ['0912-345-678', '+886912345678'],
    ['０９１２３４５６７８', '+886912345678'],
    ['+886 0912 345 678', null],
    ['912 345 678', null],
    ['0912 345 67', null],
    ['0812 345 678', null],
    ['13812345678', null],
    ['', null],
  ])('%j → %j', (input, expected) => {
    expect(taiwanMobileWrittenAtHome(input)).toBe(expected)
  })
})

describe('searchedMobile', () => {
  it.each([
    ['+86 139 0000 0001', { mobiles: ['13900000001'], only: true }],
    ['00852 9123-4567', { mobiles: ['+85291234567'], only: true }],
    ['0912 345 678', { mobiles: ['+886912345678'], only: false }],
    ['9123 4567', { mobiles: ['+85291234567'], only: false }],
    ['６６１２-３４５６', { mobiles: ['+85266123456', '+85366123456'], only: false }],
    ['2812 3456', null],
    ['3123 4567', null],
    ['912 3456', null],
    ['FE00000001', null],
  ])('%j → %j', (text, expected) => {
    expect(searchedMobile(text)).toEqual(expected)
  })
})

describe('hongKongMacauMobilesWithoutCode', () => {
  it.each([
    ['9123 4567', ['+85291234567']],
    ['5123-4567', ['+85251234567']],
    ['6612 3456', ['+85266123456', '+85366123456']],
    ['2812 3456', []],
    ['13812345678', []],
    ['+852 9123 4567', []],
    ['9123 456', []],
  ])('%j → %j', (text, expected) => {
    expect(hongKongMacauMobilesWithoutCode(text)).toEqual(expected)
  })
})
