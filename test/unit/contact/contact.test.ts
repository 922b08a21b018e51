import { checkEmail, checkMobile, checkPostalCode } from '#shared/contact/contact'
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
    ['Hong Kong mobile', '+852 9123 4567'],
    ['US number', '+1 415 555 0100'],
    ['letter', '1381234567a'],
    ['letter O for zero', '138O2345678'],
    ['empty', ''],
  ])('refuses %s: %j with mobile.format', (_label, input) => {
    expect(checkMobile(input)).toEqual({ ok: false, code: 'mobile.format' })
  })
})

describe('checkEmail', () => {
  it.each([
    ['plain', 'zhang.san@example.com', 'zhang.san@example.com'],
    ['domain lower-cased, local part kept', 'Zhang.San@Example.COM', 'Zhang.San@example.com'],
    ['trimmed', '  li@example.cn  ', 'li@example.cn'],
    ['plus tag and sub-domains', 'user+tag@mail.example.com.cn', 'user+tag@mail.example.com.cn'],
    ['full-width (IME)', 'ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'zhang@example.com'],
    ['ideographic full stop in the domain (Chinese IME)', 'zhang@qq。com', 'zhang@qq.com'],
    ['half-width ideographic full stop in the domain', 'li@mail｡example｡cn', 'li@mail.example.cn'],
    ['digits-only local part (QQ mail)', '12345678@qq.com', '12345678@qq.com'],
    ['internationalised domain', '张三@例子.中国', '张三@例子.中国'],
    ['254 characters exactly', `${'a'.repeat(242)}@example.com`, `${'a'.repeat(242)}@example.com`],
  ])('accepts %s', (_label, input, expected) => {
    expect(checkEmail(input)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['no @', 'zhangsan.example.com'],
    ['nothing before @', '@example.com'],
    ['nothing after @', 'zhang@'],
    ['no dot in domain', 'zhang@localhost'],
    ['two @', 'zhang@@example.com'],
    ['@ in local part', 'a@b@example.com'],
    ['space inside', 'zhang san@example.com'],
    ['ideographic space inside', 'zhang\u3000san@example.com'],
    ['empty domain label', 'zhang@example..com'],
    ['domain starts with a dot', 'zhang@.example.com'],
    ['domain ends with a dot', 'zhang@example.com.'],
    ['255 characters', `${'a'.repeat(243)}@example.com`],
    ['empty', ''],
  ])('refuses %s with email.format', (_label, input) => {
    expect(checkEmail(input)).toEqual({ ok: false, code: 'email.format' })
  })

  it.each([
    ['a NUL', 'zhang\u0000@example.com'],
    ['a control character in the domain', 'zhang@exam\u0007ple.com'],
    ['a zero-width space', 'zhang\u200B@example.com'],
    ['a right-to-left override', '\u202Ezhang@example.com'],
  ])('refuses %s with text.hidden_characters', (_label, input) => {
    expect(checkEmail(input)).toEqual({ ok: false, code: 'text.hidden_characters' })
  })
})

describe('checkPostalCode', () => {
  it.each([
    ['Beijing', '100080', '100080'],
    ['Hohhot (leading 0)', '010010', '010010'],
    ['Shenzhen', '518000', '518000'],
    ['Urumqi (8)', '830000', '830000'],
    ['full-width', '１０００８０', '100080'],
    ['space inside', '100 080', '100080'],
    ['surrounding spaces', ' 518000 ', '518000'],
  ])('accepts %s: %j', (_label, input, expected) => {
    expect(checkPostalCode(input)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['starts with 9', '900000'],
    ['5 digits', '10008'],
    ['7 digits', '1000800'],
    ['letter', '10008A'],
    ['Hong Kong has none', 'HK'],
    ['empty', ''],
  ])('refuses %s: %j with postal_code.format', (_label, input) => {
    expect(checkPostalCode(input)).toEqual({ ok: false, code: 'postal_code.format' })
  })
})
