import type { CheckResult } from '../errors/issue'
import { areaList } from '@vant/area-data'
import { fail, pass } from '../errors/issue'

/**
 * A 6-digit administrative region code as an address or a site names its place: one the area
 * list (@vant/area-data, the pickers' list on the tablet and the desk) has — a county, or a
 * prefecture or province for places the picker has no county for (东莞市 441900, 香港 810000).
 * The pickers give nothing else; a request made by hand could (`119999`, a province's prefix
 * and no place), and would then be shown as a bare code wherever its name belongs.
 *
 * Not for the codes inside ID numbers: those keep the county of first registration, which
 * may have been merged away since (identity/region-prefix.ts checks them for plausibility).
 * Kept apart from that module so the ID checks do not pull the area list in.
 */
export function checkRegionCode(input: string): CheckResult {
  const code = input.trim()
  if (!/^\d{6}$/.test(code))
    return fail('region_code.format')
  if (!isListedRegion(code))
    return fail('region_code.unknown')
  return pass(code)
}

function isListedRegion(code: string): boolean {
  return Object.hasOwn(areaList.county_list, code) || Object.hasOwn(areaList.city_list, code) || Object.hasOwn(areaList.province_list, code)
}
