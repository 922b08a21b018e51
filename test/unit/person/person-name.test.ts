import { checkPersonName, NAME_INPUT_MAX, NAME_LIMITS, normalisePersonName } from '#shared/person/person-name'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const ASTRAL_HAN = '𠮷' // U+20BB7, CJK Extension B: two UTF-16 units, one character

describe('normalisePersonName', () => {
  it.each([
    ['ASCII full stop in a Chinese name', '买买提.艾力', '买买提·艾力'],
    ['bullet U+2022', '买买提•艾力', '买买提·艾力'],
    ['katakana middle dot U+30FB', '买买提・艾力', '买买提·艾力'],
    ['full-width full stop U+FF0E', '买买提．艾力', '买买提·艾力'],
    ['hyphenation point U+2027', '买买提‧艾力', '买买提·艾力'],
    ['bullet operator U+2219', '买买提∙艾力', '买买提·艾力'],
    ['dot operator U+22C5', '买买提⋅艾力', '买买提·艾力'],
    ['half-width katakana middle dot U+FF65', '阿卜杜拉･买买提', '阿卜杜拉·买买提'],
    ['small full stop U+FE52', '阿卜杜拉﹒买买提', '阿卜杜拉·买买提'],
    ['word separator middle dot U+2E31', '阿卜杜拉⸱买买提', '阿卜杜拉·买买提'],
    ['Latin letter sinological dot U+A78F', '阿卜杜拉ꞏ买买提', '阿卜杜拉·买买提'],
    ['Greek ano teleia U+0387 (NFC)', '阿卜杜拉\u0387买买提', '阿卜杜拉·买买提'],
    ['spaces around the dot', '买买提 · 艾力', '买买提·艾力'],
    ['spaces inside a Chinese name', '张 三', '张三'],
    ['ideographic space inside a Chinese name', '欧阳\u3000娜娜', '欧阳娜娜'],
    ['Latin name: spaces collapsed, dots kept', '  John   F.  Kennedy ', 'John F. Kennedy'],
    ['curly apostrophe', 'Mary-Jane O’Neil', 'Mary-Jane O\'Neil'],
    ['acute accent as apostrophe', 'O´Neil', 'O\'Neil'],
    ['modifier letter apostrophe U+02BC', 'Maʼruf Tursun', 'Ma\'ruf Tursun'],
    ['prime as apostrophe', 'D′Angelo', 'D\'Angelo'],
    ['Unicode hyphen U+2010', 'Jean‐Pierre', 'Jean-Pierre'],
    ['non-breaking hyphen U+2011 (word processors)', 'Jean‑Pierre', 'Jean-Pierre'],
    ['en dash as hyphen', 'Jean–Pierre', 'Jean-Pierre'],
    ['decomposed accents composed', 'Jose\u0301 A\u0301lvarez', 'José Álvarez'],
    ['full-width Latin letters', 'Ｍａｒｙ', 'Mary'],
  ])('%s: %j → %j', (_label, input, expected) => {
    expect(normalisePersonName(input)).toBe(expected)
  })
})

