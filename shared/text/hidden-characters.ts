import { z } from 'zod'

/**
 * Characters nobody can see or type on purpose: C0/C1 controls (NUL among them, which
 * PostgreSQL cannot store in text) and invisible format characters — zero-width spaces,
 * a BOM, bidirectional overrides that make a name read differently from how it is
 * stored. Tabs and line breaks are ordinary white space, and the zero-width joiner
 * holds emoji sequences together, so those three pass.
 */
const HIDDEN = /[\p{Cc}\p{Cf}]/u
const ALLOWED = /[\t\n\r\u200D]/g

export function hasHiddenCharacters(input: string): boolean {
  return HIDDEN.test(input.replace(ALLOWED, ''))
}

/** A refinement for plain string schemas: refused with `text.hidden_characters`. */
export function withoutHiddenCharacters<T extends z.ZodType<string>>(schema: T): T {
  return schema.refine(value => !hasHiddenCharacters(value), { params: { code: 'text.hidden_characters' } })
}

/** A note or reason as staff type it: any lines, up to `max` UTF-16 units, nothing hidden. */
export function visibleText(max: number) {
  return withoutHiddenCharacters(z.string().max(max))
}
