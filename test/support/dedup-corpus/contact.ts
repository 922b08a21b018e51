import type { Rng } from './random'

/**
 * Mainland mobile numbers (13x, 15x, 18x, 19x blocks of the three carriers) and the ways
 * the same number comes back written: `+86`, `0086`, spaced 3-4-4, dashed, full-width.
 */

const PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '180',
  '181',
  '182',
  '183',
  '184',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '193',
  '195',
  '196',
  '197',
  '198',
  '199',
]

export function randomMobile(rng: Rng): string {
  return rng.pick(PREFIXES) + rng.digits(8)
}

/** Full-width forms of ASCII (１３８, ＋, Ｘ), as a Chinese IME in full-width mode types them. */
export function toFullWidth(text: string): string {
  return text.replace(/[\u0021-\u007E]/g, ch => String.fromCharCode(ch.charCodeAt(0) + 0xFEE0))
}

function spaced(mobile: string, separator: string): string {
  return `${mobile.slice(0, 3)}${separator}${mobile.slice(3, 7)}${separator}${mobile.slice(7)}`
}

/** The same mobile written another way: country code, spaces or dashes (never the bare 11 digits). */
export function mobileFormatVariant(mobile: string, rng: Rng): string {
  return rng.weighted<() => string>([
    [() => `+86${mobile}`, 3],
    [() => `+86 ${spaced(mobile, ' ')}`, 3],
    [() => spaced(mobile, ' '), 3],
    [() => spaced(mobile, '-'), 1],
    [() => `0086${mobile}`, 1],
    [() => `+86-${mobile}`, 1],
  ])()
}
