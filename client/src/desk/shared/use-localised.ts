import type { Locale, LocalisedText } from '#shared/i18n/locale'
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { formatInstant } from '../../i18n/instant-format'

/** Shared labels (`STATUS_LABELS`, `ROLE_LABELS`, …) and China-time dates in the current language. */
export function useLocalised() {
  const { locale } = useI18n()
  const current = computed(() => locale.value as Locale)

  /** A shared label, or the code itself when the vocabulary has no entry (never a blank). */
  function label(labels: Readonly<Record<string, LocalisedText>>, code: string | null | undefined): string {
    if (!code)
      return '—'
    return labels[code]?.[current.value] ?? code
  }

  /** An instant in China time (the programme's time zone, whatever the desk PC's). */
  function dateTime(iso: string | null | undefined): string {
    return formatInstant(iso, current.value)
  }

  return { locale: current, label, dateTime }
}
