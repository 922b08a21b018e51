import { MEMBER_NUMBER_DIGITS } from '#shared/members/member-number'
import { removeInvisibleCharacters } from '#shared/text/hidden-characters'
import { normaliseDocumentNumber } from '#shared/text/normalise'

/**
 * Whether a members search may be written into the page's address (`?q=`). The box takes a
 * member number (or its beginning), an exact mobile or an ID number; an address is kept in
 * the browser's history on disk, offered again by the address bar, and outlives the tab and
 * the sign-out — no place for a person's mobile or ID number (PIPL: sensitive personal
 * information kept no longer and no wider than needed). Only a member number under the
 * programme's prefix, or the beginning of one, goes there; anything else — a mobile, an ID,
 * passport or permit number (some look like member numbers: `E12345678`), a text that is
 * none of these — stays in the tab (`last-list.ts`). With no prefix known yet, nothing does.
 * Pure: no Vue, no DOM.
 */
export function searchKeptInUrl(text: string, memberNumberPrefix: string | null | undefined): boolean {
  if (!memberNumberPrefix)
    return false
  const search = normaliseDocumentNumber(removeInvisibleCharacters(text))
  if (!search)
    return false
  // The beginning of the prefix itself (`F` of `FE`), or the prefix and up to the number's digits.
  if (memberNumberPrefix.startsWith(search))
    return true
  if (!search.startsWith(memberNumberPrefix))
    return false
  const digits = search.slice(memberNumberPrefix.length)
  return new RegExp(`^\\d{0,${MEMBER_NUMBER_DIGITS}}$`).test(digits)
}
