import type { Locale } from '#shared/i18n/locale'
import { CHINA_TIME_ZONE } from '#shared/dates/china-time'

/**
 * Instants as people read them: in China time (the programme's time zone, as every date
 * rule in shared/ is), in the app's language, 24-hour — whatever the tablet's or the desk
 * PC's own locale and clock zone. One formatter per language and style: constructing one
 * costs ~100 µs, and a list formats hundreds.
 */

export const PROGRAMME_TIME_ZONE = CHINA_TIME_ZONE

export type InstantStyle = 'dateTime' | 'date' | 'time'

const OPTIONS: Record<InstantStyle, Intl.DateTimeFormatOptions> = {
  dateTime: { timeZone: PROGRAMME_TIME_ZONE, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' },
  date: { timeZone: PROGRAMME_TIME_ZONE, dateStyle: 'medium' },
  time: { timeZone: PROGRAMME_TIME_ZONE, timeStyle: 'medium', hourCycle: 'h23' },
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(locale: Locale, style: InstantStyle): Intl.DateTimeFormat {
  const key = `${locale}|${style}`
  let format = formatters.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, OPTIONS[style])
    formatters.set(key, format)
  }
  return format
}

/** `2026年12月3日 20:08` / `Dec 3, 2026, 20:08` (`2026年12月3日` / `Dec 3, 2026` as a date); `—` for nothing, the input itself when it is not an instant. */
export function formatInstant(value: string | number | Date | null | undefined, locale: Locale, style: InstantStyle = 'dateTime'): string {
  if (value === null || value === undefined || value === '')
    return '—'
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime()))
    return String(value)
  return formatter(locale, style).format(date)
}
