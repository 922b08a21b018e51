import type { ApplicationInput } from '#shared/application/application.schema'
import type { ApplicantType } from '#shared/application/enums'
import type { ValidationIssue } from '#shared/errors/issue'
import type { Locale } from '#shared/i18n/locale'
import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import { CURRENT_FORM_VERSION } from '#shared/application/application.schema'
import { todayInChina } from '#shared/dates/calendar'
import { listed } from '#shared/i18n/punctuation'
import { checkForeignPermanentId, foreignPermanentIdBirthDate } from '#shared/identity/other-documents'
import { parseResidentId } from '#shared/identity/resident-id'
import { isDecimalDigits } from '#shared/schemas/query-integer'
import { normaliseText } from '#shared/text/normalise'

/**
 * The enrolment form's model, pure: a new application's first shape, reading and writing
 * fields by dot path, which wizard steps an application has, and which issues belong to
 * which step. A draft is an `ApplicationInput` under construction — fields the agent has not
 * filled yet are empty — and the shared `validateApplication` says what is still missing,
 * with the same codes the server uses.
 */

export type Draft = ApplicationInput

export interface NewDraftContext {
  id: string
  receiptNo: string
  siteId: string
  agentId: string
  deviceId: string
  capturedAt: string
  programme: ProgrammeSettings
}

export function firstCategoryFor(programme: ProgrammeSettings, type: ApplicantType): string {
  return programme.categories.find(category => category.applicantTypes.includes(type))?.code ?? ''
}

const emptyAddress = () => ({ regionCode: '', detail: '' })

export function newDraft(type: ApplicantType, ctx: NewDraftContext): Draft {
  const common = {
    id: ctx.id,
    receiptNo: ctx.receiptNo,
    formVersion: CURRENT_FORM_VERSION,
    category: firstCategoryFor(ctx.programme, type),
    siteId: ctx.siteId,
    agentId: ctx.agentId,
    deviceId: ctx.deviceId,
    capturedAt: ctx.capturedAt,
    attachments: [],
    consent: {
      noticeVersion: ctx.programme.privacyNoticeVersion,
      termsVersion: ctx.programme.memberTermsVersion,
      personalInfo: false,
      sensitiveInfo: false,
      memberTerms: false,
      marketing: false,
      summaryConfirmed: false,
      signedAt: '',
      signatureAttachmentId: '',
    },
  }
  const person = { name: '', gender: '', birthDate: '', idType: 'resident_id', idNumber: '', mobile: '', address: emptyAddress(), declined: [] }
  // Empty strings stand for "not filled in yet"; the schema reports them as required.
  if (type === 'organisation') {
    const organisation = { name: '', uscc: '', usccCheckConfirmed: false, orgType: '', legalRepresentative: '', registeredAddress: emptyAddress(), contact: { name: '', mobile: '' } }
    return { applicantType: 'organisation', ...common, organisation } as unknown as Draft
  }
  if (type === 'family')
    return { applicantType: 'family', ...common, person, dependants: [] } as unknown as Draft
  return { applicantType: 'individual', ...common, person } as unknown as Draft
}

export function getPath(target: unknown, path: string): unknown {
  let value: unknown = target
  for (const segment of path.split('.')) {
    if (value === null || typeof value !== 'object')
      return undefined
    value = (value as Record<string, unknown>)[segment]
  }
  return value
}

/** Sets a field, creating the objects on the way; `undefined` removes an optional field. */
export function setPath(target: object, path: string, value: unknown): void {
  const segments = path.split('.')
  let node = target as Record<string, unknown>
  for (const segment of segments.slice(0, -1)) {
    if (node[segment] === null || typeof node[segment] !== 'object')
      node[segment] = {}
    node = node[segment] as Record<string, unknown>
  }
  const last = segments.at(-1)!
  if (value === undefined)
    delete node[last]
  else
    node[last] = value
}

/** A list field's text (兴趣爱好) as its items: separated by 、, commas, semicolons or spaces. */
export function parseListText(text: string): string[] {
  return text.split(/[,，、;；\s]+/u).filter(Boolean)
}

/**
 * A whole number as typed into a count field (职工人数): what the tablet's IME gives —
 * full-width digits (`１２`), an ideographic space around them — is read in its ASCII form,
 * so `１２` is 12. Anything else stays the text typed, for the validator to refuse with its
 * message (`field.digits`): dropped, it would leave the field empty and the count unsent.
 */
export function wholeNumberInput(input: string): number | string {
  const text = normaliseText(input)
  return isDecimalDigits(text) ? Number(text) : input
}

/**
 * The paths (fields the agent has touched) after entry `removed` of the list at `list` was
 * deleted: the removed entry's go, later entries' move up one — so a message stays with the
 * person it is about, not with the position (removing 家庭成员 1 must not show 家庭成员 3's
 * refused mobile as fixed, nor 必填 on a field of 家庭成员 2 nobody has reached yet).
 */
