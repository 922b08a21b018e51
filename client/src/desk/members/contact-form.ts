import type { ApplicantType } from '#shared/application/enums'

/**
 * What the 资料变更 dialog asks for and the change it sends. Only what is filled in changes
 * (the member's current details stay masked: nothing has to be revealed to change them);
 * an optional detail is removed by ticking it. The dialog checks the change with the shared
 * schema the server checks with. Pure: no Vue.
 */

export const REMOVABLE_DETAILS = ['email', 'occupation', 'employer'] as const
export type RemovableDetail = (typeof REMOVABLE_DETAILS)[number]

export interface ContactForm {
  mobile: string
  email: string
  occupation: string
  employer: string
  /** The address: a county code from the region picker and the street detail. */
  regionCode: string
  addressDetail: string
  remove: RemovableDetail[]
  contactName: string
  contactMobile: string
  contactPosition: string
}

export function emptyContactForm(): ContactForm {
  return { mobile: '', email: '', occupation: '', employer: '', regionCode: '', addressDetail: '', remove: [], contactName: '', contactMobile: '', contactPosition: '' }
}

/** Whose details the member's record holds: the primary applicant's, or the organisation's. */
export function contactKind(applicantType: ApplicantType | string): 'person' | 'organisation' {
  return applicantType === 'organisation' ? 'organisation' : 'person'
}

function address(regionCode: string, detail: string): { regionCode: string, detail: string } | undefined {
  return regionCode || detail.trim() ? { regionCode, detail: detail.trim() } : undefined
}

/**
 * The change as the form describes it, before the schema checks it: the fields filled in,
 * `null` for the details ticked for removal, an address only as a whole, the contact
 * person's parts filled in (the others stay as they are). Empty (`{}`) when nothing was
 * filled in.
 */
export function contactChange(kind: 'person' | 'organisation', form: ContactForm): Record<string, unknown> {
  const change: Record<string, unknown> = {}
  if (kind === 'organisation') {
    const parts = { name: form.contactName.trim(), mobile: form.contactMobile.trim(), position: form.contactPosition.trim() }
    const contact = Object.fromEntries(Object.entries(parts).filter(([, part]) => part !== ''))
    if (Object.keys(contact).length > 0)
      change.contact = contact
    const registered = address(form.regionCode, form.addressDetail)
    if (registered)
      change.registeredAddress = registered
    return change
  }
  if (form.mobile.trim())
    change.mobile = form.mobile.trim()
  const home = address(form.regionCode, form.addressDetail)
  if (home)
    change.address = home
  for (const key of REMOVABLE_DETAILS) {
    if (form.remove.includes(key))
      change[key] = null
    else if (form[key].trim())
      change[key] = form[key].trim()
  }
  return change
}
