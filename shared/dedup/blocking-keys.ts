import type { MatchProfile } from './match-profile'

/**
 * Blocking keys (DESIGN.md §6): two parties that any rule could call duplicates share at
 * least one key, so candidates are found by looking keys up in an index, never by scanning
 * everyone. Exact keys cover the document numbers and the mobile. For a similar name with
 * the same birth date, the name is keyed once per syllable with that syllable masked, beside
 * the birth date (张伟 → `*|wei`, `zhang|*`): homophones and one-character typos meet on the
 * masked position. For a similar name at the same address, the address with the surname's
 * sound is enough (a household is small) and costs one key instead of one per syllable —
 * every key is a random write into the index on every push (bench/THROUGHPUT.md). Only a
 * surname typo that changes its sound, at the same address with another birth date, is not
 * found; the labelled corpus measures no loss.
 *
 * The server stores keyed hashes of these strings, never the strings: they hold ID numbers
 * and mobiles in clear.
 */

function maskedNames(tokens: readonly string[]): string[] {
  if (tokens.length < 2)
    return tokens.length ? [tokens.join('|')] : []
  return tokens.map((_, i) => tokens.map((t, j) => (i === j ? '*' : t)).join('|'))
}

export function blockingKeys(profile: MatchProfile): string[] {
  const keys: string[] = []
  if (profile.kind === 'organisation') {
    keys.push(`uscc:${profile.uscc}`, `m:${profile.mobile}`)
    if (profile.nameTokens.length)
      keys.push(`on:${profile.nameTokens.join('|')}`)
    if (profile.address)
      keys.push(`oa:${profile.address}`)
    return keys
  }
  if (profile.idType && profile.idNumber)
    keys.push(`id:${profile.idType}:${profile.idNumber}`)
  if (profile.mobile)
    keys.push(`m:${profile.mobile}`)
  for (const masked of maskedNames(profile.nameTokens))
    keys.push(`nb:${profile.birthDate}:${masked}`)
  if (profile.address && profile.nameTokens.length)
    keys.push(`na:${profile.address}:${profile.nameTokens[0]}`)
  return keys
}

/** Every key of every party, without repeats. */
export function applicationBlockingKeys(profiles: readonly MatchProfile[]): string[] {
  return [...new Set(profiles.flatMap(blockingKeys))]
}
