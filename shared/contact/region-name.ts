import type { Locale } from '../i18n/locale'
import { areaList } from '@vant/area-data'
import { withAside } from '../i18n/punctuation'

/** The province, city and county names of a county's code ('' where the list has none). */
export function regionParts(code: string): { province: string, city: string, county: string } {
  return {
    province: areaList.province_list[`${code.slice(0, 2)}0000`] ?? '',
    city: areaList.city_list[`${code.slice(0, 4)}00`] ?? '',
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
