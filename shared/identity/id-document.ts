import type { CheckResult } from '../errors/issue'
import type { DateContext } from './resident-id'
import { checkForeignPermanentId, checkHkMoPermit, checkPassport, checkTwPermit } from './other-documents'
import { parseResidentId } from './resident-id'

export const ID_TYPES = ['resident_id', 'passport', 'hk_mo_permit', 'tw_permit', 'foreign_permanent_id'] as const
export type IdType = (typeof ID_TYPES)[number]

/** Validates and normalises a document number for its document type. */
export function checkIdNumber(idType: IdType, input: string, ctx: DateContext): CheckResult {
  switch (idType) {
    case 'resident_id': {
      const parsed = parseResidentId(input, ctx)
      return parsed.ok ? { ok: true, value: parsed.value.idNumber } : parsed
    }
    case 'passport': return checkPassport(input)
    case 'hk_mo_permit': return checkHkMoPermit(input)
    case 'tw_permit': return checkTwPermit(input)
    case 'foreign_permanent_id': return checkForeignPermanentId(input, ctx)
  }
}
