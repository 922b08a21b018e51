import type { AttachmentKind } from '../enums'
import type { Rule } from './rule-context'
import { findCategory } from '../../programme/programme.schema'
import { ApplicantTypeSchema, AttachmentSchema } from '../application.schema'
import { uuid } from '../field-schemas'
import { indexesAt } from './rule-context'

/**
 * Attachments: ids are unique and sizes within the programme's limit; the signatures the
 * consent names are attachments of kind `signature`; the materials the programme
 * requires for this category and applicant type are attached (an organisation always
 * needs its business licence, whatever the settings say).
 */
export const materialsRule: Rule = (ctx) => {
  // Each field of an attachment is read on its own: an attachment with, say, a malformed
  // hash still counts as present for its kind and can still be referenced by its id.
  const kindsById = new Map<string, AttachmentKind | undefined>()
  const kinds = new Set<AttachmentKind>()
  for (const i of indexesAt(ctx, 'attachments')) {
    const id = ctx.read(`attachments.${i}.id`, uuid)
    const kind = ctx.read(`attachments.${i}.kind`, AttachmentSchema.shape.kind)
    const size = ctx.read(`attachments.${i}.size`, AttachmentSchema.shape.size)
    if (id !== undefined) {
      if (kindsById.has(id))
        ctx.error(`attachments.${i}.id`, 'attachment.duplicate_id')
      kindsById.set(id, kind)
    }
    if (kind !== undefined)
      kinds.add(kind)
    if (size !== undefined && size > ctx.settings.maxAttachmentBytes)
      ctx.error(`attachments.${i}.size`, 'attachment.too_large', { maxMb: Math.floor(ctx.settings.maxAttachmentBytes / 1024 / 1024) })
  }

  for (const path of ['consent.signatureAttachmentId', 'consent.guardianSignatureAttachmentId']) {
    const id = ctx.read(path, uuid)
    if (id === undefined)
      continue
    const kind = kindsById.get(id)
    if (!kindsById.has(id))
      ctx.error(path, 'attachment.unknown_reference')
    else if (kind !== undefined && kind !== 'signature')
      ctx.error(path, 'attachment.wrong_kind', { expected: 'signature' })
  }

  const applicantSignature = ctx.read('consent.signatureAttachmentId', uuid)
  if (applicantSignature !== undefined && applicantSignature === ctx.read('consent.guardianSignatureAttachmentId', uuid))
    ctx.error('consent.guardianSignatureAttachmentId', 'guardian.same_signature')

  const applicantType = ctx.read('applicantType', ApplicantTypeSchema)
  const categoryCode = ctx.raw('category')
  const category = typeof categoryCode === 'string' ? findCategory(ctx.settings, categoryCode) : undefined
  if (applicantType === undefined)
    return
  const required = new Set<AttachmentKind>(category?.requiredMaterials[applicantType] ?? [])
  if (applicantType === 'organisation')
    required.add('business_licence')
  for (const kind of required) {
    if (!kinds.has(kind))
      ctx.error('attachments', 'materials.missing', { kind })
  }
}
