import type { CheckResult } from '../errors/issue'
import { fail, pass } from '../errors/issue'
import { hasHiddenCharacters } from '../text/hidden-characters'
import { charLength } from '../text/normalise'
import { DOT_LOOKALIKES, MIDDLE_DOT, normalisePersonName } from './name-normalise'

/**
 * Personal names as written on identity documents.
 *
 * - Chinese names: Han characters of any plane (so 𠮷 and other rare characters in
 *   names are accepted), with the middle dot `·` between parts of transliterated
 *   minority and foreign names (买买提·艾力). Look-alike dots typed on various IMEs
 *   (`•`, `・`, `･`, `．`, `.`, `⸱`, `ꞏ`…) are turned into `·`.
 * - Latin names: letters with diacritics, single spaces, hyphens, apostrophes and periods
 *   (`Mary-Jane O'Neil`, `José Álvarez`).
 * Lengths count characters (code points after NFC), not UTF-16 units. Digits, control
 * characters and mixtures of both scripts are refused, each with its own code.
 */

/**
 * A Chinese name holds at most 30 characters, its dots included: Han-registered names run to
 * 15, but a foreign or minority name transliterated part by part runs longer
 * (克里斯蒂亚诺·罗纳尔多·多斯·桑托斯·阿韦罗, 22), and refusing a real person's name is worse
 * than a generous cap.
 */
export const NAME_LIMITS = { min: 2, maxChinese: 30, maxLatin: 60 } as const

/**
 * The most characters a name field may hold as it is typed: the longest name of any script
 * the rule accepts. A shorter cap on the input cut accepted names (a 46-letter Latin name at
 * 40) without a word; anything over the script's own limit is the rule's to say.
 */
export const NAME_INPUT_MAX = Math.max(NAME_LIMITS.maxChinese, NAME_LIMITS.maxLatin)

const HAN = /\p{Script=Han}/u
const LATIN = /\p{Script=Latin}/u
const DIGIT = /\p{Nd}/u
const CHINESE_NAME = /^\p{Script=Han}+(?:·\p{Script=Han}+)*$/u
// A period may end an abbreviation followed by a space (`John F. Kennedy`, `J.R.R. Tolkien`).
const LATIN_NAME = /^\p{Script=Latin}+(?:(?:[ '\-]|\. ?)\p{Script=Latin}+)*\.?$/u

export { normalisePersonName }

export function checkPersonName(input: string): CheckResult {
  // Tabs and line breaks from a paste are only white space; anything else hidden is refused.
  if (hasHiddenCharacters(input))
    return fail('name.invalid_characters')
  const name = normalisePersonName(input)
  if (DIGIT.test(name))
    return fail('name.digits')
  const hasHan = HAN.test(name)
  if (hasHan && LATIN.test(name))
    return fail('name.mixed_scripts')

  const length = charLength(name)
  if (length < NAME_LIMITS.min)
    return fail('name.too_short', { min: NAME_LIMITS.min })

  if (hasHan) {
    if (length > NAME_LIMITS.maxChinese)
      return fail('name.too_long', { max: NAME_LIMITS.maxChinese })
    if (CHINESE_NAME.test(name))
      return pass(name)
    return name.startsWith(MIDDLE_DOT) || name.endsWith(MIDDLE_DOT) || name.includes(MIDDLE_DOT + MIDDLE_DOT)
      ? fail('name.misplaced_dot')
      : fail('name.invalid_characters')
  }
  if (length > NAME_LIMITS.maxLatin)
    return fail('name.too_long', { max: NAME_LIMITS.maxLatin })
  return LATIN_NAME.test(name.replace(DOT_LOOKALIKES, '.')) ? pass(name) : fail('name.invalid_characters')
}
