import type { Application } from '../application/application.schema'
import type { DuplicateLevel } from './duplicate-levels'
import type { DuplicateReason, DuplicateRules } from './duplicate-rules'
import type { MatchProfile, OrganisationProfile, Party, PersonProfile } from './match-profile'
import { matchProfiles } from './match-profile'
import { documentNumbersSimilar, namesSimilar } from './match-text'

/**
 * Duplicate scoring (DESIGN.md §6), the one function the server's ingest check, the re-scan
 * and the benchmarks all call. Each reason found between two parties adds its weight from
 * the programme's rules; the best-scoring pair of parties speaks for the two applications.
 */

export interface ReasonFound {
  code: DuplicateReason
  /** The party of the incoming application, and of the record it matched. */
  party: Party
  otherParty: Party
}

export interface DuplicateScore {
  score: number
  /** Null when the score is below the `possible` threshold: not a candidate. */
  level: DuplicateLevel | null
  reasons: ReasonFound[]
}

function personReasons(a: PersonProfile, b: PersonProfile): DuplicateReason[] {
  const reasons: DuplicateReason[] = []
  if (a.idType && b.idType && a.idType === b.idType && a.idNumber && b.idNumber) {
    if (a.idNumber === b.idNumber)
      reasons.push('same_id_number')
    else
      reasons.push(documentNumbersSimilar(a.idNumber, b.idNumber) ? 'similar_id_number' : 'different_id_number')
  }
  if (a.mobile && a.mobile === b.mobile)
    reasons.push('same_mobile')
  if (namesSimilar(a.nameTokens, b.nameTokens)) {
    if (a.birthDate === b.birthDate)
      reasons.push('similar_name_same_birth_date')
    if (a.address && a.address === b.address)
      reasons.push('similar_name_same_address')
  }
  return reasons
}

function organisationReasons(a: OrganisationProfile, b: OrganisationProfile): DuplicateReason[] {
  const reasons: DuplicateReason[] = []
  if (a.uscc === b.uscc)
    reasons.push('same_uscc')
  else
    reasons.push(documentNumbersSimilar(a.uscc, b.uscc) ? 'similar_uscc' : 'different_uscc')
  if (a.mobile === b.mobile)
    reasons.push('same_mobile')
  if (a.address && a.address === b.address && namesSimilar(a.nameTokens, b.nameTokens))
    reasons.push('similar_name_same_address')
  return reasons
}

/** The reasons two parties match on; parties of different kinds never match. */
export function reasonsBetween(a: MatchProfile, b: MatchProfile): DuplicateReason[] {
  if (a.kind === 'person' && b.kind === 'person')
    return personReasons(a, b)
  if (a.kind === 'organisation' && b.kind === 'organisation')
    return organisationReasons(a, b)
  return []
}

export function levelOf(score: number, rules: DuplicateRules): DuplicateLevel | null {
  const { certain, likely, possible } = rules.thresholds
  if (score >= certain)
    return 'certain'
  if (score >= likely)
    return 'likely'
  return score >= possible ? 'possible' : null
}

export function scoreReasons(reasons: readonly DuplicateReason[], rules: DuplicateRules): number {
  return reasons.reduce((sum, code) => sum + rules.weights[code], 0)
}

/**
 * The score of `incoming` against `existing`, from their parties' profiles (made once per
 * record with `matchProfiles`; the server keeps them for the look-up's whole batch).
 * A pair with no reason of positive weight is not scored at all; otherwise reasons that speak
 * against (negative weights) stay in the answer, so a reviewer sees what argues for two people.
 */
export function scoreProfiles(incoming: readonly MatchProfile[], existing: readonly MatchProfile[], rules: DuplicateRules): DuplicateScore {
  let best: DuplicateScore = { score: 0, level: null, reasons: [] }
  for (const a of incoming) {
    for (const b of existing) {
      const codes = reasonsBetween(a, b)
      if (!codes.some(code => rules.weights[code] > 0))
        continue
      const score = scoreReasons(codes, rules)
      if (score > best.score || !best.reasons.length)
        best = { score, level: levelOf(score, rules), reasons: codes.map(code => ({ code, party: a.party, otherParty: b.party })) }
    }
  }
  return best
}

export function scoreApplications(incoming: Application, existing: Application, rules: DuplicateRules): DuplicateScore {
  return scoreProfiles(matchProfiles(incoming), matchProfiles(existing), rules)
}
