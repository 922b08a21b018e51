import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import { PaymentSchema } from '#shared/application/application.schema'
import { formatMessage } from '#shared/errors/format-issue'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { ProgrammeSettingsSchema } from '#shared/programme/programme.schema'
import { describe, expect, it } from 'vitest'
import { BYTES_PER_MB, categoryCodeProblem, FEN_PER_YUAN, fromUnits, inUnits, levelCodeProblem, MAX_FEE_YUAN, newCategory, newLevel, programmeLabels, setFeeYuan, setMaxAttachmentMb, settingsIssues } from '../../../client/src/desk/admin/programme-form'
import deskAdminMessages from '../../../client/src/i18n/messages/desk-admin'

function settings(): ProgrammeSettings {
  return structuredClone(DEFAULT_PROGRAMME)
}

/** The screen's own Chinese labels: a renamed label shows here as it does on the screen. */
const LABELS = programmeLabels(key => deskAdminMessages['zh-CN'].deskAdmin.programme[key])

describe('categoryCodeProblem', () => {
  it.each(['student', 'vip_2', 'a', 'x'.repeat(32)])('%j may name a new category', (code) => {
    expect(categoryCodeProblem(settings(), code)).toBeNull()
  })
  it.each(['', 'Student', '2vip', '_vip', 'vip-2', 'vip 2', '学生', 'x'.repeat(33)])('%j is not a code', (code) => {
    expect(categoryCodeProblem(settings(), code)).toBe('format')
  })
  it('refuses a code the programme already has', () => {
    const current = settings()
    expect(categoryCodeProblem(current, current.categories[0]!.code)).toBe('duplicate')
  })
})

describe('levelCodeProblem', () => {
  it('is unique within its category only', () => {
    const category = { ...newCategory('club'), levels: [newLevel('gold')] }
    expect(levelCodeProblem(category, 'gold')).toBe('duplicate')
    expect(levelCodeProblem(category, 'silver')).toBeNull()
    expect(levelCodeProblem(newCategory('other'), 'gold')).toBeNull()
    expect(levelCodeProblem(category, 'Gold')).toBe('format')
  })
})

describe('new categories and levels', () => {
  it('publish as they stand', () => {
    const current = settings()
    current.categories.push({ ...newCategory('student'), levels: [newLevel('silver'), newLevel('gold')] })
    expect(settingsIssues(current, 'zh-CN', LABELS)).toEqual([])
    expect(ProgrammeSettingsSchema.parse(current).categories.at(-1)).toEqual(current.categories.at(-1))
  })
  it('are independent copies (editing one never edits the next)', () => {
    const first = newCategory('a')
    first.requiredMaterials.individual.push('portrait')
    first.name.en = 'A'
    expect(newCategory('b').requiredMaterials.individual).toEqual(['id_front', 'id_back'])
    expect(newCategory('b').name.en).toBe('b')
  })
})

describe('settingsIssues', () => {
  it('names each problem as the screen labels it, in words, never a schema path or a Zod message', () => {
    const current = settings()
    const category = current.categories[0]!
    category.name.en = ''
    category.levels.push(newLevel('ok'), { code: 'Bad', name: { 'zh-CN': '坏', 'en': '' } })
    current.privacyNoticeVersion = ''
    current.memberTermsText.en = ''
    const issues = settingsIssues(current, 'zh-CN', LABELS)
    expect(issues).toEqual([
      { where: `${category.name['zh-CN']} · 名称（英文）`, message: '必填' },
      { where: `${category.name['zh-CN']} · 等级 Bad · 代码`, message: '格式不正确' },
      { where: `${category.name['zh-CN']} · 等级 Bad · 名称（英文）`, message: '必填' },
      { where: '隐私告知版本', message: '必填' },
      { where: '会员须知（英文）', message: '必填' },
    ])
    expect(settingsIssues(current, 'en', LABELS)[0]!.message).toBe('Required')
  })
  it('names a cleared membership term by its label', () => {
    const current: Omit<ProgrammeSettings, 'membershipTermYears'> & { membershipTermYears: number | null } = settings()
    current.membershipTermYears = null
    expect(settingsIssues(current as ProgrammeSettings, 'zh-CN', LABELS)).toEqual([{ where: '会员有效期（年）', message: '必填' }])
  })
  it('says where a hidden character is, in a name or a notice, as the server would', () => {
    const current = settings()
    const category = current.categories[0]!
    category.name['zh-CN'] = `${category.name['zh-CN']}\u200B`
    current.memberTermsText['zh-CN'] = `须知\u0000`
    const issues = settingsIssues(current, 'zh-CN', LABELS)
    expect(issues.map(issue => issue.where)).toEqual([`${category.name['zh-CN']} · 名称（中文）`, '会员须知（中文）'])
    expect(issues[0]!.message).toBe(formatMessage('text.hidden_characters', undefined, 'zh-CN'))
    // The programme's own name, which the screen edits too.
    const named = settings()
    named.name.en = `Plan\u200E`
    expect(settingsIssues(named, 'en', LABELS)).toEqual([{ where: '计划名称（英文）', message: formatMessage('text.hidden_characters', undefined, 'en') }])
  })
  it('finds duplicate categories and a programme with none', () => {
    const current = settings()
    const code = current.categories[0]!.code
    current.categories.push({ ...newCategory(code), name: { 'zh-CN': '重复', 'en': 'Twice' } })
    expect(settingsIssues(current, 'en', LABELS)).toEqual([{ where: 'Twice · 代码', message: `Code ${code} is already another category's` }])
    current.categories = []
    expect(settingsIssues(current, 'zh-CN', LABELS)).toEqual([{ where: '会员类别', message: '至少1项' }])
  })
  it('has nothing to say about the default programme', () => {
    expect(settingsIssues(settings(), 'zh-CN', LABELS)).toEqual([])
  })
  it('names the version label of a notice text changed since the version it was loaded from', () => {
    const published = settings()
    const edited = settings()
    edited.memberTermsText['zh-CN'] = '会员应遵守新的章程。'
    expect(settingsIssues(edited, 'zh-CN', LABELS, published)).toEqual([{ where: '会员须知版本', message: formatMessage('programme.notice_version_unchanged', undefined, 'zh-CN') }])
    edited.memberTermsVersion = `${published.memberTermsVersion}-2`
    expect(settingsIssues(edited, 'zh-CN', LABELS, published)).toEqual([])
  })
})

