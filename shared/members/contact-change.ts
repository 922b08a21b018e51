import type { Application } from '../application/application.schema'
import type { MemberUpdateField } from '../dedup/resolution'
import { z } from 'zod'
import { AddressSchema, OrganisationSchema } from '../application/application.schema'
import { email, mobile, personName, text } from '../application/field-schemas'

/**
 * A member's contact details changed at the desk (资料变更): members move, change phones,
 * name another contact person. Only contact details change, never identity — name, gender,
 * birth date, documents and an organisation's registration stay as approved; a different
 * identity is a new application. Each field is checked by the application's own field
 * schema. The primary applicant's (individual, family) or the organisation's details:
 *
 *   person:       mobile, email, address, occupation, employer
 *   organisation: contact (name, mobile, position), registeredAddress
 *
 * What is left out stays as it is, the contact person's parts too: a new mobile for the same
 * contact, or a position, changes only that (the desk need not reveal the rest to keep it);
 * an address is given whole, since a street means nothing without its county.
 *
 * An optional detail (email, occupation, employer) can be removed with `null`, as PIPL lets
 * a member withdraw what it need not give; giving one the applicant had declined (拒绝提供)
 * lifts the decline. A same-person duplicate resolution carries newer details over through
 * the same function (`newerDetails`).
 */

export const PersonContactChangeSchema = z.object({
  mobile: mobile.optional(),
  email: email.nullable().optional(),
  address: AddressSchema.optional(),
  occupation: text(40).nullable().optional(),
  employer: text(100).nullable().optional(),
}).strict()

export const OrganisationContactChangeSchema = z.object({
  contact: z.object({ name: personName.optional(), mobile: mobile.optional(), position: text(40).optional() }).strict().optional(),
  registeredAddress: AddressSchema.optional(),
}).strict()

export const MemberContactChangeSchema = z.object({
  person: PersonContactChangeSchema.optional(),
  organisation: OrganisationContactChangeSchema.optional(),
}).strict()
export type MemberContactChange = z.infer<typeof MemberContactChangeSchema>

type PersonKey = keyof z.infer<typeof PersonContactChangeSchema>
type OrganisationKey = keyof z.infer<typeof OrganisationContactChangeSchema>
const PERSON_KEYS: readonly PersonKey[] = ['mobile', 'email', 'address', 'occupation', 'employer']
const ORGANISATION_KEYS: readonly OrganisationKey[] = ['contact', 'registeredAddress']

export type ContactChangeResult
  = | { ok: true, data: Application, changed: MemberUpdateField[] }
    | { ok: false, code: 'member.contact_type_mismatch' }

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

function definedParts<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, part]) => part !== undefined)) as Partial<T>
}

/**
 * The member's data with `change` applied, and the fields whose value actually changed (the
 * history records those). A change for the other kind of applicant is refused.
 */
export function applyContactChange(data: Application, change: MemberContactChange): ContactChangeResult {
  const changed: MemberUpdateField[] = []
  if (data.applicantType === 'organisation') {
    if (change.person)
      return { ok: false, code: 'member.contact_type_mismatch' }
    const organisation = { ...data.organisation }
    for (const key of ORGANISATION_KEYS) {
      const given = change.organisation?.[key]
      // The contact person's parts left out are kept.
      const value = key === 'contact' && given ? { ...organisation.contact, ...definedParts(given) } : given
      if (value !== undefined && !same(organisation[key], value)) {
        Object.assign(organisation, { [key]: value })
        changed.push(key)
      }
    }
    // Parsed again so the stored organisation keeps its defaults and normal forms.
    return { ok: true, data: { ...data, organisation: OrganisationSchema.parse(organisation) }, changed }
  }
  if (change.organisation)
    return { ok: false, code: 'member.contact_type_mismatch' }
  const person: Record<string, unknown> = { ...data.person }
  let declined = [...data.person.declined]
  for (const key of PERSON_KEYS) {
    const value = change.person?.[key]
    if (value === undefined || same(person[key], value))
      continue
    if (value === null)
      delete person[key]
    else
      person[key] = value
    declined = declined.filter(field => field !== key)
    changed.push(key)
  }
  person.declined = declined
  return { ok: true, data: { ...data, person: person as typeof data.person }, changed }
}

/** The change that carries `fields` over from a newer application of the same party (a same-person resolution). */
export function newerDetails(newer: Application, fields: readonly MemberUpdateField[]): MemberContactChange {
  const wanted = new Set<string>(fields)
  if (newer.applicantType === 'organisation') {
    const organisation: Record<string, unknown> = {}
    for (const key of ORGANISATION_KEYS) {
      if (wanted.has(key))
        organisation[key] = newer.organisation[key]
    }
    return { organisation }
  }
  const person: Record<string, unknown> = {}
  for (const key of PERSON_KEYS) {
    // A detail the newer application leaves out is not a request to remove it.
    if (wanted.has(key) && newer.person[key] !== undefined)
      person[key] = newer.person[key]
  }
  return { person }
}
