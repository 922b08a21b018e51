import type { Rule, RuleContext } from './rule-context'
import { ageOn } from '../../dates/calendar'
import { checkIdNumber } from '../../identity/id-document'
import { foreignPermanentIdBirthDate } from '../../identity/other-documents'
import { parseResidentId } from '../../identity/resident-id'
import { GenderSchema, IdTypeSchema } from '../application.schema'
import { calendarDate, documentNumber } from '../field-schemas'
import { indexesAt } from './rule-context'

/**
 * Identity documents of everyone on the application (applicant, guardian, dependants):
 * the number must fit its document type, and an 18-digit resident ID must agree with the
 * gender and birth date entered beside it (a 2023 foreign permanent-residence ID with the
 * birth date, and a guardian's with their age: whether its sequence tells the gender is not
 * published, so that is not checked). Birth dates cannot be in the future.
 */

const EARLIEST_BIRTH_DATE = '1890-01-01'
/** Full civil capacity (Civil Code art. 17): a guardian must have reached it. */
const ADULT_AGE = 18

function checkPerson(ctx: RuleContext, base: string, { withBio }: { withBio: boolean }): void {
  const birthDate = withBio ? ctx.read(`${base}.birthDate`, calendarDate) : undefined
  if (birthDate !== undefined) {
    if (birthDate > ctx.today)
      ctx.error(`${base}.birthDate`, 'date.future')
    else if (birthDate < EARLIEST_BIRTH_DATE)
      ctx.error(`${base}.birthDate`, 'date.too_early', { min: EARLIEST_BIRTH_DATE })
  }

  const idType = ctx.read(`${base}.idType`, IdTypeSchema)
  const idNumber = ctx.read(`${base}.idNumber`, documentNumber)
  if (idNumber !== undefined && ctx.raw(`${base}.idType`) === undefined)
    ctx.error(`${base}.idType`, 'field.required')
  if (idType !== undefined && ctx.raw(`${base}.idNumber`) === undefined)
    ctx.error(`${base}.idNumber`, 'field.required')
  if (idType === undefined || idNumber === undefined)
    return
  const checked = checkIdNumber(idType, idNumber, { today: ctx.today })
  if (!checked.ok) {
    ctx.error(`${base}.idNumber`, checked.code, checked.params)
    return
  }
  if (idType === 'foreign_permanent_id') {
    // The 2023 card's number says the birth date too (the old card's says nothing usable).
    const inNumber = foreignPermanentIdBirthDate(checked.value)
    if (inNumber === null)
      return
    if (!withBio) {
      const age = ageOn(inNumber, ctx.today)
      if (age < ADULT_AGE)
        ctx.error(`${base}.idNumber`, 'guardian.not_adult', { age })
    }
    else if (birthDate !== undefined && birthDate !== inNumber) {
      ctx.error(`${base}.birthDate`, 'id.birth_date_mismatch', { expected: inNumber })
    }
    return
  }
  if (idType !== 'resident_id')
    return
  const resident = parseResidentId(idNumber, { today: ctx.today })
  if (!resident.ok)
    return
  if (!withBio) {
    // The guardian gives no birth date, but an 18-digit ID tells their age.
    const age = ageOn(resident.value.birthDate, ctx.today)
    if (age < ADULT_AGE)
      ctx.error(`${base}.idNumber`, 'guardian.not_adult', { age })
    return
  }
  const gender = ctx.read(`${base}.gender`, GenderSchema)
  if (gender !== undefined && gender !== resident.value.gender)
    ctx.error(`${base}.gender`, 'id.gender_mismatch', { expected: resident.value.gender })
  if (birthDate !== undefined && birthDate !== resident.value.birthDate)
    ctx.error(`${base}.birthDate`, 'id.birth_date_mismatch', { expected: resident.value.birthDate })
}

export const identityRule: Rule = (ctx) => {
  if (ctx.raw('person') !== undefined)
    checkPerson(ctx, 'person', { withBio: true })
  if (ctx.raw('guardian') !== undefined)
    checkPerson(ctx, 'guardian', { withBio: false })
  for (const i of indexesAt(ctx, 'dependants'))
    checkPerson(ctx, `dependants.${i}`, { withBio: true })
}

/** The applicant's age today, when the birth date is known and valid. */
export function applicantAge(ctx: RuleContext): number | undefined {
  const birthDate = ctx.read('person.birthDate', calendarDate)
  return birthDate !== undefined && birthDate <= ctx.today ? ageOn(birthDate, ctx.today) : undefined
}
