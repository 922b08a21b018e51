import { fenFromYuanDecimal, formatAmount, formatPrice, MAX_AMOUNT_FEN, yuanDecimal } from '#shared/application/payment-amount'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

describe('yuanDecimal: 元 with two decimals, as inputs and CSV cells take them', () => {
  it.each([[2500, '25.00'], [1, '0.01'], [2505, '25.05'], [0, '0.00'], [1005, '10.05'], [123456789, '1234567.89'], [-150, '-1.50']] as const)('%i 分 → %s', (fen, text) => {
    expect(yuanDecimal(fen)).toBe(text)
  })

  it('reads back as the same number of fen for every amount a record may hold', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_FEN }), (fen) => {
      const text = yuanDecimal(fen)
      expect(text).toMatch(/^\d+\.\d{2}$/)
      expect(Math.round(Number(text) * 100)).toBe(fen)
    }))
  })
})

describe('fenFromYuanDecimal: 元 as yuanDecimal writes them, back in fen', () => {
  it('is yuanDecimal\'s inverse for every amount a record may hold, and for a negative one', () => {
    fc.assert(fc.property(fc.integer({ min: -MAX_AMOUNT_FEN, max: MAX_AMOUNT_FEN }), (fen) => {
      expect(fenFromYuanDecimal(yuanDecimal(fen))).toBe(fen === 0 ? 0 : fen)
    }))
  })

  it.each(['200', '200.0', '200.000', '¥200.00', '1,000.00', ' 200.00', '2e2.00', '', '.50', '99999999999999999.00'])('reads %j as no amount', (text) => {
    expect(fenFromYuanDecimal(text)).toBeNull()
  })
})

describe('formatPrice: an amount on a receipt, a summary or a record', () => {
  it.each([[10000, '¥100.00'], [1, '¥0.01'], [0, '¥0.00'], [123456789, '¥1,234,567.89'], [MAX_AMOUNT_FEN, '¥1,000,000.00'], [-2550, '-¥25.50']] as const)('%i 分 → %s', (fen, text) => {
    expect(formatPrice(fen)).toBe(text)
  })
})

describe('formatAmount: an amount as messages say it', () => {
  it.each([[MAX_AMOUNT_FEN, '1,000,000元', '¥1,000,000'], [1, '0.01元', '¥0.01'], [123456789, '1,234,567.89元', '¥1,234,567.89'], [10000, '100元', '¥100']] as const)('%i 分', (fen, zh, en) => {
    expect(formatAmount(fen, 'zh-CN')).toBe(zh)
    expect(formatAmount(fen, 'en')).toBe(en)
  })
})
