import type { ComposerTranslation } from 'vue-i18n'

/**
 * A range with one end only, as a link may give (the API takes either end), in words:
 * "2026-01-01 起" / "截至 …". Element Plus's range picker shows nothing for half a range, so
 * the screens show this beside it, to be cleared. Null for a whole range or none.
 */
export function halfRangeText(from: string, to: string, t: ComposerTranslation, format: (value: string) => string = value => value): string | null {
  if (from && !to)
    return t('desk.common.since', { when: format(from) })
  if (to && !from)
    return t('desk.common.until', { when: format(to) })
  return null
}
