import type { Application } from '#shared/application/application.schema'
import type { PersonalDataCipher } from '../security/personal-data'

/**
 * How an application is kept at rest: the JSON of the validated application with every
 * identity document number (applicant, guardian, dependants) encrypted, plus the columns
 * lists and look-ups need — the applicant's name and mobile (masked on output) and a keyed
 * hash of "document type:number" for equality look-ups without decryption.
 */

export interface SealedApplication {
  data: string
  displayName: string
  mobile: string
  idNumberHmac: string | null
}

type Holder = { idNumber?: string | undefined } | undefined

/**
 * A copy of the application with every holder's ID number mapped. Only the objects on the
 * way to a number are copied (the rest is shared with `app`, never changed): sealing runs
 * on every pushed application, and a deep clone cost several times the encryption itself.
 */
function mapHolders(app: Application, map: (value: string) => string): Application {
  const mapped = (holder: Holder): Holder => holder?.idNumber ? { ...holder, idNumber: map(holder.idNumber) } : holder
  const copy = { ...app } as Application & { person?: Holder, guardian?: Holder, dependants?: Holder[] }
  if ('person' in copy)
    copy.person = mapped(copy.person)
  if ('guardian' in copy)
    copy.guardian = mapped(copy.guardian)
  if (Array.isArray(copy.dependants))
    copy.dependants = copy.dependants.map(mapped)
  return copy
}

export function identityLookupKey(idType: string, idNumber: string): string {
  return `${idType}:${idNumber}`
}

/** The keyed hash of the applicant's identity document (the person's ID, or the organisation's USCC); null when the record holds none (purged). */
export function identityLookupHash(app: Application, cipher: Pick<PersonalDataCipher, 'lookupHash'>): string | null {
  if (app.applicantType === 'organisation')
    return app.organisation ? cipher.lookupHash(identityLookupKey('uscc', app.organisation.uscc)) : null
  return app.person?.idNumber ? cipher.lookupHash(identityLookupKey(app.person.idType, app.person.idNumber)) : null
}

export function sealApplication(app: Application, cipher: PersonalDataCipher): SealedApplication {
  const sealed = mapHolders(app, value => cipher.encrypt(value))
  if (app.applicantType === 'organisation') {
    return {
      data: JSON.stringify(sealed),
      displayName: app.organisation.name,
      mobile: app.organisation.contact.mobile,
      idNumberHmac: identityLookupHash(app, cipher),
    }
  }
  return {
    data: JSON.stringify(sealed),
    displayName: app.person.name,
    mobile: app.person.mobile,
    idNumberHmac: identityLookupHash(app, cipher),
  }
}

export function openApplication(data: string, cipher: PersonalDataCipher): Application {
  return mapHolders(JSON.parse(data) as Application, value => cipher.decrypt(value))
}

/**
 * Stored JSON sealed again under `next` (key rotation): each ID number opened with `open`,
 * the rest of the JSON untouched. Answers the new JSON and the application opened (for
 * its look-up hash).
 */
export function resealApplication(data: string, open: (sealed: string) => string, next: PersonalDataCipher): { data: string, opened: Application } {
  const opened = mapHolders(JSON.parse(data) as Application, open)
  return { data: JSON.stringify(mapHolders(opened, value => next.encrypt(value))), opened }
}
