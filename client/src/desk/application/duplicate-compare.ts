import type { Application } from '#shared/application/application.schema'
import type { ComparedField, FieldComparison } from '#shared/dedup/compare-parties'
import type { DuplicateResolution, MemberUpdateField, ResolutionCheck, ResolutionFacts } from '#shared/dedup/resolution'
import type { Locale } from '#shared/i18n/locale'
import type { Actor } from '#shared/status/status-table'
import { ID_TYPE_LABELS } from '#shared/application/vocabulary-labels'
import { regionName } from '#shared/contact/region-name'
import { COMPARED_FIELDS } from '#shared/dedup/compare-parties'
import { checkMemberUpdate, checkResolution, DUPLICATE_RESOLUTIONS, ORGANISATION_MEMBER_UPDATE_FIELDS, PERSON_MEMBER_UPDATE_FIELDS } from '#shared/dedup/resolution'
import { formatInstant } from '../../i18n/instant-format'

/**
 * The side-by-side view of a duplicate candidate as data: which party of each record the
 * scoring matched (`applicant`, `dependant:<n>`, `organisation`), that party's value of
 * every compared field, the comparison the server stored for it, and the context rows
 * (category, site, date). Also which resolutions the shared rule allows this reviewer now,
 * and which member details a same-person verdict may carry over. Values are taken as they
 * come: masked when the record was fetched masked. Pure: no Vue, no DOM.
 */

/** Rows shown for context only: they are not compared and carry no highlight. */
export const CONTEXT_ROWS = ['category', 'siteId', 'capturedAt'] as const
export type ContextRow = (typeof CONTEXT_ROWS)[number]
export type CompareRowKey = ComparedField | ContextRow

export interface CompareRow {
  key: CompareRowKey
  /** How the matched parties compare; null for a context row. */
  comparison: FieldComparison | null
  /** This application's matched party. */
  left: string | null
  /** The other record's matched party. */
  right: string | null
}

/**
 * What this module needs of a candidate (review.api.ts's DuplicateCandidate fits). Kept
 * apart from the API types so the unit tests' compilation does not pull in the fetch layer.
 */
export interface ComparedCandidate {
  otherType: 'member' | 'application'
  comparison: { party: string, otherParty: string, fields: Partial<Record<ComparedField, FieldComparison>> } | null
  resolution: DuplicateResolution | null
}

export type PartyRef = { kind: 'applicant' } | { kind: 'organisation' } | { kind: 'dependant', index: number }

/** `applicant`, `organisation` or `dependant:<n>`; null for anything else. */
export function parseParty(party: string | null | undefined): PartyRef | null {
  if (party === 'applicant' || party === 'organisation')
    return { kind: party }
  const match = /^dependant:(\d+)$/.exec(party ?? '')
  return match ? { kind: 'dependant', index: Number(match[1]) } : null
}

/** Whatever the server sent as an application's data, when it has the application's shape. */
export function asApplication(value: unknown): Application | null {
  if (value === null || typeof value !== 'object')
    return null
  const type = (value as { applicantType?: unknown }).applicantType
  return type === 'individual' || type === 'family' || type === 'organisation' ? value as Application : null
}

type Values = Record<ComparedField, string | null>

const NONE: Values = { name: null, birthDate: null, idNumber: null, uscc: null, mobile: null, address: null }

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null
}

function address(value: { regionCode?: string, detail?: string } | undefined): string | null {
  if (!value)
    return null
  const region = text(value.regionCode)
  return [region && regionName(region), text(value.detail)].filter(Boolean).join(' · ') || null
}

function idDocument(idType: string | undefined, idNumber: string | undefined, locale: Locale): string | null {
  const number = text(idNumber)
  if (!number)
    return null
  const type = idType ? ID_TYPE_LABELS[idType as keyof typeof ID_TYPE_LABELS]?.[locale] : undefined
  return type ? `${type} ${number}` : number
}

/**
 * The compared fields of one party of an application. A dependant lives at the
 * applicant's address (as the scoring assumes); an organisation's mobile is its contact's.
 */
export function partyValues(app: Application | null, party: string | null | undefined, locale: Locale): Values {
  const ref = parseParty(party)
  if (!app || !ref)
    return NONE
  if (ref.kind === 'organisation') {
    if (app.applicantType !== 'organisation')
      return NONE
    const org = app.organisation
    return { ...NONE, name: text(org?.name), uscc: text(org?.uscc), mobile: text(org?.contact?.mobile), address: address(org?.registeredAddress) }
  }
  if (app.applicantType === 'organisation')
    return NONE
  const person = app.person
  if (ref.kind === 'applicant') {
    return {
      ...NONE,
      name: text(person?.name),
      birthDate: text(person?.birthDate),
      idNumber: idDocument(person?.idType, person?.idNumber, locale),
      mobile: text(person?.mobile),
      address: address(person?.address),
    }
  }
  const dependant = app.applicantType === 'family' ? app.dependants?.[ref.index] : undefined
  if (!dependant)
    return NONE
  return {
    ...NONE,
    name: text(dependant.name),
    birthDate: text(dependant.birthDate),
    idNumber: idDocument(dependant.idType, dependant.idNumber, locale),
    mobile: text(dependant.mobile),
    address: address(person?.address),
  }
}

