import { maskAddressDetail, maskEmail, maskIdNumber, maskMobile, maskName } from '#shared/privacy/masking'

/**
 * The masked view of an application, with the shared masking rules. The server masks the
 * detail unless the reviewer asks for the full view (`?reveal=true`); masking here too
 * means the screen never shows a full value the reviewer did not ask for, whatever the
 * server sent. Safe on values the server already masked: every rule gives the same result
 * when applied twice. Pure; returns a copy.
 */

type Masker = (value: string) => string

/** The last segment of a leaf path → how it is masked (within personal parts only). */
const PERSONAL_FIELDS: Record<string, Masker> = {
  name: maskName,
  idNumber: maskIdNumber,
  mobile: maskMobile,
  email: maskEmail,
  detail: maskAddressDetail,
  legalRepresentative: maskName,
}

/** Parts of the application about people; an organisation's own name, code and address are not personal data. */
const PERSONAL_PARTS = new Set(['person', 'guardian', 'dependants', 'contact'])

function maskNode(value: unknown, personal: boolean, key: string): unknown {
  if (Array.isArray(value))
    return value.map(item => maskNode(item, personal, key))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskNode(v, personal || PERSONAL_PARTS.has(k), k)]))
  }
  const masker = PERSONAL_FIELDS[key]
  if (typeof value === 'string' && masker && (personal || key === 'legalRepresentative'))
    return masker(value)
  return value
}

export function maskApplication<T>(application: T): T {
  return maskNode(application, false, '') as T
}
