import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { ProgrammeSettingsSchema } from '#shared/programme/programme.schema'
import { describe, expect, it } from 'vitest'
import { categoryCodeProblem, levelCodeProblem, newCategory, newLevel, settingsIssues } from '../../../client/src/desk/admin/programme-form'

function settings(): ProgrammeSettings {
  return structuredClone(DEFAULT_PROGRAMME)
}

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
    expect(settingsIssues(current)).toEqual([])
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
  it('names a category by its code and the field that is wrong', () => {
    const current = settings()
    const category = current.categories[0]!
    category.name.en = ''
    category.levels.push(newLevel('ok'), { code: 'Bad', name: { 'zh-CN': '坏', 'en': 'Bad' } })
    const issues = settingsIssues(current)
    expect(issues.map(issue => issue.where)).toEqual([
      `${category.code} › name › en`,
      `${category.code} › levels › ${category.levels.length - 1} › code`,
    ])
    expect(issues.every(issue => issue.message.length > 0)).toBe(true)
  })
  it('finds duplicate categories and a programme with none', () => {
    const current = settings()
    current.categories.push(newCategory(current.categories[0]!.code))
    expect(settingsIssues(current).map(issue => issue.where)).toEqual([`${current.categories[0]!.code} › code`])
    current.categories = []
    expect(settingsIssues(current).map(issue => issue.where)).toEqual(['categories'])
  })
  it('has nothing to say about the default programme', () => {
    expect(settingsIssues(settings())).toEqual([])
  })
})
