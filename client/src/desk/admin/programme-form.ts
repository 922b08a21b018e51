import type { Locale } from '#shared/i18n/locale'
import type { MemberCategory, ProgrammeSettings } from '#shared/programme/programme.schema'
import { FEN_PER_YUAN, MAX_AMOUNT_FEN } from '#shared/application/payment-amount'
import { formatMessage } from '#shared/errors/format-issue'
import { toValidationIssues } from '#shared/errors/zod-issues'
import { unversionedNoticeChanges } from '#shared/programme/notice-versions'
import { MemberCategorySchema, MemberLevelSchema, ProgrammeSettingsBodySchema } from '#shared/programme/programme.schema'

/**
 * The rules of the programme settings screen (会员计划), kept out of the page so they are
 * tested: what a new category or level starts as, whether a code the administrator typed
 * may be used, and what stands between the edited settings and publishing them. Every
 * check is the shared schema's, so the screen refuses exactly what the server would.
 */

export type LevelDraft = MemberCategory['levels'][number]

/** Why a code cannot be added: not the schema's shape (`a-z`, then `a-z0-9_`, ≤ 32), or already taken. */
export type CodeProblem = 'format' | 'duplicate'

function codeProblem(code: string, taken: readonly string[], rule: { safeParse: (value: unknown) => { success: boolean } }): CodeProblem | null {
  if (!rule.safeParse(code).success)
    return 'format'
  return taken.includes(code) ? 'duplicate' : null
}

/** Whether `code` may name a new category of `settings` (unique within the programme). */
export function categoryCodeProblem(settings: ProgrammeSettings, code: string): CodeProblem | null {
  return codeProblem(code, settings.categories.map(category => category.code), MemberCategorySchema.shape.code)
}

/** Whether `code` may name a new level of `category` (unique within the category). */
export function levelCodeProblem(category: MemberCategory, code: string): CodeProblem | null {
  return codeProblem(code, category.levels.map(level => level.code), MemberLevelSchema.shape.code)
}

/**
 * A new category: named after its code in both languages until the administrator names it,
 * for individuals, free, adult (18), asking for both sides of the ID, with no levels — the
 * most common shape, and valid as it stands.
 */
export function newCategory(code: string): MemberCategory {
  return {
    code,
    name: { 'zh-CN': code, 'en': code },
    applicantTypes: ['individual'],
    levels: [],
    minimumAge: 18,
    feeFen: 0,
    requiredMaterials: { individual: ['id_front', 'id_back'], family: [], organisation: [] },
  }
}

/** A new level, named after its code until the administrator names it. */
export function newLevel(code: string): LevelDraft {
  return { code, name: { 'zh-CN': code, 'en': code } }
}

/** The screen edits a fee in yuan and the attachment limit in MB; the settings hold fen and bytes. */
export { FEN_PER_YUAN }
export const BYTES_PER_MB = 1024 * 1024

/** The highest fee the screen's input takes, in yuan: what one payment may record (publishing refuses more). */
export const MAX_FEE_YUAN = MAX_AMOUNT_FEN / FEN_PER_YUAN

/** A stored amount as the screen shows it, in `unit`s; a cleared one (null) stays empty. */
export function inUnits(stored: number | null, unit: number): number | null {
  return stored === null ? null : stored / unit
}

/**
 * A typed amount as the settings store it, in whole base units. A cleared field (Element
 * Plus's input-number gives null) stays null, as every number the screen binds directly
 * does, so the shared schema names it missing (必填) at publish, instead of a free category
 * or a zero limit nobody typed.
 */
export function fromUnits(typed: number | null | undefined, unit: number): number | null {
  return typeof typed === 'number' && Number.isFinite(typed) ? Math.round(typed * unit) : null
}

/** Sets a category's fee from yuan as typed; cleared, the draft holds null until it is filled in (see fromUnits). */
export function setFeeYuan(category: MemberCategory, yuan: number | null | undefined): void {
  (category as { feeFen: number | null }).feeFen = fromUnits(yuan, FEN_PER_YUAN)
}

/** Sets the attachment limit from MB as typed; cleared, the draft holds null (see fromUnits). */
export function setMaxAttachmentMb(settings: ProgrammeSettings, mb: number | null | undefined): void {
  (settings as { maxAttachmentBytes: number | null }).maxAttachmentBytes = fromUnits(mb, BYTES_PER_MB)
}

export interface SettingsIssue {
  /** Where, as the screen labels it: `VIP会员 · 等级 gold · 名称（英文）`. */
  where: string
  message: string
}

