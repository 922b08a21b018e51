import { auditActions } from '#shared/audit/audit-actions'
import { describe, expect, it } from 'vitest'
import { auditDetailLines, auditDetailSummary } from '../../../client/src/desk/admin/audit-detail'
import { auditActionGroups } from '../../../client/src/desk/admin/audit-filter-options'

describe('the audit filter\'s action list', () => {
  const groups = auditActionGroups('zh-CN', family => `全部（${family}）`)

  it('offers every action once, under its family, each family led by its prefix', () => {
    const actions = groups.flatMap(g => g.options.slice(1).map(o => o.value))
    expect(actions.sort()).toEqual([...auditActions()].sort())
    for (const group of groups) {
      expect(group.options[0]).toEqual({ value: `${group.family}.*`, label: `全部（${group.label}）` })
      expect(group.options.slice(1).every(o => o.value.startsWith(`${group.family}.`))).toBe(true)
    }
  })

  it('names families and actions in the desk\'s language', () => {
    const staff = groups.find(g => g.family === 'staff')!
    expect(staff.label).toBe('人员账号')
    expect(staff.options).toContainEqual({ value: 'staff.reset_password', label: '重置密码' })
    const members = auditActionGroups('en', family => `All: ${family}`).find(g => g.family === 'member')!
    expect(members.options[0]!.label).toBe('All: Members')
    expect(members.options).toContainEqual({ value: 'member.freeze', label: 'Freeze (member)' })
  })
})

describe('an audit entry\'s detail', () => {
  const detail = { receiptNo: 'BJ01-7K2M-000001-X', rowCount: 12, filters: { status: ['submitted'] }, full: false, reason: null }

  it('is shown line by line, nested values as JSON, exactly as recorded', () => {
    expect(auditDetailLines(detail)).toEqual([
      { key: 'receiptNo', value: 'BJ01-7K2M-000001-X' },
      { key: 'rowCount', value: '12' },
      { key: 'filters', value: '{"status":["submitted"]}' },
      { key: 'full', value: 'false' },
      { key: 'reason', value: 'null' },
    ])
    expect(auditDetailSummary({ rowCount: 3, full: true })).toBe('rowCount: 3 · full: true')
    expect(auditDetailSummary({})).toBe('')
  })
})
