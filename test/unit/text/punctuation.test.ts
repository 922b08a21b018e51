import { labelled, listed, withAside } from '#shared/i18n/punctuation'
import { describe, expect, it } from 'vitest'

describe('punctuation between composed words', () => {
  it('is full-width in Chinese and ASCII with a space in English', () => {
    expect(labelled('缴费', '现金 ¥100.00', 'zh-CN')).toBe('缴费：现金 ¥100.00')
    expect(labelled('Fee', 'Cash ¥100.00', 'en')).toBe('Fee: Cash ¥100.00')
    expect(withAside('申请材料', '个人', 'zh-CN')).toBe('申请材料（个人）')
    expect(withAside('Materials', 'Individual', 'en')).toBe('Materials (Individual)')
    expect(listed(['银卡', '金卡'], 'zh-CN')).toBe('银卡、金卡')
    expect(listed(['Silver', 'Gold'], 'en')).toBe('Silver, Gold')
  })
})
