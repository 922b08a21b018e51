import { checkRegionCode } from '#shared/contact/region-code'
import { describe, expect, it } from 'vitest'

describe('checkRegionCode', () => {
  it.each([
    ['county', '110105', '110105'],
    ['prefecture-level', '110100', '110100'],
    ['province-level', '440000', '440000'],
    ['Hong Kong', '810000', '810000'],
    ['trimmed', ' 440305 ', '440305'],
    ['a city with no county in the list', '441900', '441900'],
    ['a county-level city under the province', '429004', '429004'],
    ['Chongqing county', '500229', '500229'],
  ])('accepts %s: %j', (_label, input, expected) => {
    expect(checkRegionCode(input)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['5 digits', '11010', 'region_code.format'],
    ['7 digits', '1101055', 'region_code.format'],
    ['letters', 'abcdef', 'region_code.format'],
    ['space inside', '110 105', 'region_code.format'],
    ['empty', '', 'region_code.format'],
    ['unknown province 99', '990000', 'region_code.unknown'],
    ['unknown province 00', '000000', 'region_code.unknown'],
    ['unknown province 10', '100101', 'region_code.unknown'],
    // A known province's prefix, but no place of the list: only a hand-made request sends it.
    ['no such county', '119999', 'region_code.unknown'],
    ['no such prefecture', '114400', 'region_code.unknown'],
  ])('refuses %s: %j → %s', (_label, input, code) => {
    expect(checkRegionCode(input)).toEqual({ ok: false, code })
  })
})
