import type { Application } from '../application/application.schema'
import { normaliseMobile } from '../contact/mobile'
import { normalisePersonName } from '../person/person-name'
import { normaliseDocumentNumber, normaliseText } from '../text/normalise'
import { addressKey, organisationNameTokens, personNameTokens } from './match-text'

/**
 * The parties of an application as duplicate matching sees them (DESIGN.md §6): the
 * applicant, each dependant of a family (a dependant here may be an applicant elsewhere),
 * or the organisation. A guardian only signs for a minor and is nobody's duplicate.
 * Every value is already in the normal form the rules compare.
 */

/** `applicant`, `dependant:<index>` or `organisation`. */
export type Party = string

export interface PersonProfile {
  kind: 'person'
  party: Party
  /** The name as written (normalised): tells a homophone from the same name. */
  name: string
  nameTokens: string[]
  birthDate: string
  idType: string | null
  idNumber: string | null
  mobile: string | null
  address: string | null
}

export interface OrganisationProfile {
  kind: 'organisation'
  party: Party
  name: string
  nameTokens: string[]
  uscc: string
  mobile: string
  address: string | null
}

export type MatchProfile = PersonProfile | OrganisationProfile

function optionalMobile(mobile: string | undefined): string | null {
  return mobile ? normaliseMobile(mobile) : null
}

export function matchProfiles(app: Application): MatchProfile[] {
  if (app.applicantType === 'organisation') {
    const org = app.organisation
    return [{
      kind: 'organisation',
      party: 'organisation',
      name: normaliseText(org.name),
      nameTokens: organisationNameTokens(org.name),
      uscc: normaliseDocumentNumber(org.uscc),
      mobile: normaliseMobile(org.contact.mobile),
      address: addressKey(org.registeredAddress),
    }]
  }
  const address = addressKey(app.person.address)
  const applicant: PersonProfile = {
    kind: 'person',
    party: 'applicant',
    name: normalisePersonName(app.person.name),
    nameTokens: personNameTokens(app.person.name),
    birthDate: app.person.birthDate,
    idType: app.person.idType,
    idNumber: normaliseDocumentNumber(app.person.idNumber),
    mobile: optionalMobile(app.person.mobile),
    address,
  }
  if (app.applicantType !== 'family')
    return [applicant]
  // A family lives at the applicant's address; that is what a dependant enrolled alone would give.
  const dependants = app.dependants.map((d, i): PersonProfile => ({
    kind: 'person',
    party: `dependant:${i}`,
    name: normalisePersonName(d.name),
    nameTokens: personNameTokens(d.name),
    birthDate: d.birthDate,
    idType: d.idType && d.idNumber ? d.idType : null,
    idNumber: d.idType && d.idNumber ? normaliseDocumentNumber(d.idNumber) : null,
    mobile: optionalMobile(d.mobile),
    address,
  }))
  return [applicant, ...dependants]
}
