/**
 * Instants read on China's wall clock (Asia/Shanghai). China has kept UTC+8 all year since
 * 1991, so a fixed offset gives the zone database's answer for every instant this system
 * records, costs nothing, and cannot be changed by an old browser's ICU data. Exports,
 * statistics, the personal-information copy and "today" all read time through here.
 */

export const CHINA_TIME_ZONE = 'Asia/Shanghai'
export const CHINA_UTC_OFFSET_MS = 8 * 3_600_000

type Instant = string | Date

function millisOf(instant: Instant): number {
  return instant instanceof Date ? instant.getTime() : Date.parse(instant)
}

/**
 * A Date whose UTC fields are China's wall clock at `instant`: for writers that have no
 * time zones (a spreadsheet cell) and for reading the fields with getUTC….
 */
export function chinaWallClock(instant: Instant): Date {
  return new Date(millisOf(instant) + CHINA_UTC_OFFSET_MS)
}

/** The China date of an instant, `YYYY-MM-DD`. */
export function chinaDateOf(instant: Instant): string {
  return chinaWallClock(instant).toISOString().slice(0, 10)
}

/** `YYYY-MM-DD HH:mm:ss` (or `YYYY-MM-DD HH:mm`) in China for an instant. */
export function chinaDateTime(instant: Instant, precision: 'second' | 'minute' = 'second'): string {
  return chinaWallClock(instant).toISOString().slice(0, precision === 'second' ? 19 : 16).replace('T', ' ')
}

/**
 * The instant (ISO) China's wall clock `YYYY-MM-DD HH:mm:ss` (or `HH:mm`) names: the inverse
 * of chinaDateTime, for what a person picked on China's clock; null for text that names none.
 */
export function chinaWallClockInstant(wall: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall.trim())
  if (!match)
    return null
  const [y, mo, d, h, mi, s] = match.slice(1).map(part => Number(part ?? 0)) as [number, number, number, number, number, number]
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const at = new Date(0).setUTCFullYear(y, mo - 1, d) + ((h * 60 + mi) * 60 + s) * 1000 - CHINA_UTC_OFFSET_MS
  if (Number.isNaN(at))
    return null
  // A field out of its range (24:61, 02-30) rolls over in Date: refused, not read as another time.
  const instant = new Date(at).toISOString()
  return chinaDateTime(instant) === `${match.slice(1, 4).join('-')} ${match[4]}:${match[5]}:${match[6] ?? '00'}` ? instant : null
}

/** The latest instant an ISO string of the usual form can name: after it, `+010000-…` would sort first. */
const LAST_INSTANT = '9999-12-31T23:59:59.999Z'

/**
 * The instant (ISO) China's day `date` (`YYYY-MM-DD`) begins: 16:00 UTC the day before. The
 * day after 9999-12-31 — a range's exclusive end, from a valid last day — is past what ISO
 * strings compare correctly: it is the last instant instead (and never a RangeError).
 */
export function chinaDayStart(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const at = new Date(0).setUTCFullYear(y, m - 1, d) - CHINA_UTC_OFFSET_MS
  return at > Date.parse(LAST_INSTANT) ? LAST_INSTANT : new Date(at).toISOString()
}