describe('amounts typed in yuan and MB', () => {
  it('are stored in fen and bytes, whole', () => {
    expect(fromUnits(199.99, FEN_PER_YUAN)).toBe(19999)
    expect(fromUnits(0, FEN_PER_YUAN)).toBe(0)
    expect(fromUnits(10, BYTES_PER_MB)).toBe(10 * 1024 * 1024)
    expect(inUnits(19999, FEN_PER_YUAN)).toBe(199.99)
  })
  it('stay empty when cleared: a cleared fee is missing at publish, never free', () => {
    expect(fromUnits(null, FEN_PER_YUAN)).toBeNull()
    expect(fromUnits(undefined, FEN_PER_YUAN)).toBeNull()
    expect(inUnits(null, FEN_PER_YUAN)).toBeNull()
    const current = settings()
    const paid = current.categories.find(category => category.feeFen > 0)!
    setFeeYuan(paid, null)
    setMaxAttachmentMb(current, null)
    expect(settingsIssues(current, 'zh-CN', LABELS)).toEqual([
      { where: `${paid.name['zh-CN']} · 费用（元）`, message: '必填' },
      { where: '单个材料上限（MB）', message: '必填' },
    ])
    setFeeYuan(paid, 50)
    expect(paid.feeFen).toBe(5000)
  })
  it('cap a fee at the most a payment may record, said in 元: the input stops there and publishing refuses more', () => {
    expect(MAX_FEE_YUAN).toBe(1_000_000)
    expect(fromUnits(MAX_FEE_YUAN, FEN_PER_YUAN)).toBe(PaymentSchema.shape.amountFen.maxValue)
    const current = settings()
    const paid = current.categories.find(category => category.feeFen > 0)!
    setFeeYuan(paid, 2_000_000)
    expect(settingsIssues(current, 'zh-CN', LABELS)).toEqual([{ where: `${paid.name['zh-CN']} · 费用（元）`, message: '不能超过缴费金额的上限1,000,000元' }])
    expect(settingsIssues(current, 'en', LABELS)[0]!.message).toBe('At most ¥1,000,000, the most a payment can record')
    setFeeYuan(paid, MAX_FEE_YUAN)
    expect(settingsIssues(current, 'zh-CN', LABELS)).toEqual([])
  })
})

describe('texts of white space alone and level codes twice', () => {
  it('are refused before sending, where the screen shows them', () => {
    const current = settings()
    const vip = current.categories.find(category => category.levels.length > 0)!
    current.name['zh-CN'] = '\u3000\u3000'
    vip.levels.push({ code: vip.levels[0]!.code, name: { 'zh-CN': '白金卡', 'en': 'Platinum' } })
    expect(settingsIssues(current, 'zh-CN', LABELS)).toEqual([
      { where: '计划名称（中文）', message: '必填' },
      { where: `${vip.name['zh-CN']} · 等级 ${vip.levels[0]!.code} · 代码`, message: `代码 ${vip.levels[0]!.code} 已被该类别的另一等级使用` },
    ])
  })
})
