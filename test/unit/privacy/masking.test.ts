import { isMobileWithCallingCode, maskAddressDetail, maskBirthDate, maskDisplayName, maskEmail, maskIdNumber, maskMobile, maskName } from '#shared/privacy/masking'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const codePoints = (value: string) => [...value]

/** A visible character (no white space): ASCII, a BMP Han character, or a Han character outside the BMP. */
const visibleChar = fc.oneof(
  fc.integer({ min: 0x21, max: 0x7E }),
  fc.integer({ min: 0x4E00, max: 0x9FFF }),
  fc.integer({ min: 0x20000, max: 0x2A6DF }),
).map(cp => String.fromCodePoint(cp))
const visibleText = (minLength = 0, maxLength = 30) => fc.array(visibleChar, { minLength, maxLength }).map(chars => chars.join(''))
const hanChar = fc.oneof(fc.integer({ min: 0x4E00, max: 0x9FFF }), fc.integer({ min: 0x20000, max: 0x2A6DF })).map(cp => String.fromCodePoint(cp))
const latinWord = fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéÁñ\'-'), { minLength: 1, maxLength: 12 }).map(chars => chars.join(''))

/**
 * Checks a masked value against the design: the same number of code points as the input,
 * the kept positions equal to the input and every other position masked.
 */
function expectMasked(input: string, masked: string, kept: (index: number, length: number) => boolean): void {
  const inChars = codePoints(input)
  const outChars = codePoints(masked)
  expect(outChars).toHaveLength(inChars.length)
  outChars.forEach((ch, i) => expect(ch).toBe(kept(i, inChars.length) ? inChars[i] : '*'))
}

describe('maskIdNumber', () => {
  it.each([
    ['11010519491231002X', '110105********002X'],
    ['110105198803150371', '110105********0371'],
    [' 11010519491231002X ', '110105********002X'],
    ['E12345678', 'E1*****78'],
    ['H12345678', 'H1*****78'],
    ['USA123456789012', 'US***********12'],
    ['110105491231002', '11***********02'],
    ['E1234', 'E1*34'],
    ['ABCD', '****'],
    ['A1', '**'],
    ['', ''],
  ])('%j → %j', (input, masked) => {
    expect(maskIdNumber(input)).toBe(masked)
  })

  it('keeps region and last 4 of 18 characters, first and last 2 otherwise, nothing of 4 or fewer (property)', () => {
    fc.assert(fc.property(visibleText(0, 30), (input) => {
      expectMasked(input, maskIdNumber(input), (i, n) => {
        if (n <= 4)
          return false
        const [head, tail] = n === 18 ? [6, 4] : [2, 2]
        return i < head || i >= n - tail
      })
    }))
  })
})

describe('maskBirthDate', () => {
  it.each([
    ['1949-12-31', '1949-**-**'],
    [' 1988-03-15 ', '1988-**-**'],
    ['1988-**-**', '1988-**-**'],
    ['19880315', '1988-**-**'],
    ['3/15/88', '*******'],
    ['', ''],
  ])('%j → %j', (input, masked) => {
    expect(maskBirthDate(input)).toBe(masked)
  })

  it('shows the year and never the month or day, so a masked resident ID keeps its birth digits hidden (property)', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1890-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
      const iso = date.toISOString().slice(0, 10)
      const masked = maskBirthDate(iso)
      expect(masked).toBe(`${iso.slice(0, 4)}-**-**`)
      expect(maskBirthDate(masked)).toBe(masked)
    }))
  })

  it('shows no more than four characters of anything, and those only as a year (property)', () => {
    fc.assert(fc.property(visibleText(0, 20), (input) => {
      const masked = maskBirthDate(input)
      const shown = masked.replace(/[*-]/g, '')
      expect(shown.length).toBeLessThanOrEqual(4)
      expect(shown === '' || /^\d{4}$/.test(shown)).toBe(true)
    }))
  })
})

describe('maskMobile', () => {
  it.each([
    ['13800138000', '138****8000'],
    [' 13912345678 ', '139****5678'],
    ['010-12345678', '********5678'],
    ['+8613800138000', '**********8000'],
    ['+85291234567', '+852****4567'],
    ['+85366123456', '+853****3456'],
    ['+886912345678', '+886*****5678'],
    ['+852123', '***2123'],
    ['5678', '****'],
    ['', ''],
  ])('%j → %j', (input, masked) => {
    expect(maskMobile(input)).toBe(masked)
  })

  it('keeps 3 + 4 of a mobile, the last 4 of other numbers, nothing of 4 or fewer (property)', () => {
    fc.assert(fc.property(visibleText(0, 20), (input) => {
      fc.pre(!/^\+(?:852|853|886)/.test(input))
      expectMasked(input, maskMobile(input), (i, n) => {
        if (n <= 4)
          return false
        return n === 11 ? i < 3 || i >= 7 : i >= n - 4
      })
    }))
  })

  it('keeps the calling code and last 4 of a Hong Kong, Macau or Taiwan number, and no other digit (property)', () => {
    const national = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 5, maxLength: 12 })
    fc.assert(fc.property(fc.constantFrom('+852', '+853', '+886'), national, (code, digits) => {
      const input = code + digits
      fc.pre(input.length !== 11)
      expectMasked(input, maskMobile(input), (i, n) => i < code.length || i >= n - 4)
    }))
  })
})

