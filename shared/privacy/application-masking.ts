import { maskAddressDetail, maskEmail, maskIdNumber, maskMobile, maskName } from './masking'

/**
 * An application as staff see it before anyone asks for the full values — the one masking
 * policy, applied by the server to every masked answer (the review detail and its versions, a
 * member's application) and by the desk again before it shows anything (so a screen never
 * shows a full value nobody asked for, whatever it was sent). People's names, ID numbers,
 * mobiles, e-mail addresses and street addresses are masked, in every personal part
 * (applicant, guardian, dependants, an organisation's contact, its legal representative,
 * the applicant's referrer);
 * the organisation itself (name, USCC, registered address) is not personal data and stays.
 * Full values only on an audited request (`?reveal=true`). Safe on a masked copy: every rule
 * gives the same result applied twice. Pure; returns a copy.
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
  /** 推荐人: who recommended the applicant, by name — a person's name like any other. */
  referrer: maskName,
}

/** Parts of the application about people. */
const PERSONAL_PARTS = new Set(['person', 'guardian', 'dependants', 'contact'])

function maskNode(value: unknown, personal: boolean, key: string): unknown {
  if (Array.isArray(value))
    return value.map(item => maskNode(item, personal, key))
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskNode(v, personal || PERSONAL_PARTS.has(k), k)]))
  const masker = PERSONAL_FIELDS[key]
  if (typeof value === 'string' && masker && (personal || key === 'legalRepresentative'))
    return masker(value)
  return value
}

export function maskApplication<T>(application: T): T {
  return maskNode(application, false, '') as T
}
