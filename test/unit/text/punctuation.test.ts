import { clauses, labelled, listed, withAside } from '#shared/i18n/punctuation'
import { describe, expect, it } from 'vitest'

describe('punctuation between composed words', () => {
  it('is full-width in Chinese and ASCII with a space in English', () => {
    expect(labelled('缴费', '现金 ¥100.00', 'zh-CN')).toBe('缴费：现金 ¥100.00')
    expect(labelled('Fee', 'Cash ¥100.00', 'en')).toBe('Fee: Cash ¥100.00')
    expect(withAside('申请材料', '个人', 'zh-CN')).toBe('申请材料（个人）')
    expect(withAside('Materials', 'Individual', 'en')).toBe('Materials (Individual)')
    expect(listed(['银卡', '金卡'], 'zh-CN')).toBe('银卡、金卡')
    expect(listed(['Silver', 'Gold'], 'en')).toBe('Silver, Gold')
    expect(clauses(['缺少证件正面照片', '缺少证件背面照片'], 'zh-CN')).toBe('缺少证件正面照片；缺少证件背面照片')
    // Not the full-width ；, which the English wizard once showed between its messages.
    expect(clauses(['Missing ID document, front', 'Missing ID document, back'], 'en')).toBe('Missing ID document, front; Missing ID document, back')
    expect(clauses(['Required'], 'en')).toBe('Required')
  })
})