describe('checkPersonName: accepted', () => {
  it.each([
    ['two Han characters', '张三', '张三'],
    ['compound surname', '欧阳娜娜', '欧阳娜娜'],
    ['transliterated name with middle dot', '买买提·艾力', '买买提·艾力'],
    ['several middle dots', '阿卜杜拉·买买提·艾力', '阿卜杜拉·买买提·艾力'],
    ['look-alike ASCII dot', '买买提.艾力', '买买提·艾力'],
    ['look-alike bullet', '买买提•艾力', '买买提·艾力'],
    ['look-alike katakana dot', '买买提・艾力', '买买提·艾力'],
    ['look-alike half-width katakana dot', '阿卜杜拉･买买提', '阿卜杜拉·买买提'],
    ['look-alike word separator dot', '阿卜杜拉⸱买买提', '阿卜杜拉·买买提'],
    ['look-alike sinological dot (a Latin letter)', '阿卜杜拉ꞏ买买提', '阿卜杜拉·买买提'],
    ['astral character', `${ASTRAL_HAN}野家`, `${ASTRAL_HAN}野家`],
    ['rare character 〇 (Han script)', '李〇', '李〇'],
    ['Han numerals are not digits', '张三一', '张三一'],
    ['tab from a paste is only white space', '张\t三', '张三'],
    ['line break from a paste is only white space', '张三\n', '张三'],
    ['hyphen and apostrophe', 'Mary-Jane O\'Neil', 'Mary-Jane O\'Neil'],
    ['curly apostrophe', 'Mary-Jane O’Neil', 'Mary-Jane O\'Neil'],
    ['acute accent typed as apostrophe', 'O´Neil', 'O\'Neil'],
    ['non-breaking hyphen pasted from a document', 'Jean‑Pierre Dupont', 'Jean-Pierre Dupont'],
    ['accents', 'José Álvarez', 'José Álvarez'],
    ['decomposed accents', 'Jose\u0301 A\u0301lvarez', 'José Álvarez'],
    ['more diacritics', 'Zoë Saldaña', 'Zoë Saldaña'],
    ['Vietnamese', 'Nguyễn Thị Minh Khai', 'Nguyễn Thị Minh Khai'],
    ['trailing abbreviation', 'Martin Luther King Jr.', 'Martin Luther King Jr.'],
    ['middle initial with a full stop', 'John F. Kennedy', 'John F. Kennedy'],
    ['initials', 'J.R.R. Tolkien', 'J.R.R. Tolkien'],
    ['two Latin letters', 'Li', 'Li'],
    ['upper-case passport spelling', 'ZHANG SAN', 'ZHANG SAN'],
  ])('%s: %j', (_label, input, expected) => {
    expect(checkPersonName(input)).toEqual({ ok: true, value: expected })
  })

  it('counts characters outside the BMP once: 30 astral Han characters are within the limit', () => {
    const name = ASTRAL_HAN.repeat(NAME_LIMITS.maxChinese)
    expect(name.length).toBe(60) // UTF-16 units
    expect(checkPersonName(name)).toEqual({ ok: true, value: name })
  })

  it('accepts 30 BMP Han characters and 60 Latin characters', () => {
    expect(checkPersonName('张'.repeat(30))).toEqual({ ok: true, value: '张'.repeat(30) })
    const latin = `${'A'.repeat(29)} ${'B'.repeat(30)}`
    expect(latin).toHaveLength(60)
    expect(checkPersonName(latin)).toEqual({ ok: true, value: latin })
  })

  it('counts the middle dot towards the 30 characters', () => {
    const thirty = `${'买'.repeat(15)}·${'艾'.repeat(14)}`
    expect(checkPersonName(thirty).ok).toBe(true)
    expect(checkPersonName(`${'买'.repeat(15)}·${'艾'.repeat(15)}`)).toEqual({ ok: false, code: 'name.too_long', params: { max: 30 } })
    // A foreign name transliterated part by part: longer than any Han-registered name.
    expect(checkPersonName('克里斯蒂亚诺·罗纳尔多·多斯·桑托斯·阿韦罗')).toEqual({ ok: true, value: '克里斯蒂亚诺·罗纳尔多·多斯·桑托斯·阿韦罗' })
  })
})

