import { pinyin } from 'pinyin-pro'
import { normalisePersonName } from '../person/person-name'
import { normaliseDocumentNumber, toHalfWidth } from '../text/normalise'
import { romanisedNameTokens } from './pinyin-words'
import { stripLeadingPlaces, stripRegionNames } from './place-names'

/**
 * The text forms duplicate matching compares (DESIGN.md §6). Chinese names become toneless
 * pinyin syllables (pinyin-pro reads traditional characters too), so 张伟 / 章伟 / 張偉 meet;
 * Latin names become lower-case words. Organisation names lose the legal form and bracketed
 * place names that the same organisation writes one way on its licence and another on a form.
 * Addresses keep their region code and a pinyin spelling of the detail without punctuation.
 *
 * Server-only in practice: pinyin-pro's dictionary is large, and the device's at-once hint
 * needs only exact keys (./device-keys.ts).
 */

const HAN = /\p{Script=Han}/u
const HAN_CHARACTERS = /\p{Script=Han}/gu
const NOT_WORD = /[^\p{L}\p{N}]+/gu

/**
 * Han characters as toneless syllables; anything else is left out. A Han character
 * pinyin-pro has no reading for (many of CJK Extension B and later: 𠮷, 𪚥) stays as
 * itself, one unit like a syllable: dropped, it made 王𠮷 and 王𪚥 the same name (`wang`)
 * and put 王𠮷 two units from 王吉 instead of one.
 */
function toPinyin(text: string, surname: boolean): string[] {
  const options = { toneType: 'none', nonZh: 'removed', surname: surname ? 'head' : 'off', v: true } as const
  const syllables = pinyin(text, { ...options, type: 'array' }).filter(syllable => syllable.length > 0)
  // One syllable per Han character: every one was read. The per-character form below costs
  // three times as much, and a push profiles every name it stores.
  if (syllables.length === (text.match(HAN_CHARACTERS)?.length ?? 0))
    return syllables
  return pinyin(text, { ...options, type: 'all', nonZh: 'spaced' })
    .map(unit => (unit.isZh ? unit.pinyin : HAN.test(unit.origin) ? unit.origin : ''))
    .filter(syllable => syllable.length > 0)
}

/**
 * Latin letters without their accents (José → jose, Nguyễn → nguyen): a passport's machine-
 * readable zone, and many a form copied from it, has none, while its printed page and the
 * next tablet's agent write them.
 */
function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC')
}

/**
 * A person's name as the units one-character typos change: pinyin syllables, or words. A
 * Latin name that is pinyin throughout is read as syllables too (ZHANG XIAOMING, as a
 * passport writes 张小明, meets it: pinyin-words.ts).
 */
export function personNameTokens(name: string): string[] {
  const normal = normalisePersonName(name)
  if (HAN.test(normal))
    return toPinyin(normal.replace(/·/gu, ''), true)
  return romanisedNameTokens(withoutAccents(normal).toLowerCase().split(NOT_WORD).filter(Boolean))
}

/**
 * Traditional forms of the characters the rules below look for (有限責任公司, 號樓): pinyin
 * already makes the rest of a traditional name meet its simplified twin.
 */
const TRADITIONAL: Record<string, string> = { 責: '责', 團: '团', 廠: '厂', 夥: '伙', 戶: '户', 業: '业', 號: '号', 樓: '楼', 棟: '栋', 單: '单', 門: '门', 區: '区', 縣: '县', 東: '东', 廣: '广', 陽: '阳', 蘇: '苏', 遼: '辽', 龍: '龙', 雲: '云', 貴: '贵', 陝: '陕', 寧: '宁', 灣: '湾' }
const TRADITIONAL_PATTERN = new RegExp(`[${Object.keys(TRADITIONAL).filter(k => k.length === 1).join('')}]`, 'gu')

function simplifyKnown(text: string): string {
  return text.replace(TRADITIONAL_PATTERN, ch => TRADITIONAL[ch] ?? ch)
}

