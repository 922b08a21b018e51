import { hasControlCharacters, hasHiddenCharacters, removeInvisibleCharacters, visibleText } from '#shared/text/hidden-characters'
import { describe, expect, it } from 'vitest'

describe('hidden characters', () => {
  it('finds controls and invisible format characters', () => {
    for (const hidden of ['\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u200B', '\u200E', '\u202E', '\u2066', '\uFEFF'])
      expect(hasHiddenCharacters(`张${hidden}伟`), JSON.stringify(hidden)).toBe(true)
  })

  it('lets white space, line breaks and emoji sequences through', () => {
    for (const text of ['张 伟', '第一行\n第二行\r\n\t缩进', '👨\u200D👩\u200D👧', '𠮷野家', 'Zoë O\'Brien-Smith', ''])
      expect(hasHiddenCharacters(text), JSON.stringify(text)).toBe(false)
  })

  it('tells controls, which are refused, from invisible characters, which are removed', () => {
    expect(hasControlCharacters('a\u0000b')).toBe(true)
    expect(hasControlCharacters('a\u200Bb\n')).toBe(false)
    expect(removeInvisibleCharacters('\uFEFF张\u200B伟\u202E')).toBe('张伟')
    expect(removeInvisibleCharacters('👨\u200D👩')).toBe('👨\u200D👩')
  })

  it('refuses a note with a control character, removes invisible ones, keeps the lines as typed', () => {
    expect(visibleText(20).safeParse('请补拍\n身份证背面').data).toBe('请补拍\n身份证背面')
    expect(visibleText(20).safeParse('请补拍\u200B身份证').data).toBe('请补拍身份证')
    expect(visibleText(20).safeParse('请补拍\u0000').error?.issues[0]).toMatchObject({ code: 'custom', params: { code: 'text.hidden_characters' } })
    expect(visibleText(3).safeParse('四个字符').success).toBe(false)
  })
})
