import { checkEmail, checkPostalCode } from '#shared/contact/contact'
import { describe, expect, it } from 'vitest'

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
