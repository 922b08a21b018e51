import { categoryLabel, categoryNames } from '#shared/programme/category-label'
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
