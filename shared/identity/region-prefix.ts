/**
 * Province-level codes of GB/T 2260, plus 71 (Taiwan) and 81/82/83 used by residence
 * permits for Hong Kong, Macau and Taiwan residents (港澳台居民居住证), whose numbers
 * follow GB 11643.
 *
 * We check plausibility, not membership of today's list: ID numbers keep the county code
 * of the place of first registration, and counties are merged and renamed every year, so
 * a code missing from the current list is still a real ID. A plausible prefix is a known
 * province, a prefecture part other than 00, and any county part.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83'.split(' '),
)
/** Whether a 6-digit prefix could be a region of first registration. */
export function isPlausibleRegionPrefix(code: string): boolean {
  if (!/^\d{6}$/.test(code) || !PROVINCE_CODES.has(code.slice(0, 2)))
    return false
  // 71/81/82/83 prefixes are followed by 0000 on residence permits; elsewhere the
  // prefecture part is never 00.
  const province = code.slice(0, 2)
  if (province === '71' || province === '81' || province === '82' || province === '83')
    return true
  return code.slice(2, 4) !== '00'
}
