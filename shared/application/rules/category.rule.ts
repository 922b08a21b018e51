import type { Rule } from './rule-context'
import { z } from 'zod'
import { findCategory } from '../../programme/programme.schema'
import { ApplicantTypeSchema } from '../application.schema'
import { applicantAge } from './identity.rule'
import { indexesAt } from './rule-context'

const code = z.string().min(1)

/**
 * The member category and level exist in the programme and fit the applicant type; an
 * applicant under the category's minimum age has a guardian who signs; a family has at
 * least one dependant and no more than the programme allows.
 */
export const categoryRule: Rule = (ctx) => {
  const categoryCode = ctx.read('category', code)
  if (categoryCode === undefined)
    return
  const category = findCategory(ctx.settings, categoryCode)
  if (!category) {
    ctx.error('category', 'category.unknown', { category: categoryCode })
    return
  }

  const applicantType = ctx.read('applicantType', ApplicantTypeSchema)
  if (applicantType !== undefined && !category.applicantTypes.includes(applicantType))
    ctx.error('category', 'category.applicant_type_mismatch')

  const level = ctx.read('level', code)
  if (category.levels.length > 0 && level === undefined && ctx.raw('level') === undefined)
    ctx.error('level', 'level.required')
  if (level !== undefined) {
    if (category.levels.length === 0)
      ctx.error('level', 'level.not_applicable')
    else if (!category.levels.some(l => l.code === level))
      ctx.error('level', 'level.unknown', { level })
  }

  const age = applicantAge(ctx)
  if (age !== undefined && age < category.minimumAge) {
    if (ctx.raw('guardian') === undefined)
      ctx.error('guardian', 'age.below_minimum', { minimumAge: category.minimumAge, age })
    if (ctx.raw('consent.guardianSignatureAttachmentId') === undefined)
      ctx.error('consent.guardianSignatureAttachmentId', 'guardian.signature_required', { minimumAge: category.minimumAge })
  }

  if (applicantType === 'family' && Array.isArray(ctx.raw('dependants')) && indexesAt(ctx, 'dependants').length === 0)
    ctx.error('dependants', 'family.dependant_required')
  if (applicantType === 'family' && indexesAt(ctx, 'dependants').length > ctx.settings.maxDependants)
    ctx.error('dependants', 'family.too_many_dependants', { max: ctx.settings.maxDependants })
}
