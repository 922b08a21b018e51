import { areaList } from '@vant/area-data'

/**
 * A six-digit administrative division code (GB/T 2260, as @vant/area-data lists them) by
 * name: province, city (when it is not the province itself, as for 北京市), county —
 * `北京市朝阳区`. The code itself when the list does not know it; '' for no code.
 */
export function regionName(code: string | undefined, separator = ''): string {
  if (!code || !/^\d{6}$/.test(code))
    return code ?? ''
  const province = areaList.province_list[`${code.slice(0, 2)}0000`] ?? ''
  const city = areaList.city_list[`${code.slice(0, 4)}00`] ?? ''
  const county = areaList.county_list[code] ?? ''
  return [province, city === province ? '' : city, county].filter(Boolean).join(separator) || code
}