describe('isMobileWithCallingCode', () => {
  it.each([
    ['+85291234567', true],
    ['+852****4567', true],
    ['+85366123456', true],
    ['+853****3456', true],
    ['+886912345678', true],
    ['+886*****5678', true],
    ['13812345678', false],
    ['138****5678', false],
    ['+85221234567', false],
    ['+852****456', false],
    ['+852****4567+1', false],
    ['+852*4567*1', false],
    ['+852=1+1', false],
    ['+1****4567', false],
    ['', false],
  ])('%j → %j', (value, expected) => {
    expect(isMobileWithCallingCode(value)).toBe(expected)
  })

  it('holds every Hong Kong, Macau and Taiwan mobile and its mask, and nothing but +, digits and * (property)', () => {
    const mobiles = fc.oneof(
      fc.tuple(fc.constant('+852'), fc.constantFrom(...'456789'), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 7, maxLength: 7 })),
      fc.tuple(fc.constant('+853'), fc.constant('6'), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 7, maxLength: 7 })),
      fc.tuple(fc.constant('+886'), fc.constant('9'), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 8, maxLength: 8 })),
    ).map(parts => parts.join(''))
    fc.assert(fc.property(mobiles, (mobile) => {
      expect(isMobileWithCallingCode(mobile)).toBe(true)
      expect(isMobileWithCallingCode(maskMobile(mobile))).toBe(true)
    }))
    fc.assert(fc.property(visibleText(0, 20), (value) => {
      if (isMobileWithCallingCode(value))
        expect(value).toMatch(/^\+[\d*]+$/)
    }))
  })
})

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧**娜'],
    ['欧阳峰', '欧*峰'],
    ['张', '*'],
    ['𠮷', '*'],
    ['𠮷野', '𠮷*'],
    ['𠮷野家', '𠮷*家'],
    ['买买提·艾力', '买****力'],
    ['  张三 ', '张*'],
    ['John Smith', 'J*** S****'],
    ['José Álvarez', 'J*** Á******'],
    ['Mary-Jane O\'Neil', 'M******** O*****'],
    ['', ''],
  ])('%j → %j', (input, masked) => {
    expect(maskName(input)).toBe(masked)
  })

  it('a Chinese name keeps its first character and, from three on, its last (property)', () => {
    fc.assert(fc.property(fc.array(hanChar, { minLength: 1, maxLength: 20 }).map(c => c.join('')), (name) => {
      expectMasked(name, maskName(name), (i, n) => n >= 2 && (i === 0 || (n >= 3 && i === n - 1)))
    }))
  })

  it('a Latin name keeps the first letter of each word (property)', () => {
    fc.assert(fc.property(fc.array(latinWord, { minLength: 1, maxLength: 4 }), (words) => {
      const name = words.join(' ')
      const starts = new Set(words.map((_, w) => codePoints(words.slice(0, w).join(' ')).length + (w > 0 ? 1 : 0)))
      expectMasked(name, maskName(name), (i, n) => i < n && (starts.has(i) || codePoints(name)[i] === ' '))
    }))
  })
})

describe('maskDisplayName', () => {
  it('masks a person\'s name, whether an individual or a family\'s main applicant', () => {
    expect(maskDisplayName('individual', '张三丰')).toBe('张*丰')
    expect(maskDisplayName('family', '马思诺')).toBe('马*诺')
  })

  it('shows an organisation\'s registered name as it is: it is not personal information', () => {
    expect(maskDisplayName('organisation', '北京朝阳科技有限公司')).toBe('北京朝阳科技有限公司')
  })
})

describe('maskEmail', () => {
  it.each([
    ['zhang.wei@example.com', 'z***@example.com'],
    ['a@example.cn', 'a***@example.cn'],
    ['first"@"odd@example.com', 'f***@example.com'],
    ['𠮷野@example.com', '𠮷***@example.com'],
    ['not-an-email', '************'],
    ['@example.com', '************'],
    ['', ''],
  ])('%j → %j', (input, masked) => {
    expect(maskEmail(input)).toBe(masked)
  })

  it('never shows more of the local part than its first character (property)', () => {
    fc.assert(fc.property(visibleText(1, 20).filter(s => !s.includes('@')), visibleText(1, 20).filter(s => !s.includes('@')), (local, domain) => {
      const masked = maskEmail(`${local}@${domain}`)
      expect(masked).toBe(`${codePoints(local)[0]}***@${domain}`)
    }))
  })
})

describe('maskAddressDetail', () => {
  it.each([
    ['朝阳区建国路88号SOHO现代城A座1201室', '朝阳区建国路****'],
    ['海淀区中关村大街27号', '海淀区中关村****'],
    ['  徐汇区漕溪北路398号 ', '徐汇区漕溪北****'],
    // A short address never shows its number: at least four characters are hidden.
    ['建国路8号', '建****'],
    ['中关村大街1', '中关****'],
    ['8号楼', '****'],
    ['𠮷𠮷𠮷𠮷𠮷𠮷𠮷', '𠮷𠮷𠮷****'],
    ['𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷', '𠮷𠮷𠮷𠮷𠮷𠮷****'],
    ['', ''],
  ])('%j → %j', (input, masked) => {
    expect(maskAddressDetail(input)).toBe(masked)
  })

  it('shows at most the first 6 characters, hides at least 4, and hides how long the rest is (property)', () => {
    fc.assert(fc.property(visibleText(1, 60), (detail) => {
      const chars = codePoints(detail.trim())
      const shown = Math.max(0, Math.min(6, chars.length - 4))
      expect(maskAddressDetail(detail)).toBe(chars.length ? `${chars.slice(0, shown).join('')}****` : '')
    }))
  })

  it('masks a masked address to itself (property)', () => {
    fc.assert(fc.property(visibleText(0, 60), (detail) => {
      const masked = maskAddressDetail(detail)
      expect(maskAddressDetail(masked)).toBe(masked)
    }))
  })
})
