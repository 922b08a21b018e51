import { z } from 'zod'
import { APPLICANT_TYPES, ATTACHMENT_KINDS } from '../application/enums'
import { calendarDate } from '../application/field-schemas'
import { MAX_AMOUNT_FEN } from '../application/payment-amount'
import { DEFAULT_RETENTION, RetentionSchema } from '../archive/retention'
import { DEFAULT_DUPLICATE_RULES, DuplicateRulesSchema } from '../dedup/duplicate-rules'
import { LOCALES } from '../i18n/locale'
import { DEFAULT_REVISIT_SCHEDULE, RevisitScheduleSchema } from '../members/revisit'
import { deepStrict } from '../schemas/deep-strict'
import { namedBy } from '../schemas/labelled-name'
import { hasControlCharacters, hasHiddenCharacters, removeInvisibleCharacters } from '../text/hidden-characters'
import { isBlank } from '../text/normalise'
import { DEFAULT_MEMBER_TERMS, DEFAULT_PRIVACY_NOTICE } from './default-notices'

/**
 * Programme settings: everything a membership programme decides without a code change.
 * The server stores the settings in force; devices receive them on pull and validate
 * offline with the same copy, so both sides give the same answer.
 */

export const LocalisedTextSchema = z.object({
  'zh-CN': z.string().min(1),
  'en': z.string().min(1),
})

/** A category's or a level's code (`vip`, `gold`): what requests name them by, too. */
export const ProgrammeCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/)

export const MemberLevelSchema = z.object({
  code: ProgrammeCodeSchema,
  name: LocalisedTextSchema,
})

const requiredMaterialsSchema = z.object({
  individual: z.array(z.enum(ATTACHMENT_KINDS)).default([]),
  family: z.array(z.enum(ATTACHMENT_KINDS)).default([]),
  organisation: z.array(z.enum(ATTACHMENT_KINDS)).default([]),
})

export const MemberCategorySchema = z.object({
  code: ProgrammeCodeSchema,
  name: LocalisedTextSchema,
  /** Applicant types this category enrols. */
  applicantTypes: z.array(z.enum(APPLICANT_TYPES)).min(1),
  /** Levels (e.g. 银卡/金卡/钻石卡); when present the application must name one. */
  levels: z.array(MemberLevelSchema).default([]),
  /** Applicants younger than this (周岁) need a guardian and the guardian's signature. */
  minimumAge: z.number().int().min(0).max(120),
  /**
   * Joining fee in fen (1/100 yuan); 0 for free categories. At most MAX_AMOUNT_FEN, what a
   * payment may record: held at publishing (ProgrammeSettingsBodySchema), so a version
   * stored before the cap stays readable.
   */
  feeFen: z.number().int().min(0),
  /** Materials that must be attached, per applicant type. */
  requiredMaterials: requiredMaterialsSchema,
})

/** The most dates either list of the working calendar holds: years of holidays, not a lifetime. */
export const MAX_CALENDAR_DATES = 200

/**
 * The days review deadlines skip and count beyond Saturdays and Sundays (working-days.ts):
 * public holidays (法定节假日) and the weekend days made working days for them (调休), as the
 * State Council announces them each year. Settings saved before it existed have none.
 */
export const WorkingCalendarSchema = z.object({
  holidays: z.array(calendarDate).max(MAX_CALENDAR_DATES).default([]),
  workdays: z.array(calendarDate).max(MAX_CALENDAR_DATES).default([]),
})

/** The programme's own name, named 计划名称 even when it is missing (its key alone, `name`, is a person's 姓名). */
const ProgrammeNameSchema = z.object(LocalisedTextSchema.shape, namedBy('programme.name'))

