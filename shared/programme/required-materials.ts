import type { ApplicantType, AttachmentKind } from '../application/enums'
import type { IdType } from '../identity/id-document'
import type { ProgrammeSettings } from './programme.schema'
import { findCategory } from './programme.schema'

/**
 * The materials (申请材料) an application must carry: what its category requires for its
 * applicant type, with two facts no setting can change. An organisation always needs its
 * business licence. A passport is photographed on its data page alone: it has no back, so
 * an ID back photo is never asked of an applicant who shows one.
 *
 * The tablet lists these as required and the materials rule refuses an application
 * without them: both call this, so they cannot disagree.
 */
export function requiredMaterials(
  settings: ProgrammeSettings,
  application: { applicantType: ApplicantType, category: string | undefined, idType: IdType | undefined },
): AttachmentKind[] {
  const category = application.category === undefined ? undefined : findCategory(settings, application.category)
  const kinds = new Set<AttachmentKind>(category?.requiredMaterials[application.applicantType] ?? [])
  if (application.applicantType === 'organisation')
    kinds.add('business_licence')
  if (!hasBackSide(application.idType))
    kinds.delete('id_back')
  return [...kinds]
}

/** Whether the applicant's document has a back to photograph; unknown documents are assumed to. */
export function hasBackSide(idType: IdType | undefined): boolean {
  return idType !== 'passport'
}
