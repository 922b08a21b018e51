import { MEMBER_FIELD_LABELS, memberFieldLabel, TRACKED_MEMBER_FIELDS } from '#shared/members/member-fields'
import { describe, expect, it } from 'vitest'

describe('memberFieldLabel', () => {
  it('names every tracked field in both languages, each name its own', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const names = TRACKED_MEMBER_FIELDS.map(field => memberFieldLabel(field, locale))
      expect(names.every(name => name.length > 0)).toBe(true)
      expect(new Set(names).size).toBe(names.length)
    }
    expect(memberFieldLabel('validUntil', 'zh-CN')).toBe('有效期止')
    expect(memberFieldLabel('cardStatus', 'en')).toBe('Card status')
  })

  it('shows a field it does not know as recorded, and is not fooled by an inherited key', () => {
    expect(memberFieldLabel('formerField', 'zh-CN')).toBe('formerField')
    expect(memberFieldLabel('toString', 'en')).toBe('toString')
    expect(Object.keys(MEMBER_FIELD_LABELS)).toEqual([...TRACKED_MEMBER_FIELDS])
  })
})
