import type { Locale } from '../i18n/locale'
import type { LocalisedTextValue } from './programme.schema'

/**
 * A member category and level by their names, as the programme's settings give them.
 * Type-only imports: screens that only name categories stay free of Zod.
 */

export interface NamedCategory {
  code: string
  name: LocalisedTextValue
  levels: ReadonlyArray<{ code: string, name: LocalisedTextValue }>
}

/** The names in `locale`; the codes themselves for what the programme no longer has (never a blank). */
export function categoryNames(categories: readonly NamedCategory[], code: string, level: string | null | undefined, locale: Locale): { category: string, level: string | null } {
  const category = categories.find(c => c.code === code)
  return {
    category: category?.name[locale] ?? code,
    level: level ? category?.levels.find(l => l.code === level)?.name[locale] ?? level : null,
  }
}

/** `VIP会员 · 金卡`, or the category alone when there is no level. */
export function categoryLabel(categories: readonly NamedCategory[], code: string, level: string | null | undefined, locale: Locale): string {
  const names = categoryNames(categories, code, level, locale)
  return names.level ? `${names.category} · ${names.level}` : names.category
}
