import { compareNames } from '#shared/i18n/collate'
import { describe, expect, it } from 'vitest'

describe('compareNames', () => {
  it('orders Chinese names by pinyin whatever the process\'s own locale (code points put 张 before 陈)', () => {
    expect(['张外勤', '陈外勤', '王外勤', '李外勤'].sort(compareNames)).toEqual(['陈外勤', '李外勤', '王外勤', '张外勤'])
    // The same comparison without a locale, under LANG=C: why the rule names one.
    expect('张'.localeCompare('陈', 'en-US')).toBeLessThan(0)
  })

  it('keeps rare characters, middle dots and Latin names in a total order', () => {
    const names = ['阿卜杜拉·买买提', '𠮷野家', 'John Smith', '艾力', 'agent.li']
    const sorted = [...names].sort(compareNames)
    expect(new Set(sorted)).toEqual(new Set(names))
    expect(sorted.indexOf('阿卜杜拉·买买提')).toBeLessThan(sorted.indexOf('艾力'))
    expect(compareNames('艾力', '艾力')).toBe(0)
  })
})
