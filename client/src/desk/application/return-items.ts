import type { AttachmentKind } from '#shared/application/enums'
import type { ReturnItem } from '#shared/status/review-decisions'
import { leavesOf } from '#shared/application/application-paths'
import { ATTACHMENT_KINDS } from '#shared/application/enums'
import { NOT_RETURNABLE, RETURNABLE_PARTS } from '#shared/status/return-item'

/**
 * The return checklist: which fields and materials a reviewer can ask the agent to fix,
 * and the items sent with the decision (`ReturnItem`: a field by its path, a material by
 * its attachment kind), which the field app highlights on the returned application. Pure.
 */

export function returnableFields(application: unknown): string[] {
  return RETURNABLE_PARTS.flatMap(part => leavesOf(application, part))
    .map(leaf => leaf.path)
    .filter(path => !NOT_RETURNABLE.has(path.split('.').at(-1)!))
}

/** Every material kind: a missing one can be asked for too. */
export const RETURNABLE_MATERIALS: readonly AttachmentKind[] = ATTACHMENT_KINDS

export function returnItems(fields: readonly string[], materials: readonly AttachmentKind[]): ReturnItem[] {
  return [
    ...fields.map(ref => ({ kind: 'field' as const, ref })),
    ...materials.map(ref => ({ kind: 'material' as const, ref })),
  ]
}
