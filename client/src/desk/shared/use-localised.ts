import type { Locale, LocalisedText } from '#shared/i18n/locale'
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'

/** Shared labels (`STATUS_LABELS`, `ROLE_LABELS`, …) and China-time dates in the current language. */
export function useLocalised() {
  const { locale } = useI18n()
  const current = computed(() => locale.value as Locale)
  // One formatter per language, not per cell: constructing one costs ~100 µs, and a queue
  // page formats a few hundred instants.
  const instantFormat = computed(() => new Intl.DateTimeFormat(current.value, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }))

  /** A shared label, or the code itself when the vocabulary has no entry (never a blank). */
  function label(labels: Readonly<Record<string, LocalisedText>>, code: string | null | undefined): string {
    if (!code)
      return '—'
    return labels[code]?.[current.value] ?? code
  }

  /** An instant in China time (the programme's time zone, whatever the desk PC's). */
  function dateTime(iso: string | null | undefined): string {
    if (!iso)
      return '—'
    const date = new Date(iso)
    if (Number.isNaN(date.getTime()))
      return iso
    return instantFormat.value.format(date)
  }

  return { locale: current, label, dateTime }
}
