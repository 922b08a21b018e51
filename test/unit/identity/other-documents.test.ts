import { mod11_2CheckChar } from '#shared/checksums/iso7064'
import { checkForeignPermanentId, checkHkMoPermit, checkPassport, checkTwPermit, foreignPermanentIdBirthDate } from '#shared/identity/other-documents'
import { describe, expect, it } from 'vitest'

describe('checkHkMoPermit (港澳居民来往内地通行证)', () => {
  it.each([
    ['Hong Kong', 'H12345678', 'H12345678'],
    ['Macau', 'M87654321', 'M87654321'],
    ['lower-case letter', 'h12345678', 'H12345678'],
    ['pre-2013 card with 2-digit renewal count', 'H1234567801', 'H1234567801'],
    ['spaces', 'H 1234 5678', 'H12345678'],
    ['full-width', 'Ｈ１２３４５６７８', 'H12345678'],
  ])('accepts %s: %s', (_label, input, expected) => {
    expect(checkHkMoPermit(input)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['7 digits', 'H1234567'],
    ['9 digits', 'H123456789'],
    ['11 digits', 'H12345678901'],
    ['mainland exit permit letter C', 'C12345678'],
    ['no letter', '12345678'],
    ['two letters', 'HM1234567'],
    ['empty', ''],
  ])('refuses %s: %s', (_label, input) => {
    expect(checkHkMoPermit(input)).toEqual({ ok: false, code: 'id.hk_mo_permit_format' })
  })
})

describe('checkTwPermit (台湾居民来往大陆通行证)', () => {
  it.each([
    ['2015 card, 8 digits', '12345678', '12345678'],
    ['old booklet, 10 digits', '1234567890', '1234567890'],
    ['spaces and dashes', '1234-5678', '12345678'],
    ['full-width', '１２３４５６７８', '12345678'],
  ])('accepts %s: %s', (_label, input, expected) => {
    expect(checkTwPermit(input)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['7 digits', '1234567'],
    ['9 digits', '123456789'],
    ['11 digits', '12345678901'],
    ['letter', 'T1234567'],
    ['empty', ''],
  ])('refuses %s: %s', (_label, input) => {
    expect(checkTwPermit(input)).toEqual({ ok: false, code: 'id.tw_permit_format' })
  })
})

describe('checkForeignPermanentId (外国人永久居留身份证)', () => {
  // 2023 card: 9, province 11, nationality 840, birth date 1985-06-15, sequence, MOD 11-2.
  const NEW_CARD = '911840198506150011'
  const NEW_CARD_X = '91184019850615002X'

  it('uses generated numbers whose check characters hold', () => {
    expect(mod11_2CheckChar(NEW_CARD.slice(0, 17))).toBe(NEW_CARD[17])
    expect(mod11_2CheckChar(NEW_CARD_X.slice(0, 17))).toBe('X')
  })

  it.each([
    ['2023 card', NEW_CARD, NEW_CARD],
    ['2023 card with check character X', NEW_CARD_X, NEW_CARD_X],
    ['2023 card with lower-case x', '91184019850615002x', NEW_CARD_X],
    ['2023 card with spaces', '9 11 840 19850615 001 1', NEW_CARD],
    ['2023 card in full-width digits', '９１１８４０１９８５０６１５００１１', NEW_CARD],
    ['2004/2017 card: 3 letters and 12 digits', 'USA123456789012', 'USA123456789012'],
    ['old card in lower case', 'can850615001011', 'CAN850615001011'],
  ])('accepts %s: %s', (_label, input, expected) => {
    expect(checkForeignPermanentId(input)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['wrong check character', '911840198506150012', 'id.foreign_permanent_checksum'],
    ['X where a digit is due', '91184019850615001X', 'id.foreign_permanent_checksum'],
    ['two digits swapped', '911480198506150011', 'id.foreign_permanent_checksum'],
    // Month 13: refused as a format error even though its check character (X) is right.
    ['birth month 13', '91184019851315001X', 'id.foreign_permanent_format'],
    ['29 Feb in a common year', '911840202302290011', 'id.foreign_permanent_format'],
    ['18 digits not starting with 9', '110105194912310021', 'id.foreign_permanent_format'],
    ['17 digits', '91184019850615001', 'id.foreign_permanent_format'],
    ['old card with 11 digits', 'USA12345678901', 'id.foreign_permanent_format'],
    ['old card with 2 letters', 'US1234567890123', 'id.foreign_permanent_format'],
    ['empty', '', 'id.foreign_permanent_format'],
  ])('refuses %s: %s → %s', (_label, input, code) => {
    expect(checkForeignPermanentId(input)).toEqual({ ok: false, code })
  })

  function card(birth: string): string {
    const body = `911840${birth}001`
    return body + mod11_2CheckChar(body)
  }

  it.each([
    ['born after today in China', card('20261124'), 'id.birth_date_future'],
    ['born before 1890', card('18891231'), 'id.birth_date_invalid'],
  ])('refuses a 2023 card %s: %s → %s', (_label, input, code) => {
    expect(checkForeignPermanentId(input, { today: '2026-11-23' })).toEqual({ ok: false, code })
  })

  it('accepts a 2023 card of someone born today in China', () => {
    expect(checkForeignPermanentId(card('20261123'), { today: '2026-11-23' })).toEqual({ ok: true, value: card('20261123') })
  })

  it('reads the birth date of a 2023 card, and none from the old card', () => {
    expect(foreignPermanentIdBirthDate(NEW_CARD)).toBe('1985-06-15')
    expect(foreignPermanentIdBirthDate('91184019850615002x')).toBe('1985-06-15')
    expect(foreignPermanentIdBirthDate('USA123456789012')).toBeNull()
    expect(foreignPermanentIdBirthDate('911840198513150011')).toBeNull()
  })
})

describe('checkPassport', () => {
  it.each([
    ['Chinese e-passport', 'E12345678', 'E12345678'],
    ['lower case', 'e12345678', 'E12345678'],
    ['older Chinese passport', 'G1234567', 'G1234567'],
    ['digits only', '123456789', '123456789'],
    ['shortest (5)', 'AB123', 'AB123'],
    ['longest (17)', 'A1234567890123456', 'A1234567890123456'],
    ['spaces inside', 'E 1234 5678', 'E12345678'],
    ['full-width', 'Ｅ１２３４５６７８', 'E12345678'],
  ])('accepts %s: %s', (_label, input, expected) => {
    expect(checkPassport(input)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['4 characters', 'E123'],
    ['18 characters', 'A12345678901234567'],
    ['punctuation', 'E1234567!'],
    ['Han character', '护照12345'],
    ['empty', ''],
  ])('refuses %s: %s', (_label, input) => {
    expect(checkPassport(input)).toEqual({ ok: false, code: 'id.passport_format' })
  })
})
