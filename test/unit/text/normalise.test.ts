import {
  charLength,
  collapseSpaces,
  normaliseDocumentNumber,
  normaliseText,
  stripSeparators,
  toHalfWidth,
} from '#shared/text/normalise'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

describe('toHalfWidth', () => {
  it.each([
    ['full-width digits', '１３８００１３８０００', '13800138000'],
    ['full-width capital X', 'Ｘ', 'X'],
    ['full-width lower-case x', 'ｘ', 'x'],
    ['first of the block (U+FF01 ！)', '！', '!'],
    ['last of the block (U+FF5E ～)', '～', '~'],
    ['full-width at sign and full stop', 'ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'zhang@example.com'],
    ['full-width plus and hyphen', '＋８６－１３８', '+86-138'],
    ['ideographic space', '张\u3000三', '张 三'],
    ['Han characters untouched', '张三', '张三'],
    ['astral Han character untouched', '𠮷野家', '𠮷野家'],
    ['half-width katakana middle dot (U+FF65, outside the block) untouched', '\uFF65', '\uFF65'],
    ['ASCII untouched', 'Mary-Jane O\'Neil 123', 'Mary-Jane O\'Neil 123'],
    ['empty', '', ''],
  ])('%s', (_label, input, expected) => {
    expect(toHalfWidth(input)).toBe(expected)
  })
})

describe('collapseSpaces', () => {
  it.each([
    ['leading, trailing and doubled spaces', '  张  三  ', '张 三'],
    ['tabs and line breaks', 'John\t\r\nSmith', 'John Smith'],
    ['no-break space', 'John\u00A0Smith', 'John Smith'],
    ['ideographic spaces', '张\u3000\u3000三', '张 三'],
    ['only white space', ' \u3000\t ', ''],
    ['nothing to do', 'a b', 'a b'],
  ])('%s', (_label, input, expected) => {
    expect(collapseSpaces(input)).toBe(expected)
  })
})

describe('normaliseText', () => {
  it.each([
    ['decomposed accents are composed (NFC)', 'Jose\u0301 A\u0301lvarez', 'José Álvarez'],
    ['full-width letters and ideographic space', 'ＡＢＣ\u3000ｄｅｆ', 'ABC def'],
    ['trims and collapses', '  北京市   朝阳区  ', '北京市 朝阳区'],
    // The full-width E becomes ASCII E, which must then compose with the accent.
    ['full-width letter followed by a combining accent', 'Ｊｏｓｅ\u0301', 'José'],
    ['empty', '', ''],
  ])('%s', (_label, input, expected) => {
    expect(normaliseText(input)).toBe(expected)
  })

  const textLike = fc.string({
    unit: fc.oneof(
      fc.constantFrom('Ｅ', 'ｅ', 'e', 'A', '\u0301', '\u0308', ' ', '\u3000', '\u00A0', '\t', '\u2000', '张', '𠮷', '．', '·'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 20,
  })

  it('is idempotent and yields NFC without edge spaces or runs of white space', () => {
    fc.assert(fc.property(textLike, (input) => {
      const once = normaliseText(input)
      expect(normaliseText(once)).toBe(once)
      expect(once.normalize('NFC')).toBe(once)
      expect(once).toBe(once.trim())
      expect(once).not.toMatch(/\s\s/u)
      expect(once).not.toMatch(/[\uFF01-\uFF5E\u3000]/u)
    }), { numRuns: 500 })
  })
})

describe('stripSeparators', () => {
  it.each([
    ['spaces', '110105 1949 1231 002X', '11010519491231002X'],
    ['hyphen, en dash, em dash', '138-1234–5678—9', '138123456789'],
    ['underscore and full stop', '138_1234.5678', '13812345678'],
    ['ASCII and full-width brackets', '(010)（6512）3456', '01065123456'],
    ['tabs and line breaks', '138\t1234\n5678', '13812345678'],
    ['letters and plus kept', '+86 E1234', '+86E1234'],
  ])('%s', (_label, input, expected) => {
    expect(stripSeparators(input)).toBe(expected)
  })
})

describe('normaliseDocumentNumber', () => {
  it.each([
    ['lower-case x becomes X', '11010519491231002x', '11010519491231002X'],
    ['full-width digits, full-width x, ideographic space and full-width hyphen', '１１０１０５\u3000１９４９－１２３１－００２ｘ', '11010519491231002X'],
    ['spaces and dashes inside', '110105-19491231-002X', '11010519491231002X'],
    ['passport letters upper-cased', 'e 1234 5678', 'E12345678'],
    ['USCC lower case', '91350100m000100y43', '91350100M000100Y43'],
  ])('%s', (_label, input, expected) => {
    expect(normaliseDocumentNumber(input)).toBe(expected)
  })
})

describe('charLength', () => {
  it.each([
    ['empty', '', 0],
    ['BMP Han', '张三', 2],
    ['astral Han counts once', '𠮷野家', 3],
    ['twenty astral characters', '𠮷'.repeat(20), 20],
    ['combining mark is its own code point', 'e\u0301', 2],
    ['ASCII', 'Mary', 4],
  ])('%s', (_label, input, expected) => {
    expect(charLength(input)).toBe(expected)
  })

  it('differs from the UTF-16 length for astral characters', () => {
    const name = '𠮷'.repeat(20)
    expect(name.length).toBe(40)
    expect(charLength(name)).toBe(20)
  })

  it('equals the number of code points for any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      expect(charLength(s)).toBe(Array.from(s).length)
    }), { numRuns: 200 })
  })
})
