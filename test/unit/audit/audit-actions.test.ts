import { AUDIT_EVENT_LABELS, auditActionLabel } from '#shared/audit/audit-actions'
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
