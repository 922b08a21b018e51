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

function mapHolders(app: Application, map: (value: string) => string): Application {
  const copy = structuredClone(app) as Application & { person?: Holder, guardian?: Holder, dependants?: Holder[] }
  for (const holder of [copy.person, copy.guardian, ...(copy.dependants ?? [])]) {
    if (holder?.idNumber)
      holder.idNumber = map(holder.idNumber)
  }
  return copy
}

export function identityLookupKey(idType: string, idNumber: string): string {
  return `${idType}:${idNumber}`
}

export function sealApplication(app: Application, cipher: PersonalDataCipher): SealedApplication {
  const sealed = mapHolders(app, value => cipher.encrypt(value))
  if (app.applicantType === 'organisation') {
    return {
      data: JSON.stringify(sealed),
      displayName: app.organisation.name,
      mobile: app.organisation.contact.mobile,
      idNumberHmac: cipher.lookupHash(identityLookupKey('uscc', app.organisation.uscc)),
    }
  }
  return {
    data: JSON.stringify(sealed),
    displayName: app.person.name,
    mobile: app.person.mobile,
    idNumberHmac: cipher.lookupHash(identityLookupKey(app.person.idType, app.person.idNumber)),
  }
}

export function openApplication(data: string, cipher: PersonalDataCipher): Application {
  return mapHolders(JSON.parse(data) as Application, value => cipher.decrypt(value))
}
