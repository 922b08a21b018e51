/**
 * Text normalisers. Field staff type on Chinese IMEs that emit full-width forms
 * (`１３８`, `Ｘ`, the ideographic space), paste numbers with `+86` and dashes, and read ID numbers
 * aloud with a lower-case `x`. Every rule that compares or validates text runs it
 * through these first, so the device and the server see the same string.
 */

const FULL_WIDTH_START = 0xFF01
const FULL_WIDTH_END = 0xFF5E
const FULL_TO_HALF_OFFSET = 0xFEE0
const IDEOGRAPHIC_SPACE = 0x3000

/** Full-width ASCII variants (U+FF01–U+FF5E) and the ideographic space become their ASCII forms. */
export function toHalfWidth(input: string): string {
  let out = ''
  for (const ch of input) {
    const cp = ch.codePointAt(0)!
    if (cp >= FULL_WIDTH_START && cp <= FULL_WIDTH_END)
      out += String.fromCodePoint(cp - FULL_TO_HALF_OFFSET)
    else if (cp === IDEOGRAPHIC_SPACE)
      out += ' '
    else
      out += ch
  }
  return out
}

/**
 * Nothing but white space, or nothing at all: a field left blank. White space is Unicode's
 * (what `trim` removes): spaces, tabs, line breaks, the no-break and the ideographic space
 * (U+3000, a Chinese IME's full-width space). Invisible format characters (a zero-width
 * space) are not white space: they are refused or removed on their own (hidden-characters.ts).
 */
export function isBlank(input: string): boolean {
  return input.trim() === ''
}

/** Trims and collapses every run of white space (including NBSP and ideographic space) to one space. */
export function collapseSpaces(input: string): string {
  return input.replace(/\s+/gu, ' ').trim()
}

/**
 * Canonical form for free text: half-width, Unicode NFC, single spaces, trimmed.
 * Half-width comes first: a full-width letter followed by a combining accent (`Ｅ` + U+0301)
 * only composes once the letter is ASCII.
 */
export function normaliseText(input: string): string {
  return collapseSpaces(toHalfWidth(input).normalize('NFC'))
}

/** Removes every space, dash and bracket a person may type inside a number. */
export function stripSeparators(input: string): string {
  return input.replace(/[\s\-–—_.()（）]/gu, '')
}

/** Document numbers (ID, passport, permits, USCC): half-width, no separators, upper case (`x` → `X`). */
export function normaliseDocumentNumber(input: string): string {
  return stripSeparators(toHalfWidth(input)).toUpperCase()
}

/** Length in Unicode code points, so that 𠮷 (outside the BMP) counts as one character. */
export function charLength(input: string): number {
  let n = 0
  for (const _ of input) n++
  return n
}
