import { z } from 'zod'

/**
 * Characters nobody can see or type on purpose: C0/C1 controls (NUL among them, which
 * PostgreSQL cannot store in text) and invisible format characters — zero-width spaces,
 * a BOM, bidirectional overrides that make a name read differently from how it is
 * stored. Tabs and line breaks are ordinary white space, and the zero-width joiner
 * holds emoji sequences together, so those three pass.
 *
 * Free text (an address, a note) loses its invisible characters quietly: a paste from a
 * chat app often carries zero-width spaces that nobody could find to delete. Control
 * characters are refused there, and anything hidden is refused in names and passwords,
 * which are never altered behind their owner's back.
 */
const CONTROL = /\p{Cc}/u
const INVISIBLE = /(?!\u200D)\p{Cf}/gu
const WHITE_SPACE = /[\t\n\r]/g

export function hasControlCharacters(input: string): boolean {
  return CONTROL.test(input.replace(WHITE_SPACE, ''))
}

export function removeInvisibleCharacters(input: string): string {
  return input.replace(INVISIBLE, '')
}

export function hasHiddenCharacters(input: string): boolean {
  return hasControlCharacters(input) || removeInvisibleCharacters(input) !== input
}

/** For names and secrets: anything hidden is refused with `text.hidden_characters`. */
export function withoutHiddenCharacters<T extends z.ZodType<string>>(schema: T): T {
  return schema.refine(value => !hasHiddenCharacters(value), { params: { code: 'text.hidden_characters' } })
}

/** A note or reason as staff type it: any lines, up to `max` UTF-16 units; invisible characters removed, controls refused. */
export function visibleText(max: number) {
  return z.string().max(max).refine(value => !hasControlCharacters(value), { params: { code: 'text.hidden_characters' } }).transform(removeInvisibleCharacters)
}