/** The compared fields a party of this kind has: persons have no USCC, organisations no birth date or ID. */
function fieldsFor(party: string | null | undefined): readonly ComparedField[] {
  return parseParty(party)?.kind === 'organisation'
    ? ['name', 'uscc', 'mobile', 'address']
    : ['name', 'birthDate', 'idNumber', 'mobile', 'address']
}

/** How the desk names a site and a category (from its directory); codes when it has no names. */
export interface ContextNames {
  site: (siteId: string) => string
  category: (code: string, level: string | null | undefined) => string
}

const CODES: ContextNames = { site: id => id, category: code => code }

/**
 * The day an application was captured, on China's clock as every date the desk shows, and
 * written as the reader writes a date (2026年12月7日 / Dec 7, 2026): the ISO form read as a
 * bare number beside the names, and its first ten characters were the UTC date, a day early
 * for anything taken before 08:00.
 */
function captureDate(capturedAt: string | null, locale: Locale): string | null {
  return capturedAt ? formatInstant(capturedAt, locale, 'date') : null
}

function contextValue(app: Application | null, key: ContextRow, names: ContextNames, locale: Locale): string | null {
  if (!app)
    return null
  if (key === 'capturedAt')
    return captureDate(text(app.capturedAt), locale)
  if (key === 'category')
    return app.category ? names.category(app.category, 'level' in app ? app.level : null) : null
  return app.siteId ? names.site(app.siteId) : null
}

/**
 * The rows of the side-by-side view: the compared fields in COMPARED_FIELDS order (those
 * the stored comparison names, or, without one, those the party's kind has), then the
 * context rows. `other` is null when the reviewer may not open the other record: its
 * column stays empty and the stored comparison still says how the fields compare.
 */
export function compareRows(candidate: Pick<ComparedCandidate, 'comparison'>, mine: Application | null, other: Application | null, locale: Locale, names: ContextNames = CODES): CompareRow[] {
  const comparison = candidate.comparison
  const party = comparison?.party ?? (mine?.applicantType === 'organisation' ? 'organisation' : 'applicant')
  const otherParty = comparison?.otherParty ?? party
  const left = partyValues(mine, party, locale)
  const right = partyValues(other, otherParty, locale)
  const named = comparison ? COMPARED_FIELDS.filter(field => comparison.fields[field] !== undefined) : []
  const fields = named.length ? named : fieldsFor(party)
  const rows: CompareRow[] = fields.map(key => ({ key, comparison: comparison?.fields[key] ?? null, left: left[key], right: right[key] }))
  for (const key of CONTEXT_ROWS)
    rows.push({ key, comparison: null, left: contextValue(mine, key, names, locale), right: contextValue(other, key, names, locale) })
  return rows
}

/**
 * The member details a same-person verdict may carry from this application to the member
 * (the server's rule): only against a member this reviewer may work on (another site's
 * member is a supervisor's to update: `checkMemberUpdate`), only when both matched parties
 * are the records' own holders (applicant ↔ applicant, organisation ↔ organisation), and
 * only details this application has.
 */
export function offeredMemberFields(candidate: Pick<ComparedCandidate, 'otherType' | 'comparison'> & { other: { siteId: string } | null }, mine: Application | null, actor: Actor | null): MemberUpdateField[] {
  const holder = (party: string | undefined) => party === 'applicant' || party === 'organisation'
  if (!mine || candidate.otherType !== 'member' || !holder(candidate.comparison?.party) || !holder(candidate.comparison?.otherParty))
    return []
  if (!actor || !candidate.other || !checkMemberUpdate(actor, candidate.other.siteId).ok)
    return []
  if (mine.applicantType === 'organisation')
    return ORGANISATION_MEMBER_UPDATE_FIELDS.filter(field => memberFieldValue(mine, field) !== null)
  return PERSON_MEMBER_UPDATE_FIELDS.filter(field => memberFieldValue(mine, field) !== null)
}

/** The value of a member detail in this application, as the reviewer reads it; null when it has none. */
export function memberFieldValue(app: Application, field: MemberUpdateField): string | null {
  if (app.applicantType === 'organisation') {
    if (field === 'contact')
      return [text(app.organisation.contact?.name), text(app.organisation.contact?.mobile)].filter(Boolean).join(' · ') || null
    if (field === 'registeredAddress')
      return address(app.organisation.registeredAddress)
    return null
  }
  switch (field) {
    case 'address': return address(app.person.address)
    case 'mobile':
    case 'email':
    case 'occupation':
    case 'employer':
      return text(app.person[field])
    default: return null
  }
}

export type ReviewerResolution = Exclude<DuplicateResolution, 'other_closed'>

/** The verdicts the shared rule allows this actor on this application now, in button order (different person first). */
export function allowedResolutions(actor: Actor | null, facts: ResolutionFacts, candidate: Pick<ComparedCandidate, 'resolution'>): ReviewerResolution[] {
  if (!actor || candidate.resolution !== null)
    return []
  return (['different_person', 'same_person'] as const)
    .filter(resolution => DUPLICATE_RESOLUTIONS.includes(resolution) && checkResolution(actor, facts, resolution).ok)
}

/** Why a verdict is not offered, when the rule refuses it (e.g. same person before the review started). */
export function resolutionRefusal(actor: Actor | null, facts: ResolutionFacts, resolution: ReviewerResolution): Exclude<ResolutionCheck, { ok: true }> | null {
  if (!actor)
    return null
  const check = checkResolution(actor, facts, resolution)
  return check.ok ? null : check
}