export function pathsAfterRemoval(paths: Iterable<string>, list: string, removed: number): string[] {
  const prefix = `${list}.`
  const out: string[] = []
  for (const path of paths) {
    const match = path.startsWith(prefix) ? /^(\d+)(\..*)?$/.exec(path.slice(prefix.length)) : null
    if (!match) {
      out.push(path)
      continue
    }
    const index = Number(match[1])
    if (index !== removed)
      out.push(`${prefix}${index > removed ? index - 1 : index}${match[2] ?? ''}`)
  }
  return out
}

/**
 * The field an issue's path is shown at: an entry of a list of values (`person.interests.1`)
 * at its list's field (`person.interests`), which holds every entry in one input; any other
 * path at its own.
 */
export function fieldOfPath(path: string): string {
  return path.replace(/(?:\.\d+)+$/, '')
}

/**
 * What a list field shows: the text as the agent typed it, as long as it still says the
 * stored list — a separator at the end is the next item under way, a comma stays a comma,
 * and the caret stays where it is; otherwise (nothing typed yet, or the list changed
 * elsewhere: a reload, 拒绝提供) the stored items as the screen's language lists them
 * (`阅读、旅行`, `reading, travel`), as the summary shows them. Rewriting the text at
 * every key dropped the separator before a deleted item, so the next Backspace ate a
 * character of the item before.
 */
export function listFieldText(stored: unknown, typed: string | null, locale: Locale): string {
  const items = Array.isArray(stored) ? stored.map(String) : []
  if (typed !== null) {
    const typedItems = parseListText(typed)
    if (typedItems.length === items.length && typedItems.every((item, i) => item === items[i]))
      return typed
  }
  return listed(items, locale)
}

/**
 * Sets a field as the agent changes it (setPath), with what the change undoes: 已核对 of a
 * USCC that fails its check character covers the code the agent compared with the licence,
 * so a code changed after it must be compared again — kept, the tick would vouch for a code
 * nobody checked, and the reviewer would read that the agent had.
 */
export function setField(target: object, path: string, value: unknown): void {
  const before = getPath(target, path)
  setPath(target, path, value)
  if (path === 'organisation.uscc' && before !== value && getPath(target, 'organisation.usccCheckConfirmed') === true)
    setPath(target, 'organisation.usccCheckConfirmed', false)
}

interface IdentifiedPerson { idType?: unknown, idNumber?: unknown, birthDate?: unknown, gender?: unknown }

/** What a document number says of its holder: a resident ID both, a 2023 foreign permanent-residence ID the birth date. */
export interface ResidentIdFacts { birthDate: string, gender?: string }

/**
 * What a valid resident ID (or 2023 foreign permanent-residence ID, whose number carries the
 * birth date too) says of its holder, or null for another document or an invalid number.
 */
export function residentIdFacts(person: Pick<IdentifiedPerson, 'idType' | 'idNumber'>, today = todayInChina()): ResidentIdFacts | null {
  if (typeof person.idNumber !== 'string')
    return null
  if (person.idType === 'foreign_permanent_id') {
    const birthDate = checkForeignPermanentId(person.idNumber, { today }).ok ? foreignPermanentIdBirthDate(person.idNumber) : null
    return birthDate ? { birthDate } : null
  }
  if (person.idType !== 'resident_id')
    return null
  const parsed = parseResidentId(person.idNumber, { today })
  return parsed.ok ? parsed.value : null
}

/**
 * With a valid 18-digit resident ID typed, fills birth date and gender (they must agree with
 * it anyway; a 2023 foreign permanent-residence ID, the birth date): when still empty, or when
 * they are what the last valid ID said (`lastIdSaid`: filled from it, most likely) — so they
 * follow a corrected number, or a document type changed, instead of turning into a mismatch
 * the agent never typed. A value the agent entered otherwise stays.
 */
export function autofillFromResidentId(person: IdentifiedPerson, today = todayInChina(), lastIdSaid?: ResidentIdFacts): boolean {
  const facts = residentIdFacts(person, today)
  if (!facts)
    return false
  let changed = false
  for (const key of ['birthDate', 'gender'] as const) {
    if (facts[key] === undefined)
      continue
    if ((!person[key] || person[key] === lastIdSaid?.[key]) && person[key] !== facts[key]) {
      person[key] = facts[key]
      changed = true
    }
  }
  return changed
}

export const WIZARD_STEPS = ['basic', 'person', 'dependants', 'guardian', 'organisation', 'materials', 'payment', 'summary', 'consent'] as const
export type WizardStep = (typeof WIZARD_STEPS)[number]

/**
 * Where each step's fields live (issue paths starting with these belong to the step). The
 * guardian's signature belongs to the consent step, where its pad is: filed under the
 * guardian step, it blocked the summary confirmation that unlocks the pad, so a minor could
 * never be enrolled.
 */
