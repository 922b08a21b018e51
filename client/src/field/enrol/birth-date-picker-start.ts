import type { DEPENDANT_RELATIONS } from '#shared/application/enums'

/**
 * Where an empty birth-date picker opens. The agent scrolls from there, and a start far from
 * the person's age makes a wrong date easy to confirm: a child's picker opened at 1990-01-01,
 * as the applicant's does. A dependant's relation to the applicant gives the likely
 * generation — a child some 28 years after the applicant, a grandchild 55, a parent or
 * grandparent as many before; a spouse, sibling or anyone else the applicant's own year.
 * Without the applicant's birth date: 1990 as for the applicant, a child ten years ago, a
 * grandchild five. Always the 1st of January (month and day are picked anyway), from 1900
 * and never in a year to come. A year only: the person's real date is theirs to give.
 */

type DependantRelation = (typeof DEPENDANT_RELATIONS)[number]

const DEFAULT_YEAR = 1990
const GENERATION_YEARS: Record<DependantRelation, number> = {
  spouse: 0,
  sibling: 0,
  other: 0,
  child: 28,
  grandchild: 55,
  parent: -28,
  grandparent: -55,
}
const UNKNOWN_APPLICANT_AGE: Partial<Record<DependantRelation, number>> = { child: 10, grandchild: 5 }

function isRelation(value: unknown): value is DependantRelation {
  return typeof value === 'string' && Object.hasOwn(GENERATION_YEARS, value)
}

/** `YYYY-01-01` for a dependant with this relation (null: the applicant, or none chosen yet), given the applicant's birth date if typed. */
export function birthDatePickerStart(relation: unknown, applicantBirthDate: unknown, today: string): string {
  const thisYear = Number(today.slice(0, 4))
  const applicantYear = typeof applicantBirthDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(applicantBirthDate) ? Number(applicantBirthDate.slice(0, 4)) : null
  let year = applicantYear ?? DEFAULT_YEAR
  if (isRelation(relation)) {
    const age = UNKNOWN_APPLICANT_AGE[relation]
    year = applicantYear === null && age !== undefined ? thisYear - age : year + GENERATION_YEARS[relation]
  }
  return `${Math.min(Math.max(year, 1900), thisYear)}-01-01`
}
