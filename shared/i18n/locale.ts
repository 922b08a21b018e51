/** The languages the product speaks. zh-CN is the default everywhere: users are in mainland China. */
export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'

/** A text in every supported language. */
export type LocalisedText = Record<Locale, string>

/** Picks the best supported locale from an Accept-Language header or a stored preference. */
export function pickLocale(preference: string | null | undefined): Locale {
  if (!preference)
    return DEFAULT_LOCALE
  for (const part of preference.split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase()
    if (tag.startsWith('zh'))
      return 'zh-CN'
    if (tag.startsWith('en'))
      return 'en'
  }
  return DEFAULT_LOCALE
}

/** Replaces `{name}` placeholders with params; unknown placeholders stay visible so a gap is noticed. */
export function interpolate(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole)
}
