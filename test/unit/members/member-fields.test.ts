import type { TrackedMemberValues } from '#shared/members/member-fields'
import { MEMBER_FIELD_LABELS, memberFieldChanges, memberFieldLabel, TRACKED_MEMBER_FIELDS } from '#shared/members/member-fields'
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

describe('memberFieldChanges', () => {
  // Joined 2026-01-01 for a year: on 2027-01-05 its validity has run out.
  const lapsed: TrackedMemberValues = { status: 'active', cardStatus: 'issued', cardNo: '000000000018', validFrom: '2026-01-01', validUntil: '2026-12-31', revisitDue: '2027-01-31', level: null }
  const today = '2027-01-05'

  it('records the standing the member had and has on the day: a lapsed member renewed went 已过期 → 正常', () => {
    expect(memberFieldChanges(lapsed, { ...lapsed, validFrom: today, validUntil: '2028-01-04' }, today)).toEqual({
      status: { from: 'expired', to: 'active' },
      validFrom: { from: '2026-01-01', to: today },
      validUntil: { from: '2026-12-31', to: '2028-01-04' },
    })
  })

  it('says a member unfrozen after its validity ran out is now expired, and a cancelled one was expired', () => {
    expect(memberFieldChanges({ ...lapsed, status: 'frozen' }, lapsed, today)).toEqual({ status: { from: 'frozen', to: 'expired' } })
    expect(memberFieldChanges(lapsed, { ...lapsed, status: 'cancelled' }, today)).toEqual({ status: { from: 'expired', to: 'cancelled' } })
  })

  it('records nothing of a standing that did not change, and each other field as stored', () => {
    expect(memberFieldChanges(lapsed, { ...lapsed, revisitDue: '2027-01-12' }, today)).toEqual({ revisitDue: { from: '2027-01-31', to: '2027-01-12' } })
    expect(memberFieldChanges(lapsed, { ...lapsed, status: 'frozen' }, '2026-06-01')).toEqual({ status: { from: 'active', to: 'frozen' } })
    expect(memberFieldChanges(lapsed, lapsed, today)).toEqual({})
  })
})
