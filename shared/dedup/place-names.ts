import { areaList } from '@vant/area-data'
import { isPlaceholderCity, regionParts } from '../contact/region-name'

/**
 * Province and city names, full (广东省, 深圳市) and short (广东, 深圳), longest first: the
 * place an organisation puts in front of its name on one document and leaves out on another.
 * From the same region data the field app's region picker uses.
 */

const SUFFIX = /(?:[省市盟]|特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|地区|自治州)$/u

function names(): string[] {
  const all = new Set<string>()
  for (const name of [...Object.values(areaList.province_list), ...Object.values(areaList.city_list)]) {
    // 县 or 省直辖县 in front of a name is no place it was registered in (县城供销社).
    if (isPlaceholderCity(name))
      continue
    all.add(name)
    const short = name.replace(SUFFIX, '')
    if (short.length >= 2)
      all.add(short)
  }
  return [...all].sort((a, b) => b.length - a.length)
}

export const PLACE_NAMES: readonly string[] = names()

/** The name without leading place names (广东省深圳市星辰 → 星辰), unless nothing would be left. */
export function stripLeadingPlaces(name: string): string {
  let rest = name
  let changed = true
  while (changed) {
    changed = false
    for (const place of PLACE_NAMES) {
      if (rest.startsWith(place) && rest.length - place.length >= 2) {
        rest = rest.slice(place.length)
        changed = true
        break
      }
    }
  }
  return rest
}

function withShortForm(name: string | undefined): string[] {
  if (!name)
    return []
  const short = name.replace(SUFFIX, '').replace(/(?:区|县)$/u, '')
  return short.length >= 2 && short !== name ? [name, short] : [name]
}

/**
 * The names of a county's province, city and county themselves (朝阳区, 朝阳, 北京市, 北京),
 * longest first: an address repeats them in front of the street or leaves them out.
 */
export function regionNames(regionCode: string): string[] {
  const { province, city, county } = regionParts(regionCode)
  const names = [...withShortForm(province), ...withShortForm(city), ...withShortForm(county)]
  return [...new Set(names)].sort((a, b) => b.length - a.length)
}

/** The address detail without the region's own names in front (北京市朝阳区建国路 → 建国路). */
export function stripRegionNames(detail: string, regionCode: string): string {
  const names = regionNames(regionCode)
  let rest = detail
  for (let found = true; found;) {
    found = false
    for (const name of names) {
      if (rest.startsWith(name) && rest.length - name.length >= 2) {
        rest = rest.slice(name.length)
        found = true
        break
      }
    }
  }
  return rest
}
