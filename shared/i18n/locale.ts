/** The languages the product speaks. zh-CN is the default everywhere: users are in mainland China. */
export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'

/** A text in every supported language. */
export type LocalisedText = Record<Locale, string>

/**
 * Picks the best supported locale from an Accept-Language header or a stored preference.
 * Ranges are taken by their quality (`q`, default 1; `q=0` means "not this one"), in the
 * order written when the qualities are equal.
 */
export function pickLocale(preference: string | null | undefined): Locale {
  if (!preference)
    return DEFAULT_LOCALE
  const ranges = preference.split(',').map((part, index) => {
    const [tag = '', ...attributes] = part.split(';').map(piece => piece.trim())
    const q = attributes.find(attribute => /^q=/i.test(attribute))
    const quality = q === undefined ? 1 : Number(q.slice(2))
    return { tag: tag.toLowerCase(), quality: Number.isNaN(quality) ? 0 : quality, index }
  }).filter(range => range.quality > 0).sort((a, b) => b.quality - a.quality || a.index - b.index)
  for (const { tag } of ranges) {
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
    Object.hasOwn(params, name) ? String(params[name]) : whole)
}
