import type { ReceiptParts } from '#shared/receipt/receipt-number'
import { MOD31_ALPHABET, mod31CheckChar } from '#shared/checksums/mod31'
import {
  checkReceiptNumber,
  formatReceiptNumber,
  isDeviceCode,
  isSiteCode,
  normaliseReceiptNumber,
  parseReceiptNumber,
} from '#shared/receipt/receipt-number'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const siteCode = fc.stringMatching(/^[0-9A-HJ-NP-RTUW-Y]{2,6}$/)
const deviceCode = fc.stringMatching(/^[0-9A-HJ-NP-RTUW-Y]{4}$/)
/** Any character a person might type in a receipt number, including the ones the alphabet leaves out. */
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const sequence = fc.integer({ min: 1, max: 999_999_999_999 })
const parts = fc.record({ siteCode, deviceCode, sequence })

function toFullWidth(text: string): string {
  return [...text].map(ch => (ch >= '!' && ch <= '~' ? String.fromCodePoint(ch.codePointAt(0)! + 0xFEE0) : ch)).join('')
}

const EXAMPLE: ReceiptParts = { siteCode: 'BJ01', deviceCode: '7K2M', sequence: 123 }
const EXAMPLE_NO = formatReceiptNumber(EXAMPLE)

describe('formatReceiptNumber', () => {
  it('writes site-device-sequence-check, the sequence padded to 6 digits', () => {
    expect(EXAMPLE_NO).toMatch(/^BJ01-7K2M-000123-[0-9A-HJ-NP-RTUW-Y]$/)
    expect(EXAMPLE_NO.at(-1)).toBe(mod31CheckChar('BJ017K2M000123'))
  })

  it('grows the sequence beyond 999999 to 7 digits, and it still parses', () => {
    expect(formatReceiptNumber({ ...EXAMPLE, sequence: 999_999 })).toMatch(/^BJ01-7K2M-999999-.$/)
    const next = formatReceiptNumber({ ...EXAMPLE, sequence: 1_000_000 })
    expect(next).toMatch(/^BJ01-7K2M-1000000-.$/)
    expect(parseReceiptNumber(next)).toEqual({ ok: true, value: { receiptNo: next, ...EXAMPLE, sequence: 1_000_000 } })
    const largest = formatReceiptNumber({ ...EXAMPLE, sequence: 999_999_999_999 })
    expect(parseReceiptNumber(largest)).toMatchObject({ ok: true, value: { sequence: 999_999_999_999 } })
  })

  it.each<[string, Partial<ReceiptParts>]>([
    ['a one-character site', { siteCode: 'B' }],
    ['a seven-character site', { siteCode: 'BJCY001' }],
    ['a lower-case site', { siteCode: 'bj01' }],
    ['a site with a dash', { siteCode: 'BJ-1' }],
    ['an empty site', { siteCode: '' }],
    ['a three-character device', { deviceCode: '7K2' }],
    ['a five-character device', { deviceCode: '7K2M9' }],
    ['a lower-case device', { deviceCode: '7k2m' }],
    ['a full-width device', { deviceCode: '７Ｋ２Ｍ' }],
    ['sequence 0', { sequence: 0 }],
    ['a negative sequence', { sequence: -1 }],
    ['a fractional sequence', { sequence: 1.5 }],
    ['NaN', { sequence: Number.NaN }],
    ['Infinity', { sequence: Number.POSITIVE_INFINITY }],
    ['a 13-digit sequence', { sequence: 1_000_000_000_000 }],
    ['an unsafe integer', { sequence: Number.MAX_SAFE_INTEGER + 1 }],
  ])('throws RangeError for %s', (_label, bad) => {
    expect(() => formatReceiptNumber({ ...EXAMPLE, ...bad })).toThrow(RangeError)
  })

  it('site and device code predicates match what format accepts', () => {
    expect(isSiteCode('BJ01')).toBe(true)
    expect(isSiteCode('BJCY01')).toBe(true)
    expect(isSiteCode('B')).toBe(false)
    expect(isDeviceCode('7K2M')).toBe(true)
    expect(isDeviceCode('7K2')).toBe(false)
  })
})

