import { normaliseText } from '../text/normalise'

/**
 * A personal name brought to the form the rules store and compare (person-name.ts checks
 * it): kept apart, with no Zod and no error catalogue, so the tablet's first screen can
 * search names the way they are stored without loading the validation rules.
 */

export const MIDDLE_DOT = '·'
/**
 * Dots that IMEs and pastes put where `·` belongs: bullet U+2022, katakana middle dot
 * U+30FB and its half-width form U+FF65 (Japanese and some Android keyboards), full-width
 * and small full stops U+FF0E / U+FE52, the ASCII full stop, hyphenation point U+2027,
 * bullet and dot operators U+2219 / U+22C5, word separator middle dot U+2E31 and the
 * Latin letter sinological dot U+A78F (made for transliterated Chinese). Greek ano teleia
 * U+0387 becomes `·` under NFC on its own.
 */
const DOT_CLASS = '•・･．﹒.‧∙⋅⸱ꞏ'
export const DOT_LOOKALIKES = new RegExp(`[${DOT_CLASS}]`, 'gu')
const DOTS_IN_CHINESE_NAME = new RegExp(`\\s*[${DOT_CLASS}${MIDDLE_DOT}]\\s*`, 'gu')
const HAN = /\p{Script=Han}/u

/**
 * Marks typed or pasted for a Latin name's apostrophe (O’Neil, O´Neil, Maʼruf: curly quotes,
 * the grave and acute accents, modifier letters U+02BC / U+02BB, the prime) and hyphen (the
 * Unicode hyphen U+2010 and the non-breaking one U+2011 that word processors put in
 * Jean‑Pierre, figure and en dashes, the minus sign): one apostrophe, one hyphen.
 */
const APOSTROPHES = /[’‘`´ʼʻ′]/gu
const HYPHENS = /[‐‑‒–−﹣]/gu

/** Half-width, NFC, single spaces, straight apostrophes and hyphens; in a Chinese name every dot-like mark is `·` and spaces go. */
export function normalisePersonName(input: string): string {
  const text = normaliseText(input).replace(APOSTROPHES, '\'').replace(HYPHENS, '-')
  if (!HAN.test(text))
    return text
  // In a Chinese name every dot-like mark is the middle dot, and spaces around it go.
  return text.replace(DOTS_IN_CHINESE_NAME, MIDDLE_DOT).replace(/\s+/gu, '')
}