export const ProgrammeSettingsSchema = z.object({
  code: ProgrammeCodeSchema,
  name: ProgrammeNameSchema,
  /** Prefix of member numbers (会员编号), e.g. `FE`. */
  memberNumberPrefix: z.string().regex(/^[A-Z]{1,4}$/),
  categories: z.array(MemberCategorySchema).min(1),
  maxDependants: z.number().int().min(1).max(20),
  /** A membership's term in whole years (新入会 and each 续期); existing settings without it mean 1. */
  membershipTermYears: z.number().int().min(1).max(10).default(1),
  /** Review deadline in working days after the application arrives. */
  reviewDeadlineWorkingDays: z.number().int().min(1).max(60),
  workingCalendar: WorkingCalendarSchema.default({ holidays: [], workdays: [] }),
  /** Versions the applicant must have accepted: the current privacy notice and member terms. */
  privacyNoticeVersion: z.string().min(1).max(32),
  memberTermsVersion: z.string().min(1).max(32),
  /** The texts of those versions, shown to the applicant on the consent screen. */
  privacyNoticeText: LocalisedTextSchema.default(DEFAULT_PRIVACY_NOTICE),
  memberTermsText: LocalisedTextSchema.default(DEFAULT_MEMBER_TERMS),
  /** Upper bound for one attachment, in bytes. */
  maxAttachmentBytes: z.number().int().min(64 * 1024).max(50 * 1024 * 1024),
  /** Weights and thresholds of duplicate scoring; settings saved before they existed get the defaults. */
  duplicateRules: DuplicateRulesSchema.default(DEFAULT_DUPLICATE_RULES),
  /** How long personal data is kept once its purpose ended; settings saved before it existed get the defaults. */
  retention: RetentionSchema.default(DEFAULT_RETENTION),
  /** When members are re-visited (回访); settings saved before re-visits existed get the defaults. */
  revisits: RevisitScheduleSchema.default(DEFAULT_REVISIT_SCHEDULE),
}).superRefine((settings, ctx) => {
  const seen = new Set<string>()
  settings.categories.forEach((category, i) => {
    if (seen.has(category.code))
      ctx.addIssue({ code: 'custom', path: ['categories', i, 'code'], message: `duplicate category ${category.code}`, params: { code: 'programme.duplicate_code', value: category.code } })
    seen.add(category.code)
  })
})

/**
 * The most characters of a programme's, a category's or a level's name, in either language:
 * a site's name's bound. Every tablet receives the names and the desk shows them in its lists.
 */
export const MAX_PROGRAMME_NAME = 100

/**
 * What an administrator may publish: the settings with no key they do not define, at any
 * depth (a misspelt \`levelz\` would otherwise vanish without a word), names of at most
 * MAX_PROGRAMME_NAME characters (trimmed), and no hidden
 * characters — none at all in names and version labels; in the notice texts, line breaks and
 * tabs but no controls, and invisible characters (zero-width spaces from a paste) removed.
 * A name, a version label or a notice of white space alone (the ideographic space
 * included) is blank: required, as everywhere. Names and version labels are stored trimmed,
 * as a site's or a staff member's name is; notice texts as typed (a trimmed text would read
 * as changed without a new version). A level code is unique within its category (an
 * application names its level by code: a second `gold` would be read back as the first),
 * and a fee is one a payment can record (`MAX_AMOUNT_FEN`), or no application of the
 * category could ever be pushed.
 * Only the body is held to this: stored versions keep parsing with ProgrammeSettingsSchema,
 * so a version published before a rule existed stays readable by the server and the tablets.
 */
