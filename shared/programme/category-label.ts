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

/**
 * Every category and level any published version has named, for labels: the newest name of
 * each code, the categories in force first (in their order), then those since removed, each
 * with every level it ever had. A category or level taken out of the programme stays on its
 * applications and members (removing one does not touch them), so it keeps its name there
 * instead of falling back to its code. `versions` newest first; filters use the current
 * version alone.
 */
export function namesAcrossVersions(versions: ReadonlyArray<readonly NamedCategory[]>): Array<NamedCategory & { levels: Array<NamedCategory['levels'][number]> }> {
  const merged = new Map<string, { code: string, name: NamedCategory['name'], levels: Map<string, NamedCategory['levels'][number]> }>()
  for (const categories of versions) {
    for (const category of categories) {
      const known = merged.get(category.code) ?? { code: category.code, name: category.name, levels: new Map() }
      for (const level of category.levels) {
        if (!known.levels.has(level.code))
          known.levels.set(level.code, { code: level.code, name: level.name })
      }
      merged.set(category.code, known)
    }
  }
  return [...merged.values()].map(category => ({ code: category.code, name: category.name, levels: [...category.levels.values()] }))
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
