import type { AttachmentKind } from '#shared/application/enums'
import type { ReturnItem } from '#shared/status/review-decisions'
import { ATTACHMENT_KINDS } from '#shared/application/enums'

/**
 * The return checklist: which materials a reviewer can ask the agent to fix (the fields are
 * the application's own, `returnableFields` in shared/), and the items sent with the decision (`ReturnItem`: a field by its path, a material by
 * its attachment kind), which the field app highlights on the returned application. Pure.
 */

/** Every material kind: a missing one can be asked for too. */
export const RETURNABLE_MATERIALS: readonly AttachmentKind[] = ATTACHMENT_KINDS

export function returnItems(fields: readonly string[], materials: readonly AttachmentKind[]): ReturnItem[] {
  return [
    ...fields.map(ref => ({ kind: 'field' as const, ref })),
    ...materials.map(ref => ({ kind: 'material' as const, ref })),
  ]
}
