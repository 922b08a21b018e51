import { auditActions } from '#shared/audit/audit-actions'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { chainReportView } from '../../../client/src/desk/admin/audit-chain-report'
import { auditDetailLines, auditDetailSummary } from '../../../client/src/desk/admin/audit-detail'
import { auditActionGroups } from '../../../client/src/desk/admin/audit-filter-options'
import deskAdminMessages from '../../../client/src/i18n/messages/desk-admin'

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
    // On one line in words: labelled, codes worded.
    expect(auditDetailSummary({ rowCount: 3, full: true }, 'zh-CN')).toBe('行数：3 · 完整信息（未遮盖）：是')
    expect(auditDetailSummary({ rowCount: 3, full: true }, 'en')).toBe('Rows: 3 · Full (unmasked) values: yes')
    expect(auditDetailSummary({}, 'zh-CN')).toBe('')
  })
})

describe('the chain check\'s report', () => {
  const { global: i18n } = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': deskAdminMessages['zh-CN'], 'en': deskAdminMessages.en } })
  const t = (key: string, params: Record<string, string | number>) => i18n.t(key, params)
  const at = (iso: string) => iso.slice(0, 16).replace('T', ' ')
  const hash = 'ab'.repeat(32)
  const head = { seq: 120, hash, at: '2026-12-04T08:00:00.000Z' }

  it('gives the end to note down, as the command line prints it, when the chain holds', () => {
    expect(chainReportView({ ok: true, checked: 120, head }, null, t, at)).toEqual({
      type: 'success',
      title: '审计链完整：已验证 120 条',
      note: expect.stringContaining(`当前链尾：第 120 条（2026-12-04 08:00），记录值 120:${hash.slice(0, 16)}。`),
    })
    expect(chainReportView({ ok: true, checked: 120, head, anchor: 'holds' }, 100, t, at).title).toBe('审计链完整：已验证 120 条，并且仍包含所记链尾第 100 条')
  })

  it('says what became of the end noted, and gives no end to note when the chain fails', () => {
    const cut = chainReportView({ ok: false, checked: 99, head: { ...head, seq: 99 }, anchor: 'missing' }, 100, t, at)
    expect(cut).toEqual({ type: 'error', title: '审计链在第 99 条结束，早于所记链尾第 100 条：末尾的条目已被删除', note: null })
    expect(chainReportView({ ok: false, checked: 120, head, anchor: 'different' }, 100, t, at).title).toBe('第 100 条的哈希值与所记链尾不符：审计链在此处或之前被改写')
    expect(chainReportView({ ok: false, checked: 41, brokenAt: 42, head: { ...head, seq: 41 } }, 100, t, at)).toEqual({ type: 'error', title: '审计链在第 42 条处断开（之前 41 条完整）', note: null })
  })

  it('reads in English too', () => {
    i18n.locale.value = 'en'
    expect(chainReportView({ ok: true, checked: 3, head }, null, t, at).note).toContain(`to note as 120:${hash.slice(0, 16)}`)
    i18n.locale.value = 'zh-CN'
  })
})
