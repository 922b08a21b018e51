import { categoryLabel, categoryNames, namesAcrossVersions } from '#shared/programme/category-label'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { describe, expect, it } from 'vitest'

const CATEGORIES = DEFAULT_PROGRAMME.categories

describe('category labels', () => {
  it('names the category and level in the given language', () => {
    expect(categoryLabel(CATEGORIES, 'vip', 'gold', 'zh-CN')).toBe('VIP会员 · 金卡')
    expect(categoryLabel(CATEGORIES, 'vip', 'gold', 'en')).toBe('VIP member · Gold')
    expect(categoryLabel(CATEGORIES, 'standard', null, 'zh-CN')).toBe('普通会员')
    expect(categoryLabel(CATEGORIES, 'standard', undefined, 'en')).toBe('Standard member')
    expect(categoryNames(CATEGORIES, 'vip', 'diamond', 'zh-CN')).toEqual({ category: 'VIP会员', level: '钻石卡' })
    expect(categoryNames(CATEGORIES, 'family', null, 'zh-CN')).toEqual({ category: '家庭会员', level: null })
  })

  it('shows codes for what the programme no longer names, never a blank', () => {
    expect(categoryLabel(CATEGORIES, 'retired', null, 'zh-CN')).toBe('retired')
    expect(categoryLabel(CATEGORIES, 'retired', 'bronze', 'zh-CN')).toBe('retired · bronze')
    expect(categoryLabel(CATEGORIES, 'vip', 'platinum', 'zh-CN')).toBe('VIP会员 · platinum')
    expect(categoryLabel([], 'vip', null, 'en')).toBe('vip')
  })
})

describe('names across the programme\'s versions', () => {
  const vip = CATEGORIES.find(c => c.code === 'vip')!
  const family = CATEGORIES.find(c => c.code === 'family')!
  const renamedVip = { ...vip, name: { 'zh-CN': '贵宾会员', 'en': 'VIP' }, levels: vip.levels.filter(l => l.code !== 'diamond') }
  /** Newest first: family removed, VIP renamed and its diamond level dropped, a new category. */
  const versions = [
    [renamedVip, { code: 'youth', name: { 'zh-CN': '青年会员', 'en': 'Youth member' }, levels: [] }],
    CATEGORIES,
  ]

  it('keeps the newest name of each code, the categories in force first', () => {
    const names = namesAcrossVersions(versions)
    expect(names.map(c => c.code)).toEqual(['vip', 'youth', ...CATEGORIES.map(c => c.code).filter(code => code !== 'vip')])
    expect(categoryLabel(names, 'vip', 'gold', 'zh-CN')).toBe('贵宾会员 · 金卡')
  })

  it('names a removed category and a removed level as they were last named, not by code', () => {
    const names = namesAcrossVersions(versions)
    expect(categoryLabel(names, 'family', null, 'zh-CN')).toBe(family.name['zh-CN'])
    expect(categoryLabel(names, 'vip', 'diamond', 'en')).toBe('VIP · Diamond')
    expect(categoryLabel(names, 'never', null, 'en')).toBe('never')
  })

  it('is the current version itself when nothing was removed', () => {
    expect(namesAcrossVersions([CATEGORIES])).toEqual(CATEGORIES.map(c => ({ code: c.code, name: c.name, levels: c.levels.map(l => ({ code: l.code, name: l.name })) })))
    expect(namesAcrossVersions([])).toEqual([])
  })
})
