import { maskAddressDetail, maskBirthDate, maskEmail, maskIdNumber, maskMobile, maskName } from './masking'

/**
 * An application as staff see it before anyone asks for the full values — the one masking
 * policy, applied by the server to every masked answer (the review detail and its versions, a
 * member's application) and by the desk again before it shows anything (so a screen never
 * shows a full value nobody asked for, whatever it was sent). People's names, ID numbers,
 * mobiles, e-mail addresses, street addresses and birth dates are masked, in every personal part
 * (applicant, guardian, dependants, an organisation's contact, its legal representative,
 * the applicant's referrer), and where it was captured is given to about a kilometre;
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
  /** The year only: the month and day would complete a masked resident ID. */
  birthDate: maskBirthDate,
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

/**
 * Where the application was captured, to about a kilometre: enough for a reviewer to see it
 * was taken in the site's area, not the door it was taken at — at a home visit the exact
 * point is the applicant's home, which the masked street address does not give away either.
 * Two decimals of a degree (~1.1 km north–south, less east–west), and an accuracy that says
 * so; the exact point only in the full view.
 */
export const MASKED_GEO_DECIMALS = 2
export const MASKED_GEO_ACCURACY_M = 1000

interface Geo { lat: number, lng: number, accuracy: number }

function isGeo(value: unknown): value is Geo {
  const geo = value as Partial<Geo> | null
  return typeof geo === 'object' && geo !== null && typeof geo.lat === 'number' && typeof geo.lng === 'number' && typeof geo.accuracy === 'number'
}

function coarseGeo(geo: Geo): Geo {
  const round = (degrees: number) => Number(degrees.toFixed(MASKED_GEO_DECIMALS))
  return { lat: round(geo.lat), lng: round(geo.lng), accuracy: Math.max(geo.accuracy, MASKED_GEO_ACCURACY_M) }
}

export function maskApplication<T>(application: T): T {
  const masked = maskNode(application, false, '') as T
  const { geo } = (masked ?? {}) as { geo?: unknown }
  return isGeo(geo) ? { ...masked, geo: coarseGeo(geo) } : masked
}