/** The screen's labels an issue may be named by: keys of `deskAdmin.programme`. */
const LABEL_KEYS = [
  'programmeNameZh',
  'programmeNameEn',
  'categories',
  'code',
  'nameZh',
  'nameEn',
  'applicantTypes',
  'fee',
  'minimumAge',
  'materials',
  'levels',
  'reviewDeadline',
  'holidays',
  'workdays',
  'maxDependants',
  'membershipTerm',
  'maxAttachmentMb',
  'retentionClosed',
  'retentionCancelled',
  'retentionDevice',
  'revisitFirst',
  'revisitInterval',
  'revisitRetry',
  'noticeVersion',
  'termsVersion',
  'noticeText',
  'noticeTextEn',
  'termsText',
  'termsTextEn',
  'duplicateRules',
] as const

export type ProgrammeLabels = Record<(typeof LABEL_KEYS)[number], string>

/** The labels in the screen's language, from its translation of each key. */
export function programmeLabels(translate: (key: (typeof LABEL_KEYS)[number]) => string): ProgrammeLabels {
  return Object.fromEntries(LABEL_KEYS.map(key => [key, translate(key)])) as ProgrammeLabels
}

const TOP_LEVEL: Record<string, keyof ProgrammeLabels> = {
  'name.zh-CN': 'programmeNameZh',
  'name.en': 'programmeNameEn',
  'categories': 'categories',
  'reviewDeadlineWorkingDays': 'reviewDeadline',
  'maxDependants': 'maxDependants',
  'membershipTermYears': 'membershipTerm',
  'maxAttachmentBytes': 'maxAttachmentMb',
  'retention.closedApplicationDays': 'retentionClosed',
  'retention.cancelledMemberDays': 'retentionCancelled',
  'retention.deviceDays': 'retentionDevice',
  'revisits.firstAfterDays': 'revisitFirst',
  'revisits.intervalDays': 'revisitInterval',
  'revisits.retryAfterDays': 'revisitRetry',
  'privacyNoticeVersion': 'noticeVersion',
  'memberTermsVersion': 'termsVersion',
  'privacyNoticeText.zh-CN': 'noticeText',
  'privacyNoticeText.en': 'noticeTextEn',
  'memberTermsText.zh-CN': 'termsText',
  'memberTermsText.en': 'termsTextEn',
}

const IN_CATEGORY: Record<string, keyof ProgrammeLabels> = {
  'code': 'code',
  'name.zh-CN': 'nameZh',
  'name.en': 'nameEn',
  'applicantTypes': 'applicantTypes',
  'feeFen': 'fee',
  'minimumAge': 'minimumAge',
  'requiredMaterials': 'materials',
  'levels': 'levels',
}

/** Where a settings path is on the screen, as it labels it: `VIP会员 · 费用（元）`, `审核期限（工作日）`. */
export function placeOf(settings: ProgrammeSettings, path: readonly string[], locale: Locale, labels: ProgrammeLabels): string {
  const dotted = path.join('.')
  if (path[0] === 'categories' && path.length > 1) {
    const category = settings.categories[Number(path[1])]
    const named = category?.name[locale] || category?.code || `#${Number(path[1]) + 1}`
    const rest = path.slice(2)
    if (rest[0] === 'levels' && rest.length > 2) {
      const level = category?.levels[Number(rest[1])]
      const field = IN_CATEGORY[rest.slice(2).join('.')]
      return [named, `${labels.levels} ${level?.code || `#${Number(rest[1]) + 1}`}`, field ? labels[field] : rest.slice(2).join('.')].join(' · ')
    }
    const field = IN_CATEGORY[rest.join('.')] ?? IN_CATEGORY[rest[0] ?? '']
    return [named, field ? labels[field] : rest.join('.')].filter(Boolean).join(' · ')
  }
  if (path[0] === 'duplicateRules')
    return labels.duplicateRules
  if (path[0] === 'workingCalendar' && (path[1] === 'holidays' || path[1] === 'workdays'))
    return labels[path[1]]
  const key = TOP_LEVEL[dotted]
  return key ? labels[key] : dotted || '—'
}

/**
 * What the shared rules find wrong with the edited settings — the schema's, and against the
 * `published` version they were loaded from, a notice text changed without a new version
 * label — each named as the screen labels it and worded by its code; empty when they may be
 * published.
 */
export function settingsIssues(settings: ProgrammeSettings, locale: Locale, labels: ProgrammeLabels, published?: ProgrammeSettings): SettingsIssue[] {
  const parsed = ProgrammeSettingsBodySchema.safeParse(settings)
  const issues = parsed.success
    ? (published ? unversionedNoticeChanges(published, parsed.data) : [])
    : toValidationIssues(parsed.error, settings)
  return issues.map(issue => ({
    where: placeOf(settings, issue.path ? issue.path.split('.') : [], locale, labels),
    message: formatMessage(issue.code, issue.params, locale, issue.path),
  }))
}