/** Legal forms, longest first so 有限责任公司 goes before 公司. */
const LEGAL_FORMS = ['股份有限公司', '有限责任公司', '有限公司', '集团公司', '合伙企业', '个体工商户', '公司', '集团']
const LATIN_LEGAL_FORMS = new Set(['co', 'company', 'corp', 'corporation', 'inc', 'limited', 'llc', 'ltd', 'plc', 'group'])
const BRACKETED = /[(（[【][^)）\]】]*[)）\]】]/gu

/** An organisation's name reduced to what tells it apart, as pinyin syllables or words. */
export function organisationNameTokens(name: string): string[] {
  const text = simplifyKnown(toHalfWidth(name).normalize('NFC')).replace(BRACKETED, ' ')
  if (!HAN.test(text))
    return text.toLowerCase().split(NOT_WORD).filter(word => word && !LATIN_LEGAL_FORMS.has(word))
  let core = text.replace(/\s+/gu, '')
  const form = LEGAL_FORMS.find(f => core.endsWith(f) && core.length > f.length + 1)
  if (form)
    core = core.slice(0, -form.length)
  return toPinyin(stripLeadingPlaces(core), false)
}

/** Unit words written several ways (1号楼 / 1栋 / 1幢), unified before spelling. */
const ADDRESS_SYNONYMS: Array<[RegExp, string]> = [
  [/号楼|幢|座/gu, '栋'],
  [/单元门?/gu, '单元'],
  [/号房|房间?|室/gu, ''],
]

/**
 * An address as one comparable string: region code, then the detail spelt in pinyin
 * without separators, and without the region's own names in front (written on one form,
 * left out on the next: the region code already says them).
 */
export function addressKey(address: { regionCode: string, detail: string } | undefined): string | null {
  if (!address)
    return null
  let detail = simplifyKnown(toHalfWidth(address.detail).normalize('NFC').toLowerCase())
  for (const [pattern, replacement] of ADDRESS_SYNONYMS)
    detail = detail.replace(pattern, replacement)
  detail = stripRegionNames(detail.replace(NOT_WORD, ''), address.regionCode)
  if (detail.length < 2)
    return null
  const spelt = pinyin(detail, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join('')
  return `${address.regionCode}:${spelt}`
}

/** Levenshtein distance between token lists, stopping early once it passes `limit`. */
export function tokenDistance(a: readonly string[], b: readonly string[], limit = 2): number {
  if (Math.abs(a.length - b.length) > limit)
    return limit + 1
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      rowMin = Math.min(rowMin, current[j]!)
    }
    if (rowMin > limit)
      return limit + 1
    previous = current
  }
  return previous[b.length]!
}

/**
 * Names are similar when they sound the same (same syllables) or one unit apart: a
 * homophone, a one-character typo, a character left out. Single-syllable names are too
 * short for a typo to mean anything: those must sound the same.
 */
export function namesSimilar(a: readonly string[], b: readonly string[]): boolean {
  if (!a.length || !b.length)
    return false
  const distance = tokenDistance(a, b, 1)
  if (distance === 0)
    return true
  return distance === 1 && Math.min(a.length, b.length) >= 2
}

/**
 * Document numbers one slip apart: a single wrong character or two neighbours swapped
 * (the usual ways an 18-digit number is mistyped). Equal numbers are not "similar".
 */
export function documentNumbersSimilar(a: string, b: string): boolean {
  const x = normaliseDocumentNumber(a)
  const y = normaliseDocumentNumber(b)
  if (x.length !== y.length || x === y)
    return false
  const differing: number[] = []
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i]) {
      differing.push(i)
      if (differing.length > 2)
        return false
    }
  }
  if (differing.length === 1)
    return true
  const [i, j] = differing as [number, number]
  return j === i + 1 && x[i] === y[j] && x[j] === y[i]
}
