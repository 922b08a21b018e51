import type { z } from 'zod'
import type { Rule } from './rule-context'
import { DependantRelationSchema } from '../application.schema'
import { calendarDate } from '../field-schemas'
import { indexesAt } from './rule-context'

/**
 * A dependant's birth date against the applicant's, by their relation: a child or grandchild
 * not born after the applicant, or a parent or grandparent not born before, is most likely a
 * year typed wrong (1958 for 2008), which the ID number cannot catch when there is none (a
 * young child's is often not given). A warning, not an error: step-families make the
 * unlikely possible, so the agent is told at the field and the reviewer sees it, and nothing
 * is blocked. No dates in the message: a masked view shows birth years only.
 */

type Relation = z.output<typeof DependantRelationSchema>
const YOUNGER: ReadonlySet<Relation> = new Set(['child', 'grandchild'])
const OLDER: ReadonlySet<Relation> = new Set(['parent', 'grandparent'])

export const generationsRule: Rule = (ctx) => {
  const applicant = ctx.read('person.birthDate', calendarDate)
  if (applicant === undefined)
    return
  for (const i of indexesAt(ctx, 'dependants')) {
    const relation = ctx.read(`dependants.${i}.relation`, DependantRelationSchema)
    const birthDate = ctx.read(`dependants.${i}.birthDate`, calendarDate)
    if (relation === undefined || birthDate === undefined)
      continue
    if (YOUNGER.has(relation) && birthDate <= applicant)
      ctx.warn(`dependants.${i}.birthDate`, 'dependant.not_younger')
    else if (OLDER.has(relation) && birthDate >= applicant)
      ctx.warn(`dependants.${i}.birthDate`, 'dependant.not_older')
  }
}
