import { checkIdNumber, ID_TYPES } from '#shared/identity/id-document'
import { describe, expect, it } from 'vitest'

const ctx = { today: '2026-11-23' }

describe('checkIdNumber', () => {
  it('knows the five document types of the application schema', () => {
    expect(ID_TYPES).toEqual(['resident_id', 'passport', 'hk_mo_permit', 'tw_permit', 'foreign_permanent_id'])
  })

  it.each([
    ['resident_id', '11010519491231002x', '11010519491231002X'],
    ['resident_id', '１１０１０５-１９４９１２３１-００２Ｘ', '11010519491231002X'],
    ['passport', 'e 1234 5678', 'E12345678'],
    ['hk_mo_permit', 'h12345678', 'H12345678'],
    ['tw_permit', '1234 5678', '12345678'],
    ['foreign_permanent_id', '91184019850615002x', '91184019850615002X'],
    ['foreign_permanent_id', 'usa123456789012', 'USA123456789012'],
  ] as const)('%s: %s → %s', (idType, input, expected) => {
    expect(checkIdNumber(idType, input, ctx)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['resident_id', '110105194912310021', { ok: false, code: 'id.checksum' }],
    ['resident_id', '110105202611240010', { ok: false, code: 'id.birth_date_future' }],
    ['resident_id', '110105491231002', { ok: false, code: 'id.legacy_15_digit', params: { upgraded: '11010519491231002X' } }],
    ['passport', 'E123', { ok: false, code: 'id.passport_format' }],
    ['hk_mo_permit', 'C12345678', { ok: false, code: 'id.hk_mo_permit_format' }],
    ['tw_permit', '1234567', { ok: false, code: 'id.tw_permit_format' }],
    ['foreign_permanent_id', '911840198506150012', { ok: false, code: 'id.foreign_permanent_checksum' }],
    // A valid resident ID is not a foreign permanent ID, nor the other way round.
    ['foreign_permanent_id', '11010519491231002X', { ok: false, code: 'id.foreign_permanent_format' }],
    ['resident_id', '911840198506150011', { ok: false, code: 'id.region_invalid' }],
  ] as const)('%s: %s → refused', (idType, input, expected) => {
    expect(checkIdNumber(idType, input, ctx)).toEqual(expected)
  })
})
