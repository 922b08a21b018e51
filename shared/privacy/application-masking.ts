import type { Application } from '../application/application.schema'
import { maskIdNumber, maskMobile } from './masking'

/**
 * An application as the desk sees it before anyone asks for the full values: every
 * identity document number and every mobile masked (applicant, guardian, dependants,
 * the organisation's contact); names, addresses and everything else as entered, since a
 * reviewer needs them to judge the application. The USCC is an organisation's public
 * registration number and stays. Full values are shown only on an audited request.
 */

interface Holder { idNumber?: string | undefined, mobile?: string | undefined }

function maskHolder<T extends Holder | undefined>(holder: T): T {
  if (!holder)
    return holder
  return {
    ...holder,
    ...(holder.idNumber ? { idNumber: maskIdNumber(holder.idNumber) } : {}),
    ...(holder.mobile ? { mobile: maskMobile(holder.mobile) } : {}),
  }
}

export function maskApplication(app: Application): Application {
  if (app.applicantType === 'organisation')
    return { ...app, organisation: { ...app.organisation, contact: maskHolder(app.organisation.contact) } }
  if (app.applicantType === 'family')
    return { ...app, person: maskHolder(app.person), guardian: maskHolder(app.guardian), dependants: app.dependants.map(maskHolder) }
  return { ...app, person: maskHolder(app.person), guardian: maskHolder(app.guardian) }
}
