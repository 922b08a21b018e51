import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { z } from 'zod'
import { PaymentSchema } from '#shared/application/application.schema'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { findCategory, MAX_PROGRAMME_NAME, MemberCategorySchema, ProgrammeSettingsBodySchema, ProgrammeSettingsSchema } from '#shared/programme/programme.schema'
import { describe, expect, it } from 'vitest'

type SettingsInput = z.input<typeof ProgrammeSettingsSchema>

/** DEFAULT_PROGRAMME as input, with one part changed. */
function settings(change: Partial<SettingsInput> = {}): SettingsInput {
  return { ...structuredClone(DEFAULT_PROGRAMME), ...change }
}

/** DEFAULT_PROGRAMME as the settings it is (every default filled in), with one part changed. */
function programme(change: Partial<ProgrammeSettings> = {}): ProgrammeSettings {
  return { ...structuredClone(DEFAULT_PROGRAMME), ...change }
}

function issuePaths(input: unknown): string[] {
  const result = ProgrammeSettingsSchema.safeParse(input)
  return result.success ? [] : result.error.issues.map(issue => issue.path.join('.'))
}

describe('dEFAULT_PROGRAMME', () => {
  it('is valid under its own schema', () => {
    expect(ProgrammeSettingsSchema.parse(DEFAULT_PROGRAMME)).toEqual(DEFAULT_PROGRAMME)
  })

  it('carries the privacy notice and member terms texts; settings stored before the texts existed get the defaults', () => {
    expect(DEFAULT_PROGRAMME.privacyNoticeText['zh-CN']).toContain('敏感个人信息')
    expect(DEFAULT_PROGRAMME.memberTermsText['zh-CN']).toContain('会员须知')
    const { privacyNoticeText: _notice, memberTermsText: _terms, ...older } = structuredClone(DEFAULT_PROGRAMME)
    expect(ProgrammeSettingsSchema.parse(older)).toEqual(DEFAULT_PROGRAMME)
    expect(issuePaths({ ...older, privacyNoticeText: { 'zh-CN': '', 'en': 'x' } })).toEqual(['privacyNoticeText.zh-CN'])
  })

  it('has the four categories of DESIGN.md §3', () => {
    expect(DEFAULT_PROGRAMME.categories.map(c => [c.code, c.name['zh-CN']])).toEqual([
      ['standard', '普通会员'],
      ['vip', 'VIP会员'],
      ['family', '家庭会员'],
      ['corporate', '单位会员'],
    ])
  })

  it('vip has the levels 银卡 / 金卡 / 钻石卡; no other category has levels', () => {
    expect(findCategory(DEFAULT_PROGRAMME, 'vip')?.levels.map(l => [l.code, l.name['zh-CN']])).toEqual([
      ['silver', '银卡'],
      ['gold', '金卡'],
      ['diamond', '钻石卡'],
    ])
    for (const code of ['standard', 'family', 'corporate'])
      expect(findCategory(DEFAULT_PROGRAMME, code)?.levels).toEqual([])
  })

  it.each([
    ['standard', ['individual'], 18],
    ['vip', ['individual'], 18],
    ['family', ['family'], 18],
    ['corporate', ['organisation'], 0],
  ])('%s enrols %j with minimum age %i', (code, applicantTypes, minimumAge) => {
    const category = findCategory(DEFAULT_PROGRAMME, code)!
    expect(category.applicantTypes).toEqual(applicantTypes)
    expect(category.minimumAge).toBe(minimumAge)
  })

  it('requires ID photos from people and the business licence from organisations', () => {
    for (const code of ['standard', 'vip'])
      expect(findCategory(DEFAULT_PROGRAMME, code)?.requiredMaterials.individual).toEqual(expect.arrayContaining(['id_front', 'id_back']))
    expect(findCategory(DEFAULT_PROGRAMME, 'family')?.requiredMaterials.family).toEqual(['id_front', 'id_back'])
    expect(findCategory(DEFAULT_PROGRAMME, 'corporate')?.requiredMaterials.organisation).toEqual(['business_licence'])
  })

  it('has names in both languages, fees in whole fen and sensible limits', () => {
    for (const category of DEFAULT_PROGRAMME.categories) {
      expect(category.name.en).not.toBe('')
      expect(Number.isInteger(category.feeFen)).toBe(true)
    }
    expect(findCategory(DEFAULT_PROGRAMME, 'standard')?.feeFen).toBe(0)
    expect(DEFAULT_PROGRAMME.memberNumberPrefix).toBe('FE')
    expect(DEFAULT_PROGRAMME.maxDependants).toBeGreaterThanOrEqual(1)
    expect(DEFAULT_PROGRAMME.maxAttachmentBytes).toBe(10 * 1024 * 1024)
  })

  it('findCategory answers undefined for an unknown code', () => {
    expect(findCategory(DEFAULT_PROGRAMME, 'platinum')).toBeUndefined()
    expect(findCategory(DEFAULT_PROGRAMME, '')).toBeUndefined()
  })
})

