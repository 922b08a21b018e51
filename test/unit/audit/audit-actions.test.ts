import { AUDIT_EVENT_LABELS, AUDIT_FAMILY_LABELS, auditActionLabel, auditActions, auditFamilyOf } from '#shared/audit/audit-actions'
import { describe, expect, it } from 'vitest'

describe('audit action labels', () => {
  it('names every event in both languages', () => {
    for (const [action, label] of Object.entries(AUDIT_EVENT_LABELS)) {
      expect(label['zh-CN'], action).toMatch(/\p{Script=Han}/u)
      expect(label.en, action).toMatch(/^[A-Z]/)
    }
    expect(auditActionLabel('auth.login', 'zh-CN')).toBe('登录')
    expect(auditActionLabel('export.daily_report', 'en')).toBe('Exported the daily report')
  })

  it('names status changes and member operations after the shared vocabularies', () => {
    expect(auditActionLabel('application.approve', 'zh-CN')).toBe('通过（申请）')
    expect(auditActionLabel('application.return', 'en')).toBe('Return for more information (application)')
    expect(auditActionLabel('member.freeze', 'zh-CN')).toBe('冻结（会员）')
  })

  it('shows an unknown or older code as it is', () => {
    expect(auditActionLabel('staff.delete', 'zh-CN')).toBe('staff.delete')
    expect(auditActionLabel('application.teleport', 'en')).toBe('application.teleport')
    expect(auditActionLabel('member', 'en')).toBe('member')
  })
})

describe('the actions the desk offers as a filter', () => {
  it('lists every event, status change and member operation once, each named and in a named family', () => {
    const actions = auditActions()
    expect(new Set(actions).size).toBe(actions.length)
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'export.daily_report', 'application.approve', 'application.withdraw', 'member.freeze']))
    for (const action of actions) {
      expect(auditActionLabel(action, 'zh-CN'), action).not.toBe(action)
      expect(Object.hasOwn(AUDIT_FAMILY_LABELS, auditFamilyOf(action)), action).toBe(true)
    }
  })

  it('names every family in both languages', () => {
    for (const [family, label] of Object.entries(AUDIT_FAMILY_LABELS)) {
      expect(label['zh-CN'], family).toMatch(/\p{Script=Han}/u)
      expect(label.en, family).toMatch(/^[A-Z]/)
    }
  })
})
