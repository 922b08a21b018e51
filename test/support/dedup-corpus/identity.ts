import type { Gender } from './chinese-names'
import type { Rng } from './random'
import { isPlausibleRegionPrefix } from '#shared/identity/region-prefix'
import { areaList } from '@vant/area-data'
import { makeResidentId, TODAY } from '../../fixtures/applications'

/**
 * Identity data for the corpus: county codes from the region picker's own list (mainland
 * provinces only), birth dates by age, valid 18-digit resident ID numbers (GB 11643, MOD
 * 11-2 check character, via the fixtures' `makeResidentId`), and the slips that turn one
 * into another: two neighbouring digits swapped.
 */

/** Mainland county-level codes (GB/T 2260 as the area picker has them). */
export const COUNTY_CODES: readonly string[] = Object.keys(areaList.county_list)
  .filter(code => isPlausibleRegionPrefix(code) && Number(code.slice(0, 2)) <= 65 && !code.endsWith('00'))

/**
 * Where members are, weighted towards the big cities a field team works in: half the
 * counties come from a handful of cities, the rest from anywhere.
 */
const CITY_PREFIXES = ['1101', '3101', '4401', '4403', '5101', '3301', '4201', '3201', '5001', '6101']
const CITY_COUNTIES = COUNTY_CODES.filter(code => CITY_PREFIXES.includes(code.slice(0, 4)))

export function randomCounty(rng: Rng): string {
  return rng.chance(0.5) ? rng.pick(CITY_COUNTIES) : rng.pick(COUNTY_CODES)
}

/** The county's name (朝阳区) and its city's (北京市), from the same list. */
export function countyName(code: string): string {
  return areaList.county_list[code] ?? ''
}

/** Where a county's "city" is a grouping (省直辖县, 县), the province stands in. */
export function cityName(code: string): string {
  const city = areaList.city_list[`${code.slice(0, 4)}00`]
  return city && /(?:[市州盟]|地区)$/u.test(city) ? city : areaList.province_list[`${code.slice(0, 2)}0000`] ?? ''
}

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** A birth date (`YYYY-MM-DD`) of someone between `minAge` and `maxAge` years old on TODAY. */
export function randomBirthDate(rng: Rng, minAge: number, maxAge: number): string {
  const thisYear = Number(TODAY.slice(0, 4))
  const year = thisYear - rng.between(minAge + 1, maxAge)
  const month = rng.between(1, 12)
  const day = rng.between(1, daysInMonth(year, month))
  return `${year}-${pad2(month)}-${pad2(day)}`
}

/** A valid resident ID number for the birth date and gender, registered in `region`. */
export function randomResidentId(rng: Rng, birthDate: string, gender: Gender, region: string): string {
  return makeResidentId(birthDate, gender, { region, sequence: rng.int(1000) })
}

/** A passport number in the current e-passport format (E + 8 digits). */
export function randomPassport(rng: Rng): string {
  return `E${rng.between(1, 9)}${rng.digits(7)}`
}

/**
 * Two neighbouring characters that differ swapped (the usual transposition when typing
 * an 18-digit number from a card); the check character usually fails afterwards.
 */
export function swapAdjacent(text: string, rng: Rng): string {
  const positions: number[] = []
  for (let i = 0; i + 1 < text.length; i++) {
    if (text[i] !== text[i + 1])
      positions.push(i)
  }
  const i = rng.pick(positions)
  return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2)
}