describe('checkPersonName: refused', () => {
  it.each([
    // Digits (any script's decimal digits, full-width included)
    ['ASCII digit', '张三1', 'name.digits', undefined],
    ['full-width digit', '张三１', 'name.digits', undefined],
    ['digit in a Latin name', 'John2 Smith', 'name.digits', undefined],
    ['Arabic-Indic digit', 'Ali ٣', 'name.digits', undefined],
    // Control and format characters
    ['NUL', '张\u0000三', 'name.invalid_characters', undefined],
    ['bell', '张三\u0007', 'name.invalid_characters', undefined],
    ['zero-width space', '张\u200B三', 'name.invalid_characters', undefined],
    ['byte order mark', '\uFEFF张三', 'name.invalid_characters', undefined],
    ['right-to-left override', 'John\u202ESmith', 'name.invalid_characters', undefined],
    ['vertical tab', '张\u000B三', 'name.invalid_characters', undefined],
    // Other characters not allowed
    ['exclamation mark', '张三!', 'name.invalid_characters', undefined],
    ['at sign', '张@三', 'name.invalid_characters', undefined],
    ['underscore', 'John_Smith', 'name.invalid_characters', undefined],
    ['doubled hyphen', 'Mary--Jane', 'name.invalid_characters', undefined],
    ['leading hyphen', '-Mary', 'name.invalid_characters', undefined],
    ['comma', 'Smith, John', 'name.invalid_characters', undefined],
    // U+FF65 was here once; it is what a Japanese or Android keyboard types for `·`, now a look-alike.
    ['degree sign U+00B0 (not a dot look-alike)', '买买提°艾力', 'name.invalid_characters', undefined],
    ['ring operator U+2218 (not a dot look-alike)', '买买提∘艾力', 'name.invalid_characters', undefined],
    // Mixed scripts
    ['Han then Latin', '张John', 'name.mixed_scripts', undefined],
    ['Latin then Han', 'John 张', 'name.mixed_scripts', undefined],
    ['Han with a full-width Latin letter', '张Ｊ', 'name.mixed_scripts', undefined],
    // Middle dot in the wrong place
    ['leading dot', '·买买提艾力', 'name.misplaced_dot', undefined],
    ['trailing dot', '买买提艾力·', 'name.misplaced_dot', undefined],
    ['doubled dot', '买买提··艾力', 'name.misplaced_dot', undefined],
    ['doubled look-alike dots', '买买提..艾力', 'name.misplaced_dot', undefined],
    ['leading look-alike dot', '.买买提', 'name.misplaced_dot', undefined],
    // Length
    ['one Han character', '张', 'name.too_short', { min: 2 }],
    ['one astral character (2 UTF-16 units)', ASTRAL_HAN, 'name.too_short', { min: 2 }],
    ['one Latin letter', 'J', 'name.too_short', { min: 2 }],
    ['one Han character with spaces', ' 张 ', 'name.too_short', { min: 2 }],
    ['empty', '', 'name.too_short', { min: 2 }],
    ['only spaces', '   ', 'name.too_short', { min: 2 }],
    ['31 Han characters', '张'.repeat(31), 'name.too_long', { max: 30 }],
    ['31 astral Han characters', ASTRAL_HAN.repeat(31), 'name.too_long', { max: 30 }],
    ['61 Latin characters', `${'A'.repeat(30)} ${'B'.repeat(30)}`, 'name.too_long', { max: 60 }],
  ])('%s → %s', (_label, input, code, params) => {
    expect(checkPersonName(input)).toEqual(params ? { ok: false, code, params } : { ok: false, code })
  })

  it('reports control characters before anything else', () => {
    expect(checkPersonName('张\u0000John1')).toEqual({ ok: false, code: 'name.invalid_characters' })
  })

  it('reports digits before mixed scripts and length', () => {
    expect(checkPersonName('张John1')).toEqual({ ok: false, code: 'name.digits' })
    expect(checkPersonName('1')).toEqual({ ok: false, code: 'name.digits' })
  })
})

describe('checkPersonName: properties', () => {
  const han = fc.constantFrom('张', '三', '欧', '阳', '娜', '买', '提', '艾', '力', ASTRAL_HAN, '〇')
  const hanPart = fc.string({ unit: han, minLength: 1, maxLength: 6 })

  it('accepts any 2–20 character Han name with dots between parts, and returns it unchanged', () => {
    const name = fc.array(hanPart, { minLength: 1, maxLength: 4 })
      .map(parts => parts.join('·'))
      .filter(n => Array.from(n).length >= 2 && Array.from(n).length <= 20)
    fc.assert(fc.property(name, (n) => {
      expect(checkPersonName(n)).toEqual({ ok: true, value: n })
    }), { numRuns: 300 })
  })

  it('gives the same answer for a name and for its normalised form', () => {
    const noisy = fc.string({ unit: fc.oneof(han, fc.constantFrom('·', '.', '•', ' ', '\u3000', 'a', 'É', '\'', '-', '1')), maxLength: 25 })
    fc.assert(fc.property(noisy, (n) => {
      const once = normalisePersonName(n)
      expect(normalisePersonName(once)).toBe(once)
      const result = checkPersonName(n)
      expect(checkPersonName(once)).toEqual(result)
      if (result.ok)
        expect(result.value).toBe(once)
    }), { numRuns: 300 })
  })

  it('a name field\'s input holds the longest name of any script the rule accepts, never less', () => {
    const latin = 'Maria Guadalupe Fernandez de la Cruz Rodriguez'.padEnd(NAME_LIMITS.maxLatin, 'a')
    expect(checkPersonName(latin).ok).toBe(true)
    expect(NAME_INPUT_MAX).toBeGreaterThanOrEqual(latin.length)
    expect(NAME_INPUT_MAX).toBeGreaterThanOrEqual(NAME_LIMITS.maxChinese)
    expect(checkPersonName(`${latin}a`)).toMatchObject({ ok: false, code: 'name.too_long' })
  })
})
