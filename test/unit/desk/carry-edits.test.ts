import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { describe, expect, it } from 'vitest'
import { carryEdits, sameData } from '../../../client/src/desk/admin/carry-edits'
import { newCategory, newLevel, placeOf, programmeLabels } from '../../../client/src/desk/admin/programme-form'
import deskAdminMessages from '../../../client/src/i18n/messages/desk-admin'

function settings(): ProgrammeSettings {
  const programme = structuredClone(DEFAULT_PROGRAMME)
  programme.categories = [
    { ...newCategory('standard'), name: { 'zh-CN': '普通会员', 'en': 'Standard' }, feeFen: 10000 },
    { ...newCategory('vip'), name: { 'zh-CN': 'VIP会员', 'en': 'VIP' }, levels: [newLevel('silver'), newLevel('gold')] },
  ]
  return programme
}
const LABELS = programmeLabels(key => deskAdminMessages['zh-CN'].deskAdmin.programme[key])
const codes = (programme: ProgrammeSettings) => programme.categories.map(category => category.code)

describe('carrying edits onto the version someone else published', () => {
  it('keeps both sides where they changed different settings', () => {
    const base = settings()
    const edited = settings()
    edited.name['zh-CN'] = '新计划名'
    edited.categories[0]!.feeFen = 20000
    const current = settings()
    current.membershipTermYears = 3
    current.categories[0]!.minimumAge = 16
    const { merged, overlaps } = carryEdits(base, edited, current)
    expect(overlaps).toEqual([])
    expect(merged.name['zh-CN']).toBe('新计划名')
    expect(merged.membershipTermYears).toBe(3)
    expect(merged.categories[0]).toMatchObject({ feeFen: 20000, minimumAge: 16 })
  })

  it('puts in the administrator\'s value where both changed one setting, and names it', () => {
    const base = settings()
    const edited = settings()
    edited.categories[1]!.levels[1]!.name.en = 'Gold card'
    edited.reviewDeadlineWorkingDays = 7
    const current = settings()
    current.categories[1]!.levels[1]!.name.en = 'Golden'
    current.reviewDeadlineWorkingDays = 10
    const { merged, overlaps } = carryEdits(base, edited, current)
    expect(merged.reviewDeadlineWorkingDays).toBe(7)
    expect(merged.categories[1]!.levels[1]!.name.en).toBe('Gold card')
    expect(overlaps.map(path => placeOf(merged, path, 'zh-CN', LABELS)).sort()).toEqual(['VIP会员 · 等级 gold · 名称（英文）', LABELS.reviewDeadline].sort())
    expect(overlaps).toContainEqual(['reviewDeadlineWorkingDays'])
    expect(overlaps).toContainEqual(['categories', '1', 'levels', '1', 'name', 'en'])
  })

  it('names nothing when both made the same change', () => {
    const base = settings()
    const edited = settings()
    edited.maxDependants = 9
    const current = settings()
    current.maxDependants = 9
    expect(carryEdits(base, edited, current)).toEqual({ merged: current, overlaps: [] })
  })

  it('matches categories and levels by code: added on either side, removed on either side', () => {
    const base = settings()
    const edited = settings()
    edited.categories.push(newCategory('student'))
    edited.categories[1]!.levels.push(newLevel('diamond'))
    const current = settings()
    current.categories.shift()
    current.categories.push(newCategory('senior'))
    const { merged, overlaps } = carryEdits(base, edited, current)
    expect(overlaps).toEqual([])
    expect(codes(merged)).toEqual(['vip', 'senior', 'student'])
    expect(merged.categories[0]!.levels.map(level => level.code)).toEqual(['silver', 'gold', 'diamond'])
  })

  it('keeps, and names, an item one side removed and the other changed', () => {
    const base = settings()
    const edited = settings()
    edited.categories.splice(0, 1)
    edited.categories[0]!.feeFen = 5000
    const current = settings()
    current.categories[0]!.feeFen = 15000
    current.categories.splice(1, 1)
    const { merged, overlaps } = carryEdits(base, edited, current)
    expect(codes(merged)).toEqual(['standard', 'vip'])
    expect(merged.categories[0]!.feeFen).toBe(15000)
    expect(merged.categories[1]!.feeFen).toBe(5000)
    expect(overlaps).toEqual([['categories', '0'], ['categories', '1']])
  })

  it('takes lists of values (dates, materials) as wholes', () => {
    const base = settings()
    const edited = settings()
    edited.workingCalendar.holidays = [...base.workingCalendar.holidays, '2027-10-01']
    const current = settings()
    current.workingCalendar.holidays = [...base.workingCalendar.holidays, '2027-05-01']
    const { merged, overlaps } = carryEdits(base, edited, current)
    expect(merged.workingCalendar.holidays).toEqual(edited.workingCalendar.holidays)
    expect(overlaps).toEqual([['workingCalendar', 'holidays']])
  })

  it('leaves its inputs alone and answers copies', () => {
    const base = settings()
    const edited = settings()
    edited.categories[0]!.feeFen = 1
    const current = settings()
    const { merged } = carryEdits(base, edited, current)
    merged.categories[0]!.name.en = 'changed'
    expect(edited.categories[0]!.name.en).toBe('Standard')
    expect(current.categories[0]!.feeFen).toBe(10000)
  })
})

describe('sameData', () => {
  it('ignores key order but not list order', () => {
    expect(sameData({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true)
    expect(sameData([1, 2], [2, 1])).toBe(false)
    expect(sameData({ a: undefined }, {})).toBe(true)
    expect(sameData(null, {})).toBe(false)
  })
})
