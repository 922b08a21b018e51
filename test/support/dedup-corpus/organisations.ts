import type { Rng } from './random'
import { USCC_ALPHABET } from '#shared/identity/uscc'
import { makeUscc } from '../../fixtures/applications'
import { cityName } from './identity'

/**
 * Organisations as they sign up: a trade name (星辰) with its line of business (科技),
 * the city in front or in brackets, and a legal form; a valid unified social credit code
 * (GB 32100, check character via the fixtures' `makeUscc`). The variants are the one
 * organisation as it is written on its licence, its letterhead and a hurried form:
 * 北京市星辰科技有限公司 / 星辰科技（北京）有限公司 / 北京星辰科技有限責任公司.
 */

export interface OrganisationName {
  /** City with its suffix (北京市), from the registration region. */
  city: string
  brand: string
  business: string
  form: string
}

const BRAND_FIRST = [...'星辰华信天诚恒远鼎盛博瑞中科金泰宏图卓越海纳创新汇丰德润嘉禾鸿达永康明远正元聚龙九州东方锦程睿智和谐']
const BUSINESSES = ['科技', '信息技术', '网络科技', '贸易', '商贸', '建筑工程', '文化传媒', '餐饮管理', '物流', '医疗器械', '教育咨询', '环保科技', '电子', '机械设备', '生物科技', '物业管理', '广告', '家居', '农业发展', '投资管理']
const FORMS: ReadonlyArray<readonly [string, number]> = [['有限公司', 6], ['有限责任公司', 2], ['股份有限公司', 1]]

export function randomOrganisationName(rng: Rng, region: string): OrganisationName {
  const a = rng.pick(BRAND_FIRST)
  let b = rng.pick(BRAND_FIRST)
  while (b === a)
    b = rng.pick(BRAND_FIRST)
  return { city: cityName(region), brand: a + b, business: rng.pick(BUSINESSES), form: rng.weighted(FORMS) }
}

function shortCity(city: string): string {
  return city.replace(/市$/u, '')
}

/** The name as the licence gives it: 北京市星辰科技有限公司. */
export function organisationName(name: OrganisationName): string {
  return `${name.city}${name.brand}${name.business}${name.form}`
}

/** The same organisation written differently (never the licence's exact string). */
export function organisationNameVariant(name: OrganisationName, rng: Rng): string {
  const { city, brand, business, form } = name
  const otherForm = form === '有限公司' ? '有限责任公司' : '有限公司'
  const variants = [
    `${brand}${business}（${shortCity(city)}）${form}`,
    `${brand}${business}(${shortCity(city)})${form}`,
    `${shortCity(city)}${brand}${business}${form === '股份有限公司' ? '股份有限公司' : '有限責任公司'}`,
    `${shortCity(city)}${brand}${business}${form}`,
    `${city}${brand}${business}${otherForm}`,
    `${brand}${business}${form}`,
    `${city} ${brand}${business} ${form}`,
  ].filter(v => v !== organisationName(name))
  return rng.pick(variants)
}

/** A valid USCC for an enterprise registered in `region`. */
export function randomUscc(rng: Rng, region: string): string {
  let orgCode = ''
  for (let i = 0; i < 9; i++)
    orgCode += rng.pick([...USCC_ALPHABET])
  return makeUscc({ region, orgCode })
}

/** One character of the first 17 mistyped (a neighbour on the alphabet), or two neighbours swapped. */
export function mistypeUscc(uscc: string, rng: Rng): string {
  if (rng.chance(0.5)) {
    const i = rng.between(8, 16)
    const value = USCC_ALPHABET.indexOf(uscc[i]!)
    const replacement = USCC_ALPHABET[(value + (rng.chance(0.5) ? 1 : USCC_ALPHABET.length - 1)) % USCC_ALPHABET.length]!
    return uscc.slice(0, i) + replacement + uscc.slice(i + 1)
  }
  const positions: number[] = []
  for (let i = 8; i < 17; i++) {
    if (uscc[i] !== uscc[i + 1])
      positions.push(i)
  }
  const i = rng.pick(positions)
  return uscc.slice(0, i) + uscc[i + 1] + uscc[i] + uscc.slice(i + 2)
}
