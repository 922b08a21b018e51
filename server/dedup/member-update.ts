import type { Application } from '#shared/application/application.schema'
import type { MemberUpdateField } from '#shared/dedup/resolution'
import { ORGANISATION_MEMBER_UPDATE_FIELDS, PERSON_MEMBER_UPDATE_FIELDS } from '#shared/dedup/resolution'

/**
 * The member's data with the chosen contact details taken from the newer application
 * (a same-person resolution). Identity — name, birth date, documents — never changes here.
 * Answers the fields that actually changed, so the history records only those.
 */
export function withNewerDetails(member: Application, newer: Application, fields: readonly MemberUpdateField[]): { data: Application, changed: MemberUpdateField[] } {
  const changed: MemberUpdateField[] = []
  if (member.applicantType === 'organisation' && newer.applicantType === 'organisation') {
    const organisation = { ...member.organisation }
    for (const field of fields.filter(f => ORGANISATION_MEMBER_UPDATE_FIELDS.includes(f))) {
      const key = field as 'contact' | 'registeredAddress'
      if (JSON.stringify(organisation[key]) !== JSON.stringify(newer.organisation[key])) {
        Object.assign(organisation, { [key]: newer.organisation[key] })
        changed.push(field)
      }
    }
    return { data: { ...member, organisation }, changed }
  }
  if (member.applicantType !== 'organisation' && newer.applicantType !== 'organisation') {
    const person = { ...member.person }
    for (const field of fields.filter(f => PERSON_MEMBER_UPDATE_FIELDS.includes(f))) {
      const key = field as 'mobile' | 'email' | 'address' | 'occupation' | 'employer'
      const value = newer.person[key]
      if (value !== undefined && JSON.stringify(person[key]) !== JSON.stringify(value)) {
        Object.assign(person, { [key]: value })
        changed.push(field)
      }
    }
    return { data: { ...member, person }, changed }
  }
  return { data: member, changed }
}
