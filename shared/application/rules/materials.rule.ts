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
  const kindsById = new Map<string, AttachmentKind>()
  const kinds = new Set<AttachmentKind>()
  for (const i of indexesAt(ctx, 'attachments')) {
    const attachment = ctx.read(`attachments.${i}`, AttachmentSchema)
    if (!attachment)
      continue
    if (kindsById.has(attachment.id))
      ctx.error(`attachments.${i}.id`, 'attachment.duplicate_id')
    kindsById.set(attachment.id, attachment.kind)
    kinds.add(attachment.kind)
    if (attachment.size > ctx.settings.maxAttachmentBytes)
      ctx.error(`attachments.${i}.size`, 'attachment.too_large', { maxMb: Math.floor(ctx.settings.maxAttachmentBytes / 1024 / 1024) })
  }

  for (const path of ['consent.signatureAttachmentId', 'consent.guardianSignatureAttachmentId']) {
    const id = ctx.read(path, uuid)
    if (id === undefined)
      continue
    const kind = kindsById.get(id)
    if (kind === undefined)
      ctx.error(path, 'attachment.unknown_reference')
    else if (kind !== 'signature')
      ctx.error(path, 'attachment.wrong_kind', { expected: 'signature' })
  }

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