const STEP_PATHS: Record<WizardStep, readonly string[]> = {
  basic: ['applicantType', 'category', 'level', 'siteId'],
  person: ['person'],
  dependants: ['dependants'],
  guardian: ['guardian'],
  organisation: ['organisation'],
  materials: ['attachments'],
  payment: ['payment'],
  summary: ['consent.summaryConfirmed'],
  consent: ['consent'],
}

function pathIn(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`)
}

/** The step an issue belongs to: the most specific prefix wins (summary before consent). */
export function stepOfIssue(issue: Pick<ValidationIssue, 'path'>, steps: readonly WizardStep[]): WizardStep {
  let best: { step: WizardStep, length: number } | null = null
  for (const step of steps) {
    for (const prefix of STEP_PATHS[step]) {
      if (pathIn(issue.path, prefix) && (!best || prefix.length > best.length))
        best = { step, length: prefix.length }
    }
  }
  // Anything else (ids, versions) is shown where the agent checks everything: the summary.
  return best?.step ?? 'summary'
}

/** The shared age rule asks for a guardian (the applicant is under the category's minimum age). */
export function guardianAsked(issues: readonly ValidationIssue[]): boolean {
  return issues.some(issue => issue.code === 'age.below_minimum' || issue.code === 'guardian.signature_required')
}

/**
 * Whether the agent entered anything of a guardian: a name, relation, mobile or ID number.
 * The document type alone is not an entry — the step starts it as 居民身份证.
 */
export function holdsGuardianData(draft: Draft): boolean {
  const guardian = 'guardian' in draft ? draft.guardian as Record<string, unknown> | undefined : undefined
  if (!guardian)
    return false
  return ['name', 'relation', 'mobile', 'idNumber'].some(key => typeof guardian[key] === 'string' ? guardian[key].trim() !== '' : guardian[key] !== undefined && guardian[key] !== null)
}

/**
 * Drops a guardian the age rule does not ask for and that holds nothing (the guardian step
 * starts an empty one when it opens; the applicant's ID was then corrected to an adult's):
 * kept, it was validated — 监护人姓名 必填 for an adult, with no step to fill it — and sent.
 * A guardian with anything entered stays (the step offers to remove it). True when dropped.
 */
export function dropUnaskedGuardian(draft: Draft, issues: readonly ValidationIssue[]): boolean {
  if (!('guardian' in draft) || draft.guardian === undefined || holdsGuardianData(draft) || guardianAsked(issues))
    return false
  delete (draft as { guardian?: unknown }).guardian
  return true
}

/**
 * The steps of this application. The guardian step appears when the shared rules ask for a
 * guardian (the applicant is under the category's minimum age) or one was entered — the
 * age rule lives once, in shared/. An empty guardian the rule does not ask for is no step
 * (dropUnaskedGuardian removes it).
 */
export function stepsFor(draft: Draft, issues: readonly ValidationIssue[]): WizardStep[] {
  const needsGuardian = guardianAsked(issues) || holdsGuardianData(draft)
  switch (draft.applicantType) {
    case 'organisation':
      return ['basic', 'organisation', 'materials', 'payment', 'summary', 'consent']
    case 'family':
      return ['basic', 'person', 'dependants', ...(needsGuardian ? ['guardian' as const] : []), 'materials', 'payment', 'summary', 'consent']
    default:
      return ['basic', 'person', ...(needsGuardian ? ['guardian' as const] : []), 'materials', 'payment', 'summary', 'consent']
  }
}

export function issuesByStep(issues: readonly ValidationIssue[], steps: readonly WizardStep[]): Record<WizardStep, ValidationIssue[]> {
  const grouped = Object.fromEntries(WIZARD_STEPS.map(step => [step, [] as ValidationIssue[]])) as Record<WizardStep, ValidationIssue[]>
  for (const issue of issues) grouped[stepOfIssue(issue, steps)].push(issue)
  return grouped
}

/**
 * What must be fixed before the applicant may confirm the summary, each with the step that
 * fixes it: every open issue but the confirmation's own and the consent step's (consents,
 * signatures), which come after it. Fewer than what submitting waits for, so the two counts
 * are worded apart (enrol.openBeforeConfirm, enrol.openBeforeSubmit).
 */
export function issuesBeforeConfirming(issues: readonly ValidationIssue[], steps: readonly WizardStep[]): Array<{ issue: ValidationIssue, step: WizardStep }> {
  return issues
    .map(issue => ({ issue, step: stepOfIssue(issue, steps) }))
    .filter(({ step }) => step !== 'consent' && step !== 'summary')
}

/** The applicant's confirmed summary: everything but the consent itself and the signatures. */
export function summaryContent(draft: Draft): string {
  const { consent: _consent, attachments, ...rest } = draft
  return JSON.stringify({ ...rest, attachments: attachments.filter(a => a.kind !== 'signature').map(a => a.sha256) })
}