export const ProgrammeSettingsBodySchema = deepStrict(ProgrammeSettingsSchema).superRefine((settings, ctx) => {
  const refuse = (path: (string | number)[]) => ctx.addIssue({ code: 'custom', path, message: 'hidden characters', params: { code: 'text.hidden_characters' } })
  const required = (path: (string | number)[]) => ctx.addIssue({ code: 'custom', path, message: 'required', params: { code: 'field.required' } })
  const names: [(string | number)[], LocalisedTextValue][] = [
    [['name'], settings.name],
    ...settings.categories.flatMap((category, i): [(string | number)[], LocalisedTextValue][] => [
      [['categories', i, 'name'], category.name],
      ...category.levels.map((level, j): [(string | number)[], LocalisedTextValue] => [['categories', i, 'levels', j, 'name'], level.name]),
    ]),
  ]
  for (const [path, text] of names) {
    for (const locale of LOCALES) {
      if (text[locale].trim().length > MAX_PROGRAMME_NAME)
        ctx.addIssue({ code: 'custom', path: [...path, locale], message: 'too long', params: { code: 'field.too_long', max: MAX_PROGRAMME_NAME } })
      else if (hasHiddenCharacters(text[locale]))
        refuse([...path, locale])
      // '' is the schema's own field.required already.
      else if (text[locale] !== '' && isBlank(text[locale]))
        required([...path, locale])
    }
  }
  for (const key of ['privacyNoticeVersion', 'memberTermsVersion'] as const) {
    if (hasHiddenCharacters(settings[key]))
      refuse([key])
    else if (settings[key] !== '' && isBlank(settings[key]))
      required([key])
  }
  for (const key of ['privacyNoticeText', 'memberTermsText'] as const) {
    for (const locale of LOCALES) {
      const text = settings[key][locale]
      if (hasControlCharacters(text))
        refuse([key, locale])
      // Nothing but white space and invisible characters: no notice (stored empty, it could not be read back).
      else if (text !== '' && isBlank(removeInvisibleCharacters(text)))
        required([key, locale])
    }
  }
  // A date twice is a slip; a date both off and worked cannot be both.
  const holidays = new Set<string>()
  settings.workingCalendar.holidays.forEach((date, i) => {
    if (holidays.has(date))
      ctx.addIssue({ code: 'custom', path: ['workingCalendar', 'holidays', i], message: `duplicate date ${date}`, params: { code: 'programme.duplicate_date', value: date } })
    holidays.add(date)
  })
  const workdays = new Set<string>()
  settings.workingCalendar.workdays.forEach((date, i) => {
    if (workdays.has(date))
      ctx.addIssue({ code: 'custom', path: ['workingCalendar', 'workdays', i], message: `duplicate date ${date}`, params: { code: 'programme.duplicate_date', value: date } })
    else if (holidays.has(date))
      ctx.addIssue({ code: 'custom', path: ['workingCalendar', 'workdays', i], message: `holiday and workday ${date}`, params: { code: 'programme.holiday_and_workday', value: date } })
    workdays.add(date)
  })
  settings.categories.forEach((category, i) => {
    if (category.feeFen > MAX_AMOUNT_FEN)
      ctx.addIssue({ code: 'custom', path: ['categories', i, 'feeFen'], message: 'fee above the payment cap', params: { code: 'programme.fee_too_large', max: MAX_AMOUNT_FEN } })
    const seen = new Set<string>()
    category.levels.forEach((level, j) => {
      if (seen.has(level.code))
        ctx.addIssue({ code: 'custom', path: ['categories', i, 'levels', j, 'code'], message: `duplicate level ${level.code}`, params: { code: 'programme.duplicate_level_code', value: level.code } })
      seen.add(level.code)
    })
  })
}).transform(settings => ({
  ...settings,
  name: trimmed(settings.name),
  categories: settings.categories.map(category => ({
    ...category,
    name: trimmed(category.name),
    levels: category.levels.map(level => ({ ...level, name: trimmed(level.name) })),
  })),
  // In date order, as the desk lists them and people read a calendar.
  workingCalendar: { holidays: [...settings.workingCalendar.holidays].sort(), workdays: [...settings.workingCalendar.workdays].sort() },
  privacyNoticeVersion: settings.privacyNoticeVersion.trim(),
  memberTermsVersion: settings.memberTermsVersion.trim(),
  privacyNoticeText: withoutInvisible(settings.privacyNoticeText),
  memberTermsText: withoutInvisible(settings.memberTermsText),
}))

export type LocalisedTextValue = z.infer<typeof LocalisedTextSchema>
export type MemberCategory = z.infer<typeof MemberCategorySchema>
export type ProgrammeSettings = z.infer<typeof ProgrammeSettingsSchema>

export function findCategory(settings: ProgrammeSettings, code: string): MemberCategory | undefined {
  return settings.categories.find(category => category.code === code)
}

function withoutInvisible(text: LocalisedTextValue): LocalisedTextValue {
  return Object.fromEntries(LOCALES.map(locale => [locale, removeInvisibleCharacters(text[locale])])) as LocalisedTextValue
}

function trimmed(text: LocalisedTextValue): LocalisedTextValue {
  return Object.fromEntries(LOCALES.map(locale => [locale, text[locale].trim()])) as LocalisedTextValue
}

/** The level codes of a category (none when it has no levels or is no longer offered). */
export function levelCodesOf(settings: ProgrammeSettings, categoryCode: string): string[] {
  return findCategory(settings, categoryCode)?.levels.map(level => level.code) ?? []
}