describe('parseReceiptNumber', () => {
  it('round-trips every receipt number the formatter can produce', () => {
    fc.assert(fc.property(parts, (p) => {
      const receiptNo = formatReceiptNumber(p)
      expect(parseReceiptNumber(receiptNo)).toEqual({ ok: true, value: { receiptNo, ...p } })
      expect(checkReceiptNumber(receiptNo)).toEqual({ ok: true, value: receiptNo })
    }))
  })

  it.each([
    ['lower case', EXAMPLE_NO.toLowerCase()],
    ['spaces', EXAMPLE_NO.split('').join(' ')],
    ['spaces around the dashes', EXAMPLE_NO.replaceAll('-', ' - ')],
    ['leading and trailing space, tab and ideographic space', `\t ${EXAMPLE_NO}\u3000\n`],
    ['full-width characters', toFullWidth(EXAMPLE_NO)],
    ['full-width lower case', toFullWidth(EXAMPLE_NO.toLowerCase())],
    ['en dashes', EXAMPLE_NO.replaceAll('-', '–')],
    ['em dashes and minus signs', EXAMPLE_NO.replace('-', '—').replace('-', '−')],
  ])('accepts %s and normalises it', (_label, typed) => {
    expect(normaliseReceiptNumber(typed)).toBe(EXAMPLE_NO)
    expect(parseReceiptNumber(typed)).toEqual({ ok: true, value: { receiptNo: EXAMPLE_NO, ...EXAMPLE } })
    expect(checkReceiptNumber(typed)).toEqual({ ok: true, value: EXAMPLE_NO })
  })

  it.each([
    '',
    'BJ01',
    'BJ017K2M000123Q',
    'BJ01-7K2M-00123-Q',
    'B-7K2M-000123-Q',
    'BJCY001-7K2M-000123-Q',
    'BJ01-7K2-000123-Q',
    'BJ01-7K2M-000123-',
    'BJ01-7K2M-000123-QQ',
    'BJ01-7K2M-0001234567890-Q',
    'BJ01_7K2M_000123_Q',
    'BJ01-7K2M-00012A-Q',
    'BJ01-7K2M-000123-*',
    '京01-7K2M-000123-Q',
  ])('refuses %j with receipt.format', (typed) => {
    expect(parseReceiptNumber(typed)).toEqual({ ok: false, code: 'receipt.format' })
    expect(checkReceiptNumber(typed)).toEqual({ ok: false, code: 'receipt.format' })
  })

  it('refuses a wrong check character with receipt.checksum', () => {
    for (const ch of MOD31_ALPHABET.replace(EXAMPLE_NO.at(-1)!, '')) {
      const typed = EXAMPLE_NO.slice(0, -1) + ch
      expect(parseReceiptNumber(typed)).toEqual({ ok: false, code: 'receipt.checksum' })
    }
  })

  it('accepts only the canonical sequence: no extra leading zeros', () => {
    const body = 'BJ017K2M0000123'
    const padded = `BJ01-7K2M-0000123-${mod31CheckChar(body)}`
    expect(parseReceiptNumber(padded)).toEqual({ ok: false, code: 'receipt.format' })
  })

  it('catches every single mistyped character (property)', () => {
    fc.assert(fc.property(parts, fc.nat(), fc.constantFrom(...ALPHANUMERIC), (p, at, replacement) => {
      const receiptNo = formatReceiptNumber(p)
      const positions = [...receiptNo].flatMap((ch, i) => (ch === '-' ? [] : [i]))
      const i = positions[at % positions.length]!
      fc.pre(receiptNo[i] !== replacement)
      const typed = receiptNo.slice(0, i) + replacement + receiptNo.slice(i + 1)
      const result = parseReceiptNumber(typed)
      expect(result.ok).toBe(false)
    }))
  })

  it('catches every swap of two neighbouring characters within a group (property)', () => {
    fc.assert(fc.property(parts, fc.nat(), (p, at) => {
      const receiptNo = formatReceiptNumber(p)
      const body = receiptNo.slice(0, receiptNo.lastIndexOf('-'))
      const swaps = [...body].flatMap((ch, i) => (i + 1 < body.length && ch !== '-' && body[i + 1] !== '-' && ch !== body[i + 1] ? [i] : []))
      fc.pre(swaps.length > 0)
      const i = swaps[at % swaps.length]!
      const typed = receiptNo.slice(0, i) + receiptNo[i + 1] + receiptNo[i] + receiptNo.slice(i + 2)
      expect(parseReceiptNumber(typed).ok).toBe(false)
    }))
  })
})

describe('uniqueness across devices', () => {
  it('two devices with different device codes never produce the same number, for any sequences (property)', () => {
    fc.assert(fc.property(
      siteCode,
      siteCode,
      deviceCode,
      deviceCode,
      sequence,
      sequence,
      (siteA, siteB, deviceA, deviceB, seqA, seqB) => {
        fc.pre(deviceA !== deviceB)
        const a = formatReceiptNumber({ siteCode: siteA, deviceCode: deviceA, sequence: seqA })
        const b = formatReceiptNumber({ siteCode: siteB, deviceCode: deviceB, sequence: seqB })
        expect(a).not.toBe(b)
      },
    ), { numRuns: 2000 })
  })

  it('one device never repeats a number for different sequences (property)', () => {
    fc.assert(fc.property(siteCode, deviceCode, sequence, sequence, (site, device, seqA, seqB) => {
      fc.pre(seqA !== seqB)
      expect(formatReceiptNumber({ siteCode: site, deviceCode: device, sequence: seqA }))
        .not
        .toBe(formatReceiptNumber({ siteCode: site, deviceCode: device, sequence: seqB }))
    }))
  })

  it('numbers from two devices of one site across a run of sequences are all distinct', () => {
    const numbers = new Set<string>()
    for (const device of ['7K2M', '7K2N', 'A001', '0000']) {
      for (let seq = 999_990; seq <= 1_000_010; seq++)
        numbers.add(formatReceiptNumber({ siteCode: 'BJ01', deviceCode: device, sequence: seq }))
    }
    expect(numbers.size).toBe(4 * 21)
  })
})

describe('site and device codes', () => {
  it.each(['BO01', 'SH01', 'ZJ01', 'BV01', 'BI01'])('refuses the easily misread letters I, O, Z, S, V: %s', (code) => {
    expect(isSiteCode(code)).toBe(false)
    expect(isDeviceCode(code)).toBe(false)
    expect(() => formatReceiptNumber({ siteCode: code, deviceCode: '7K2M', sequence: 1 })).toThrow(RangeError)
  })
})