describe('programmeSettingsSchema', () => {
  const [standard, vip] = DEFAULT_PROGRAMME.categories

  it('refuses two categories with one code, at the second', () => {
    expect(issuePaths(settings({ categories: [standard!, { ...vip!, code: 'standard' }] }))).toEqual(['categories.1.code'])
  })

  it('refuses a negative or fractional fee', () => {
    expect(issuePaths(settings({ categories: [{ ...standard!, feeFen: -1 }] }))).toEqual(['categories.0.feeFen'])
    expect(issuePaths(settings({ categories: [{ ...standard!, feeFen: 99.5 }] }))).toEqual(['categories.0.feeFen'])
  })

  it.each(['', 'fe', 'F1', 'ABCDE', 'F E', 'ＦＥ'])('refuses memberNumberPrefix %j', (memberNumberPrefix) => {
    expect(issuePaths(settings({ memberNumberPrefix }))).toEqual(['memberNumberPrefix'])
  })

  it.each(['F', 'FE', 'VIP', 'ABCD'])('accepts memberNumberPrefix %j', (memberNumberPrefix) => {
    expect(ProgrammeSettingsSchema.safeParse(settings({ memberNumberPrefix })).success).toBe(true)
  })

  it.each<[string, Partial<SettingsInput>, string]>([
    ['no categories', { categories: [] }, 'categories'],
    ['a category code with capitals', { categories: [{ ...standard!, code: 'Standard' }] }, 'categories.0.code'],
    ['a category without applicant types', { categories: [{ ...standard!, applicantTypes: [] }] }, 'categories.0.applicantTypes'],
    ['a negative minimum age', { categories: [{ ...standard!, minimumAge: -1 }] }, 'categories.0.minimumAge'],
    ['an unknown required material', { categories: [{ ...standard!, requiredMaterials: { individual: ['selfie' as never] } }] }, 'categories.0.requiredMaterials.individual.0'],
    ['maxDependants 0', { maxDependants: 0 }, 'maxDependants'],
    ['a review deadline of 0 days', { reviewDeadlineWorkingDays: 0 }, 'reviewDeadlineWorkingDays'],
    ['an empty notice version', { privacyNoticeVersion: '' }, 'privacyNoticeVersion'],
    ['an attachment limit of 1 KB', { maxAttachmentBytes: 1024 }, 'maxAttachmentBytes'],
    ['a name without English', { name: { 'zh-CN': '会员计划', 'en': '' } }, 'name.en'],
  ])('refuses %s', (_label, change, path) => {
    expect(issuePaths(settings(change))).toEqual([path])
  })

  it('fills defaults: no levels, no materials for unlisted applicant types', () => {
    const category = MemberCategorySchema.parse({
      code: 'youth',
      name: { 'zh-CN': '青年会员', 'en': 'Youth member' },
      applicantTypes: ['individual'],
      minimumAge: 14,
      feeFen: 5000,
      requiredMaterials: { individual: ['id_front'] },
    })
    expect(category.levels).toEqual([])
    expect(category.requiredMaterials).toEqual({ individual: ['id_front'], family: [], organisation: [] })
  })
})

