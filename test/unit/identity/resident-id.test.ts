import { mod11_2CheckChar } from '#shared/checksums/iso7064'
import { parseResidentId, upgradeLegacyResidentId } from '#shared/identity/resident-id'
import { describe, expect, it } from 'vitest'

// Every check character below was computed with mod11_2CheckChar, which
// test/unit/checksums/iso7064.test.ts checks against GB 11643's own weighted-sum table.
const ctx = { today: '2026-11-23' }

describe('parseResidentId: accepted numbers', () => {
  it.each([
    ['GB 11643 sample', '11010519491231002X', '11010519491231002X', '110105', '1949-12-31', 'female'],
    ['lower-case x', '11010519491231002x', '11010519491231002X', '110105', '1949-12-31', 'female'],
    ['full-width digits and Ｘ', '１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X', '110105', '1949-12-31', 'female'],
    ['full-width lower-case ｘ', '１１０１０５１９４９１２３１００２ｘ', '11010519491231002X', '110105', '1949-12-31', 'female'],
    ['spaces inside', '110105 1949 1231 002X', '11010519491231002X', '110105', '1949-12-31', 'female'],
    ['dashes inside', '110105-19491231-002X', '11010519491231002X', '110105', '1949-12-31', 'female'],
    ['surrounding spaces', '  11010519491231002X  ', '11010519491231002X', '110105', '1949-12-31', 'female'],
    ['odd 17th digit is male', '440305198506151233', '440305198506151233', '440305', '1985-06-15', 'male'],
    ['even 17th digit is female', '440305198506151241', '440305198506151241', '440305', '1985-06-15', 'female'],
    ['29 Feb 2000 (divisible by 400)', '110105200002290013', '110105200002290013', '110105', '2000-02-29', 'male'],
    ['29 Feb 2024', '11010520240229002X', '11010520240229002X', '110105', '2024-02-29', 'female'],
    ['born today', '110105202611230015', '110105202611230015', '110105', '2026-11-23', 'male'],
    ['earliest accepted year 1890', '110105189001010011', '110105189001010011', '110105', '1890-01-01', 'male'],
    ['Hong Kong residence permit (810000)', '810000199001010019', '810000199001010019', '810000', '1990-01-01', 'male'],
    ['Taiwan residence permit (710000)', '710000199001010023', '710000199001010023', '710000', '1990-01-01', 'female'],
  ])('%s: %s', (_label, input, idNumber, regionCode, birthDate, gender) => {
    expect(parseResidentId(input, ctx)).toEqual({ ok: true, value: { idNumber, regionCode, birthDate, gender } })
  })
})

describe('parseResidentId: refused numbers', () => {
  it.each([
    // Check character
    ['wrong check character', '110105194912310021', 'id.checksum'],
    ['X where a digit is due', '44030519850615123X', 'id.checksum'],
    ['two digits swapped', '11010591491231002X', 'id.checksum'],
    // Birth date inside the number (check characters correct)
    ['29 Feb 1900 (common year)', '110105190002290017', 'id.birth_date_invalid'],
    ['29 Feb 2026 (common year)', '110105202602290016', 'id.birth_date_invalid'],
    ['month 13', '110105199013010018', 'id.birth_date_invalid'],
    ['day 00', '110105199001000015', 'id.birth_date_invalid'],
    ['31 April', '110105199004310019', 'id.birth_date_invalid'],
    ['born before 1890', '110105188912310010', 'id.birth_date_invalid'],
    ['born tomorrow', '110105202611240010', 'id.birth_date_future'],
    // Region prefix (check character and date correct)
    ['unknown province 99', '990101199001010019', 'id.region_invalid'],
    ['unknown province 10', '100101199001010013', 'id.region_invalid'],
    ['prefecture part 00 (110001)', '11000119900101001X', 'id.region_invalid'],
    // Shape
    ['17 digits', '11010519491231002', 'id.format'],
    ['19 characters', '11010519491231002X1', 'id.format'],
    ['16 digits', '1101051949123100', 'id.format'],
    ['X inside the number', '1101051949123X0021', 'id.format'],
    ['letter O for zero', '11O10519491231002X', 'id.format'],
    ['other letter as check character', '11010519491231002Y', 'id.format'],
    ['empty', '', 'id.format'],
    ['only separators', ' - ', 'id.format'],
  ])('%s: %s → %s', (_label, input, code) => {
    expect(parseResidentId(input, ctx)).toEqual({ ok: false, code })
  })

  it('uses the given today, not the clock: a birth date after today is refused', () => {
    expect(parseResidentId('110105202611230015', { today: '2026-11-22' })).toEqual({ ok: false, code: 'id.birth_date_future' })
    expect(parseResidentId('110105202611230015', { today: '2026-11-23' }).ok).toBe(true)
  })

  it('checks the check character before the date and the region', () => {
    // 1900-02-29 and region 99 would be refused too, but the check character is looked at first.
    expect(parseResidentId('990101190002290010', ctx)).toEqual({ ok: false, code: 'id.checksum' })
    expect(mod11_2CheckChar('99010119000229001')).not.toBe('0')
  })
})

describe('parseResidentId: legacy 15-digit numbers', () => {
  it.each([
    ['GB 11643 sample, first generation', '110105491231002', '11010519491231002X'],
    ['Shenzhen 1980, odd sequence', '440301800101123', '44030119800101123X'],
    ['Shenzhen 1980, even sequence', '440301800101124', '440301198001011248'],
    ['with spaces', '110105 491231 002', '11010519491231002X'],
    ['full-width digits', '１１０１０５４９１２３１００２', '11010519491231002X'],
  ])('%s: %s is refused with the upgraded number %s', (_label, input, upgraded) => {
    expect(parseResidentId(input, ctx)).toEqual({ ok: false, code: 'id.legacy_15_digit', params: { upgraded } })
  })
})

describe('upgradeLegacyResidentId', () => {
  it.each([
    ['110105491231002', '11010519491231002X'],
    ['440301800101123', '44030119800101123X'],
    ['440301800101124', '440301198001011248'],
  ])('%s → %s', (fifteen, eighteen) => {
    expect(upgradeLegacyResidentId(fifteen)).toBe(eighteen)
  })

  it('gives a number that parses, with 19 inserted before the two-digit year', () => {
    const upgraded = upgradeLegacyResidentId('440301800101123')
    expect(upgraded.slice(6, 10)).toBe('1980')
    expect(parseResidentId(upgraded, ctx)).toEqual({
      ok: true,
      value: { idNumber: '44030119800101123X', regionCode: '440301', birthDate: '1980-01-01', gender: 'male' },
    })
  })
})
