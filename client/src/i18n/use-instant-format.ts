import type { Locale } from '#shared/i18n/locale'
import type { InstantStyle } from './instant-format'
import { useI18n } from 'vue-i18n'
import { formatInstant } from './instant-format'

/** `formatInstant` in the current language, following a language switch. */
export function useInstantFormat() {
  const { locale } = useI18n()
  return {
    instant: (value: string | number | Date | null | undefined, style: InstantStyle = 'dateTime') => formatInstant(value, locale.value as Locale, style),
  }
}
