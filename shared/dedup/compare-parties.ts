import type { MatchProfile } from './match-profile'
import { documentNumbersSimilar, namesSimilar } from './match-text'

/**
 * Field by field, how two matched parties compare — what the reviewer's side-by-side view
 * highlights. Same rules as scoring (pinyin names, normalised numbers and addresses), so the
 * highlight never disagrees with the reasons; a name is `same` only as written, and a
 * homophone or a one-character typo is `similar`.
 */

export const COMPARED_FIELDS = ['name', 'birthDate', 'idNumber', 'uscc', 'mobile', 'address'] as const
export type ComparedField = (typeof COMPARED_FIELDS)[number]
export type FieldComparison = 'same' | 'similar' | 'different' | 'missing'

function values(a: string | null | undefined, b: string | null | undefined, similar?: (x: string, y: string) => boolean): FieldComparison {
  if (!a || !b)
    return 'missing'
  if (a === b)
    return 'same'
  return similar?.(a, b) ? 'similar' : 'different'
}

function names(a: MatchProfile, b: MatchProfile): FieldComparison {
  if (!a.nameTokens.length || !b.nameTokens.length)
    return 'missing'
  if (a.name === b.name)
    return 'same'
  return namesSimilar(a.nameTokens, b.nameTokens) ? 'similar' : 'different'
}

export function compareParties(a: MatchProfile, b: MatchProfile): Partial<Record<ComparedField, FieldComparison>> {
  if (a.kind === 'organisation' || b.kind === 'organisation') {
    return {
      name: names(a, b),
      uscc: values(a.kind === 'organisation' ? a.uscc : null, b.kind === 'organisation' ? b.uscc : null, documentNumbersSimilar),
      mobile: values(a.mobile, b.mobile),
      address: values(a.address, b.address),
    }
  }
  const sameType = a.idType === b.idType
  return {
    name: names(a, b),
    birthDate: values(a.birthDate, b.birthDate),
    idNumber: sameType ? values(a.idNumber, b.idNumber, documentNumbersSimilar) : (a.idNumber && b.idNumber ? 'different' : 'missing'),
    mobile: values(a.mobile, b.mobile),
    address: values(a.address, b.address),
  }
}

/** What a stored candidate keeps of the comparison: the matched parties and their fields. */
export interface CandidateComparison {
  party: string
  otherParty: string
  fields: Partial<Record<ComparedField, FieldComparison>>
}
