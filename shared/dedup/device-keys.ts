import { isMobile, normaliseMobile } from '../contact/mobile'
import { normaliseDocumentNumber } from '../text/normalise'

/**
 * The at-once duplicate hint on the device (DESIGN.md §6): the keys under which an
 * application's applicant is looked up among the device's own applications — the same ID
 * document (type + number), the same mobile, the same USCC. Values are normalised first, so
 * `+86 138 0013 8000` and `13800138000`, or `x` and `X`, meet. Works on drafts: missing or
 * half-typed fields give no key rather than an error.
 */

export type DeviceDuplicateKind = 'id' | 'mobile' | 'uscc'

interface DraftLike {
  person?: { idType?: unknown, idNumber?: unknown, mobile?: unknown }
  dependants?: Array<{ idType?: unknown, idNumber?: unknown }>
  organisation?: { uscc?: unknown }
}

function idKey(idType: unknown, idNumber: unknown): string | null {
  if (typeof idType !== 'string' || typeof idNumber !== 'string')
    return null
  const number = normaliseDocumentNumber(idNumber)
  return number.length >= 6 ? `id:${idType}:${number}` : null
}

function mobileKey(mobile: unknown): string | null {
  if (typeof mobile !== 'string')
    return null
  const number = normaliseMobile(mobile)
  return isMobile(number) ? `mobile:${number}` : null
}

function usccKey(uscc: unknown): string | null {
  if (typeof uscc !== 'string')
    return null
  const code = normaliseDocumentNumber(uscc)
  return code.length === 18 ? `uscc:${code}` : null
}

/** Every key of the application, without repeats. */
export function deviceDuplicateKeys(application: unknown): string[] {
  const draft = (application ?? {}) as DraftLike
  const keys = [
    idKey(draft.person?.idType, draft.person?.idNumber),
    mobileKey(draft.person?.mobile),
    ...(draft.dependants ?? []).map(d => idKey(d?.idType, d?.idNumber)),
    usccKey(draft.organisation?.uscc),
  ]
  return [...new Set(keys.filter((key): key is string => key !== null))]
}

/** What a key says matched, for the hint's wording. */
export function deviceDuplicateKind(key: string): DeviceDuplicateKind {
  return key.slice(0, key.indexOf(':')) as DeviceDuplicateKind
}
