import { wordedAuditDetail } from '#shared/audit/audit-detail-words'
import { describe, expect, it } from 'vitest'

const worded = (detail: Record<string, unknown>, locale: 'zh-CN' | 'en' = 'zh-CN') => wordedAuditDetail(detail, locale).map(line => [line.label, line.value])

describe('an audit entry\'s detail in words', () => {
  it('names each key as the desk does and words the codes, in the recorded order', () => {
    expect(worded({ receiptNo: 'BJ01-G8X7-000003-U', from: 'in_review', to: 'approved', version: 4, memberNo: 'FE00000001' })).toEqual([
      ['回执编号', 'BJ01-G8X7-000003-U'],
      ['原状态', '审核中'],
      ['新状态', '已通过'],
      ['版本', '4'],
      ['会员编号', 'FE00000001'],
    ])
    expect(worded({ from: 'in_review', to: 'rejected', reason: 'duplicate' }, 'en')).toEqual([
      ['From', 'In review'],
      ['To', 'Rejected'],
      ['Reason', expect.any(String)],
    ])
  })

  it('words booleans, roles, formats, versions compared, lists and causes', () => {
    expect(worded({ format: 'xlsx', full: true, rowCount: 120 })).toEqual([['格式', 'XLSX'], ['完整信息（未遮盖）', '是'], ['行数', '120']])
    expect(worded({ username: 'li.wei', role: 'reviewer', siteIds: ['site-bj01', 'site-sh01'] })).toEqual([['用户名', 'li.wei'], ['角色', '审核员'], ['网点', 'site-bj01、site-sh01']])
    // Sites by the names the screen knows; an id it does not know (a site since removed) as recorded.
    const names = { site: (id: string) => (id === 'site-bj01' ? '北京朝阳网点（BJ01）' : undefined) }
    expect(wordedAuditDetail({ siteIds: ['site-bj01', 'site-gone'] }, 'zh-CN', names).map(line => line.value)).toEqual(['北京朝阳网点（BJ01）、site-gone'])
    expect(wordedAuditDetail({ siteIds: [] }, 'en', names).map(line => line.value)).toEqual(['—'])
    expect(worded({ receiptNo: 'X', compared: [3, 4] })).toContainEqual(['比较的版本', 'v3 → v4'])
    expect(worded({ memberNo: 'FE1', cause: 'version_conflict' })).toContainEqual(['起因', '操作时版本已变，重新载入'])
    expect(worded({ memberNo: 'FE1', cause: 'operation_not_allowed' })).toContainEqual(['起因', '操作时会员状态已不允许，重新载入'])
    expect(worded({ memberNo: 'FE1', cause: 'operation_not_allowed' }, 'en')).toContainEqual(['Cause', 'Reloaded: the member\'s standing no longer allowed the operation'])
    expect(worded({ reason: 'retention' }, 'en')).toEqual([['Reason', 'Retention period ended']])
  })

  it('words a duplicate\'s resolution: its verdict, how sure the candidate was, the other record and the member details carried', () => {
    const detail = { receiptNo: 'BJ01-TNP3-000015-9', candidateId: 'c-1', resolution: 'same_person', level: 'certain', otherType: 'member', otherId: 'm-1', memberId: 'm-1', memberFields: ['mobile', 'email'] }
    expect(worded(detail)).toEqual([
      ['回执编号', 'BJ01-TNP3-000015-9'],
      ['疑似重复记录 ID', 'c-1'],
      ['处理结论', '同一人（按重复申请关闭）'],
      ['疑似重复程度', '确定重复'],
      ['对方记录类型', '会员'],
      ['对方记录 ID', 'm-1'],
      ['会员 ID', 'm-1'],
      ['更新的会员资料', '手机号码、电子邮箱'],
    ])
    expect(worded({ candidateId: 'c-2', resolution: 'different_person', level: 'possible', otherType: 'application', otherId: 'a-1' }, 'en')).toEqual([
      ['Duplicate candidate ID', 'c-2'],
      ['Resolution', 'Different person (never raised again)'],
      ['Duplicate level', 'Possible duplicate'],
      ['Other record\'s type', 'Application'],
      ['Other record\'s ID', 'a-1'],
    ])
    // Outside a duplicate's resolution `level` is a membership level: the programme's code, as recorded.
    expect(worded({ memberNo: 'FE1', level: 'possible' })).toEqual([['会员编号', 'FE1'], ['等级', 'possible']])
  })

  it('spells out a member operation: the fields it changed, the fee and the re-visit', () => {
    const detail = {
      memberNo: 'FE00000002',
      version: 3,
      changes: { cardStatus: { from: 'active', to: 'lost' }, cardNo: { from: 'C1', to: null } },
      fee: { amountFen: 2000, method: 'cash', receiptNo: 'SJ-1' },
      revisit: { channel: 'phone', outcome: 'reached' },
      note: '会员来电挂失',
    }
    const lines = Object.fromEntries(worded(detail))
    expect(lines['变更']).toMatch(/^会员卡状态：.+ → .+；会员卡号：C1 → —$/)
    expect(lines['费用']).toMatch(/^¥20\.00 · .+ · SJ-1$/)
    expect(lines['回访']).toContain(' · ')
    expect(lines['备注']).toBe('会员来电挂失')
  })

  it('shows a key or a value it does not know as recorded', () => {
    expect(worded({ somethingNew: { a: 1 }, reason: '会员本人申请' })).toEqual([['somethingNew', '{"a":1}'], ['原因', '会员本人申请']])
    expect(worded({ filters: { status: 'approved', q: undefined, siteId: 'site-bj01' } })).toEqual([['筛选条件', 'status=approved, siteId=site-bj01']])
  })
})
