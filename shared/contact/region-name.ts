import type { Locale } from '../i18n/locale'
import { areaList } from '@vant/area-data'
import { withAside } from '../i18n/punctuation'

/**
 * The city level of county-level places that belong to no city: 省直辖县 (仙桃市 and 济源市,
 * the cities of Hainan), 自治区直辖县级行政区划 (石河子市 and the other cities of the
 * Xinjiang Production and Construction Corps) and 重庆市's 县 (城口县…). The list needs a
 * middle column for its picker; these are no place's name, and written into an address they
 * read as one (`重庆市县城口县`).
 */
const PLACEHOLDER_CITIES: ReadonlySet<string> = new Set(['省直辖县', '省直辖县级行政区划', '自治区直辖县级行政区划', '县', '市辖区'])

/** Whether a name from the list's city level is only a grouping (`省直辖县`), not a place. */
export function isPlaceholderCity(name: string): boolean {
  return PLACEHOLDER_CITIES.has(name)
}

/** The province, city and county names of a county's code ('' where the list has none, or only a grouping). */
export function regionParts(code: string): { province: string, city: string, county: string } {
  const city = areaList.city_list[`${code.slice(0, 4)}00`] ?? ''
  return {
    province: areaList.province_list[`${code.slice(0, 2)}0000`] ?? '',
    city: isPlaceholderCity(city) ? '' : city,
    county: areaList.county_list[code] ?? '',
  }
}

/**
 * A six-digit administrative division code (GB/T 2260, as @vant/area-data lists them) by
 * name: province, city (when it is not the province itself, as for 北京市), county —
 * `北京市朝阳区`. The code itself when the list does not know it; '' for no code.
 */
export function regionName(code: string | undefined, separator = ''): string {
  if (!code || !/^\d{6}$/.test(code))
    return code ?? ''
  const { province, city, county } = regionParts(code)
  return [province, city === province ? '' : city, county].filter(Boolean).join(separator) || code
}

/**
 * A region by name with its code beside it — `北京市朝阳区（110105）` — where people check
 * the code too (against an ID number's prefix, a site's receipts); the code alone when the
 * list does not know it.
 */
export function regionWithCode(code: string, locale: Locale): string {
  const name = regionName(code)
  return name && name !== code ? withAside(name, code, locale) : code
}
