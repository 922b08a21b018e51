import type { DirectoryAgent, DirectorySite } from '../../../client/src/desk/directory/directory.types'
import { describe, expect, it } from 'vitest'
import { agentChoices, agentLabel, agentLabelById, categoryChoices, categoryFilterOf, deviceLabel, siteChoices, siteLabel, siteLabelById } from '../../../client/src/desk/directory/directory-labels'

const SITES: DirectorySite[] = [
  { id: 'site-1', code: 'BJ01', name: '北京朝阳网点', active: true },
  { id: 'site-2', code: 'XH01', name: '上海徐汇网点', active: false },
]
const AGENTS: DirectoryAgent[] = [
  { id: 'staff-1', displayName: '李外勤', siteIds: ['site-1'], disabled: false },
  { id: 'staff-2', displayName: '王外勤', siteIds: ['site-1', 'site-2'], disabled: true },
  { id: 'staff-3', displayName: '陈外勤', siteIds: ['site-2'], disabled: false },
]

describe('site and agent labels', () => {
  it('names a site by name and code, falling back to the code, then the id', () => {
    expect(siteLabel({ siteId: 'site-1', siteCode: 'BJ01', siteName: '北京朝阳网点' }, 'zh-CN')).toBe('北京朝阳网点（BJ01）')
    expect(siteLabel({ siteId: 'site-1', siteCode: null, siteName: '北京朝阳网点' }, 'zh-CN')).toBe('北京朝阳网点')
    expect(siteLabel({ siteId: 'site-1', siteCode: 'BJ01', siteName: null }, 'zh-CN')).toBe('BJ01')
    expect(siteLabel({ siteId: 'site-9', siteCode: null, siteName: null }, 'zh-CN')).toBe('site-9')
    expect(siteLabel({ siteId: 'site-1', siteCode: 'BJ01', siteName: 'Chaoyang' }, 'en')).toBe('Chaoyang (BJ01)')
  })

  it('names an agent by display name, or the id when unknown', () => {
    expect(agentLabel({ agentId: 'staff-1', agentName: '李外勤' })).toBe('李外勤')
    expect(agentLabel({ agentId: 'staff-1', agentName: null })).toBe('staff-1')
  })

  it('names a device by its label and code, falling back to the code, then the id', () => {
    expect(deviceLabel({ deviceId: 'd-1', deviceCode: '0H1K', deviceLabel: '朝阳1号平板' }, 'zh-CN')).toBe('朝阳1号平板（0H1K）')
    expect(deviceLabel({ deviceId: 'd-1', deviceCode: null, deviceLabel: '朝阳1号平板' }, 'zh-CN')).toBe('朝阳1号平板')
    expect(deviceLabel({ deviceId: 'd-1', deviceCode: '0H1K', deviceLabel: null }, 'zh-CN')).toBe('0H1K')
    expect(deviceLabel({ deviceId: 'd-1', deviceCode: null, deviceLabel: null }, 'zh-CN')).toBe('d-1')
    expect(deviceLabel({ deviceId: 'd-1', deviceCode: '0H1K', deviceLabel: '朝阳1号平板' }, 'en')).toBe('朝阳1号平板 (0H1K)')
  })

  it('looks sites and agents up in the directory by id', () => {
    expect(siteLabelById(SITES, 'site-2', 'zh-CN')).toBe('上海徐汇网点（XH01）')
    expect(siteLabelById(SITES, 'site-9', 'zh-CN')).toBe('site-9')
    expect(siteLabelById([], 'site-1', 'zh-CN')).toBe('site-1')
    expect(agentLabelById(AGENTS, 'staff-3')).toBe('陈外勤')
    expect(agentLabelById(AGENTS, 'staff-9')).toBe('staff-9')
  })
})

describe('filter choices', () => {
  it('offers the directory\'s sites in its order, closed ones marked', () => {
    expect(siteChoices(SITES, 'zh-CN')).toEqual([
      { value: 'site-1', label: '北京朝阳网点（BJ01）', inactive: false },
      { value: 'site-2', label: '上海徐汇网点（XH01）', inactive: true },
    ])
  })

  it('keeps a selected id the directory does not name, as itself, once', () => {
    expect(siteChoices(SITES, 'zh-CN', ['site-9', 'site-9', '']).map(c => c.value)).toEqual(['site-1', 'site-2', 'site-9'])
    expect(siteChoices(SITES, 'zh-CN', ['site-1']).map(c => c.value)).toEqual(['site-1', 'site-2'])
    expect(siteChoices([], 'zh-CN', ['site-9'])).toEqual([{ value: 'site-9', label: 'site-9', inactive: false }])
  })

  it('offers every agent, or the chosen site\'s agents only, disabled ones marked', () => {
    expect(agentChoices(AGENTS, '').map(c => c.value)).toEqual(['staff-1', 'staff-2', 'staff-3'])
    expect(agentChoices(AGENTS, 'site-2')).toEqual([
      { value: 'staff-2', label: '王外勤', inactive: true },
      { value: 'staff-3', label: '陈外勤', inactive: false },
    ])
    // An agent chosen before the site filter narrowed the list stays visible, by name; an unknown id as itself.
    expect(agentChoices(AGENTS, 'site-2', ['staff-1', 'staff-9']).slice(2)).toEqual([
      { value: 'staff-1', label: '李外勤', inactive: false },
      { value: 'staff-9', label: 'staff-9', inactive: false },
    ])
  })
})

describe('member category choices', () => {
  const categories = [
    { code: 'standard', name: { 'zh-CN': '普通会员', 'en': 'Standard member' }, applicantTypes: ['individual' as const], levels: [] },
    { code: 'vip', name: { 'zh-CN': 'VIP会员', 'en': 'VIP member' }, applicantTypes: ['individual' as const], levels: [{ code: 'silver', name: { 'zh-CN': '银卡', 'en': 'Silver' } }, { code: 'gold', name: { 'zh-CN': '金卡', 'en': 'Gold' } }] },
  ]

  it('lists each category followed by its levels, by name', () => {
    expect(categoryChoices(categories, 'zh-CN').map(c => [c.value, c.label])).toEqual([
      ['standard', '普通会员'],
      ['vip', 'VIP会员'],
      ['vip:silver', 'VIP会员 · 银卡'],
      ['vip:gold', 'VIP会员 · 金卡'],
    ])
    expect(categoryChoices(categories, 'en')[3]!.label).toBe('VIP member · Gold')
  })

  it('reads a choice back as the members API takes it', () => {
    expect(categoryFilterOf('vip:gold')).toEqual({ category: 'vip', level: 'gold' })
    expect(categoryFilterOf('vip')).toEqual({ category: 'vip' })
    expect(categoryFilterOf('')).toEqual({})
  })
})
