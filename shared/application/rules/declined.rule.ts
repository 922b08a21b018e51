import type { Rule } from './rule-context'
import { z } from 'zod'
import { DECLINABLE_PERSON_FIELDS } from '../enums'

const declinedSchema = z.array(z.enum(DECLINABLE_PERSON_FIELDS))

/** A field the applicant declined (拒绝提供) must not also carry a value: one or the other. */
export const declinedRule: Rule = (ctx) => {
  const declined = ctx.read('person.declined', declinedSchema)
  for (const field of declined ?? []) {
    const value = ctx.raw(`person.${field}`)
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0))
      ctx.error(`person.${field}`, 'field.declined_but_given')
  }
}
