import type { AttachmentKind } from '../enums'
import type { Rule } from './rule-context'
import { requiredMaterials } from '../../programme/required-materials'
import { ApplicantTypeSchema, AttachmentSchema, IdTypeSchema } from '../application.schema'
import { uuid } from '../field-schemas'
import { indexesAt } from './rule-context'

/**
 * Attachments: ids are unique and sizes within the programme's limit; the signatures the
 * consent names are attachments of kind `signature`; the materials this application
 * requires (`requiredMaterials`: its category and applicant type, the applicant's
 * document) are attached.
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
  if (applicantType === undefined)
    return
  const categoryCode = ctx.raw('category')
  const required = requiredMaterials(ctx.settings, {
    applicantType,
    category: typeof categoryCode === 'string' ? categoryCode : undefined,
    // An organisation's legal representative shows no document on the application.
    idType: applicantType === 'organisation' ? undefined : ctx.read('person.idType', IdTypeSchema),
  })
  for (const kind of required) {
    if (!kinds.has(kind))
      ctx.error('attachments', 'materials.missing', { kind })
  }
}