describe('programmeSettingsBodySchema (what may be published)', () => {
  const issues = (input: unknown) => {
    const result = ProgrammeSettingsBodySchema.safeParse(input)
    return result.success ? [] : result.error.issues.map(issue => [issue.path.join('.'), issue.code === 'custom' ? (issue.params as { code: string }).code : issue.code])
  }

  it('accepts the default programme as it is', () => {
    expect(ProgrammeSettingsBodySchema.parse(settings())).toEqual(DEFAULT_PROGRAMME)
  })

  it('publishes the working calendar\'s holidays and make-up working days in date order', () => {
    const published = ProgrammeSettingsBodySchema.parse(settings({ workingCalendar: { holidays: ['2026-10-02', '2026-10-01'], workdays: ['2026-09-27'] } }))
    expect(published.workingCalendar).toEqual({ holidays: ['2026-10-01', '2026-10-02'], workdays: ['2026-09-27'] })
  })

  it('refuses a calendar date twice, a date both off and worked, and a date that does not exist', () => {
    expect(issues(settings({ workingCalendar: { holidays: ['2026-10-01', '2026-10-01', '2026-02-30'], workdays: ['2026-10-01', '2026-09-27', '2026-09-27'] } }))).toEqual([
      ['workingCalendar.holidays.2', 'date.invalid'],
    ])
    expect(issues(settings({ workingCalendar: { holidays: ['2026-10-01', '2026-10-01'], workdays: ['2026-10-01', '2026-09-27', '2026-09-27'] } }))).toEqual([
      ['workingCalendar.holidays.1', 'programme.duplicate_date'],
      ['workingCalendar.workdays.0', 'programme.holiday_and_workday'],
      ['workingCalendar.workdays.2', 'programme.duplicate_date'],
    ])
  })

  it('reads settings stored before the working calendar as having none', () => {
    const { workingCalendar: _, ...stored } = structuredClone(DEFAULT_PROGRAMME)
    expect(ProgrammeSettingsSchema.parse(stored).workingCalendar).toEqual({ holidays: [], workdays: [] })
  })

  it('refuses a key the settings do not define, at any depth, where the stored schema drops it', () => {
    const input = settings()
    Object.assign(input.categories[0]!, { feeYuan: 10 })
    Object.assign(input.retention!, { years: 3 })
    expect(issues(input)).toEqual([['categories.0', 'unrecognized_keys'], ['retention', 'unrecognized_keys']])
    expect(ProgrammeSettingsSchema.safeParse(input).success).toBe(true)
  })

  it('refuses hidden characters in names and version labels, controls in notices, and removes invisible ones from notices', () => {
    const input = settings({
      name: { 'zh-CN': '会员\u202E计划', 'en': 'Plan' },
      memberTermsVersion: 'v\u200B2',
      privacyNoticeText: { 'zh-CN': '告知\u001B', 'en': 'Notice' },
    })
    input.categories[0]!.levels = [{ code: 'gold', name: { 'zh-CN': '金卡', 'en': 'Gold\u200B' } }]
    expect(issues(input)).toEqual([
      ['name.zh-CN', 'text.hidden_characters'],
      ['categories.0.levels.0.name.en', 'text.hidden_characters'],
      ['memberTermsVersion', 'text.hidden_characters'],
      ['privacyNoticeText.zh-CN', 'text.hidden_characters'],
    ])
    const pasted = ProgrammeSettingsBodySchema.parse(settings({ memberTermsText: { 'zh-CN': '第一条\u200B\n\t第二条\uFEFF', 'en': 'Terms\u00AD' } }))
    expect(pasted.memberTermsText).toEqual({ 'zh-CN': '第一条\n\t第二条', 'en': 'Terms' })
    // A notice of invisible characters alone would be stored empty, which the stored schema refuses to read.
    expect(issues(settings({ privacyNoticeText: { 'zh-CN': '\u200B\uFEFF', 'en': 'Notice' } }))).toEqual([['privacyNoticeText.zh-CN', 'field.required']])
  })

  it('refuses a fee above the most a payment may record (1,000,000 元): no application of the category could be pushed', () => {
    const [standard] = DEFAULT_PROGRAMME.categories
    expect(issues(settings({ categories: [{ ...standard!, feeFen: 200_000_000 }] }))).toEqual([['categories.0.feeFen', 'programme.fee_too_large']])
    expect(issues(settings({ categories: [{ ...standard!, feeFen: 100_000_001 }] }))).toEqual([['categories.0.feeFen', 'programme.fee_too_large']])
    // The cap itself is a fee an applicant can pay: the payment record takes it.
    expect(issues(settings({ categories: [{ ...standard!, feeFen: 100_000_000 }] }))).toEqual([])
    expect(PaymentSchema.safeParse({ amountFen: 100_000_000, method: 'cash' }).success).toBe(true)
    expect(PaymentSchema.safeParse({ amountFen: 100_000_001, method: 'cash' }).success).toBe(false)
  })

  it.each([' ', '   ', '\u3000\u3000', ' \t\n '])('refuses a name, a version label or a notice of white space alone (%j) as required', (blank) => {
    const input = programme({
      name: { 'zh-CN': blank, 'en': 'Plan' },
      privacyNoticeVersion: blank,
      memberTermsVersion: blank,
      memberTermsText: { 'zh-CN': '会员须知', 'en': blank },
    })
    input.categories[0]!.name.en = blank
    input.categories[1]!.levels[0]!.name['zh-CN'] = blank
    expect(issues(input).sort()).toEqual([
      ['categories.0.name.en', 'field.required'],
      ['categories.1.levels.0.name.zh-CN', 'field.required'],
      ['memberTermsText.en', 'field.required'],
      ['memberTermsVersion', 'field.required'],
      ['name.zh-CN', 'field.required'],
      ['privacyNoticeVersion', 'field.required'],
    ])
  })

  it('refuses a programme\'s, a category\'s or a level\'s name longer than 100 characters (trimmed), in either language', () => {
    const long = '会'.repeat(MAX_PROGRAMME_NAME + 1)
    const input = programme({ name: { 'zh-CN': long, 'en': 'Plan' } })
    input.categories[0]!.name.en = 'x'.repeat(MAX_PROGRAMME_NAME + 1)
    input.categories[1]!.levels[0]!.name['zh-CN'] = long
    expect(issues(input).sort()).toEqual([
      ['categories.0.name.en', 'field.too_long'],
      ['categories.1.levels.0.name.zh-CN', 'field.too_long'],
      ['name.zh-CN', 'field.too_long'],
    ])
    const result = ProgrammeSettingsBodySchema.safeParse(input)
    expect(result.error?.issues.map(issue => issue.code === 'custom' && (issue.params as { max?: number }).max)).toEqual([MAX_PROGRAMME_NAME, MAX_PROGRAMME_NAME, MAX_PROGRAMME_NAME])
    // 100 characters, with spaces around them, are taken (and stored trimmed).
    const longest = programme({ name: { 'zh-CN': ` ${'会'.repeat(MAX_PROGRAMME_NAME)}\u3000`, 'en': 'Plan' } })
    expect(ProgrammeSettingsBodySchema.parse(longest).name['zh-CN']).toBe('会'.repeat(MAX_PROGRAMME_NAME))
    // Stored versions keep reading whatever their names' lengths.
    expect(ProgrammeSettingsSchema.safeParse(input).success).toBe(true)
  })

  it('stores names and version labels trimmed, and notice texts as typed', () => {
    const input = programme({ name: { 'zh-CN': ' 会员计划\u3000', 'en': 'Plan ' }, privacyNoticeVersion: ' 2026-12 ', privacyNoticeText: { 'zh-CN': '告知\n', 'en': ' Notice' } })
    input.categories[1]!.levels[0]!.name = { 'zh-CN': '\u3000银卡', 'en': ' Silver' }
    const published = ProgrammeSettingsBodySchema.parse(input)
    expect(published.name).toEqual({ 'zh-CN': '会员计划', 'en': 'Plan' })
    expect(published.privacyNoticeVersion).toBe('2026-12')
    expect(published.categories[1]!.levels[0]!.name).toEqual({ 'zh-CN': '银卡', 'en': 'Silver' })
    expect(published.privacyNoticeText).toEqual({ 'zh-CN': '告知\n', 'en': ' Notice' })
  })

  it('keeps reading stored settings it would no longer publish: blank names, a fee above the cap, a level code twice', () => {
    const stored = programme({ name: { 'zh-CN': '   ', 'en': 'Plan' } })
    stored.categories[0]!.feeFen = 200_000_000
    stored.categories[1]!.levels.push({ code: 'gold', name: { 'zh-CN': '白金卡', 'en': 'Platinum' } })
    expect(ProgrammeSettingsSchema.safeParse(stored).success).toBe(true)
    expect(ProgrammeSettingsBodySchema.safeParse(stored).success).toBe(false)
  })

  it('refuses two levels of one category with one code, at the second; two categories may share a level code', () => {
    const input = programme()
    input.categories[1]!.levels.push({ code: 'gold', name: { 'zh-CN': '白金卡', 'en': 'Platinum' } })
    expect(issues(input)).toEqual([['categories.1.levels.3.code', 'programme.duplicate_level_code']])
    const other = programme()
    other.categories[0]!.levels = [{ code: 'gold', name: { 'zh-CN': '金卡', 'en': 'Gold' } }]
    expect(issues(other)).toEqual([])
  })
})
