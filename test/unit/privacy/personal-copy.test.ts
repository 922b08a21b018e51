import type { PersonalCopyMember } from '#shared/privacy/personal-copy'
import { personalCopyRows } from '#shared/privacy/personal-copy'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { describe, expect, it } from 'vitest'
import { makeFamily, makeIndividual, makeOrganisation } from '../../fixtures/applications'

const member: PersonalCopyMember = {
  memberNo: 'FE00000007',
  category: 'vip',
  level: 'gold',
  status: 'active',
  cardStatus: 'issued',
  cardNo: 'C000123',
  validFrom: '2026-11-23',
  validUntil: '2027-11-22',
  createdAt: '2026-11-23T02:30:00.000Z',
  siteLabel: '北京朝阳网点（BJ01）',
  marketing: false,
}
const changes = [
  { at: '2026-11-23T02:30:00.000Z', action: 'create' },
  { at: '2026-11-24T01:00:00.000Z', action: 'issue_card' },
  { at: '2026-11-25T01:00:00.000Z', action: 'withdraw_marketing' },
]

function copyOf(application: object, locale: 'zh-CN' | 'en' = 'zh-CN') {
  return personalCopyRows({ member, application: application as Record<string, unknown>, changes, categories: DEFAULT_PROGRAMME.categories }, locale)
}

describe('个人信息副本 (a member\'s copy of their personal information)', () => {
  it('gives the membership, the personal information unmasked and in people\'s words, and what was done when', () => {
    const app = makeIndividual({ consent: { marketing: true } })
    const rows = copyOf(app)
    expect(rows.slice(0, 8)).toEqual([
      ['会员资格', '会员编号', 'FE00000007'],
      ['会员资格', '会员类别', 'VIP会员 · 金卡'],
      ['会员资格', '会员状态', '正常'],
      ['会员资格', '会员卡', '已发卡 C000123'],
      ['会员资格', '有效期', '2026-11-23 ~ 2027-11-22'],
      ['会员资格', '入会时间', '2026-11-23 10:30'],
      ['会员资格', '办理网点', '北京朝阳网点（BJ01）'],
      // As it stands now (withdrawn), not as first signed.
      ['会员资格', '接收营销信息', '否'],
    ])
    expect(rows).toContainEqual(['个人信息', '申请人 · 姓名', app.person.name])
    expect(rows).toContainEqual(['个人信息', '申请人 · 证件号码', app.person.idNumber])
    expect(rows).toContainEqual(['个人信息', '申请人 · 手机号码', app.person.mobile])
    expect(rows).toContainEqual(['个人信息', '申请人 · 性别', '男'])
    expect(rows).toContainEqual(['个人信息', '申请材料', '证件正面照片、证件背面照片、签名'])
    // Times as China's wall clock; nothing empty (no declined item here) is listed.
    expect(rows).toContainEqual(['个人信息', '采集时间', '2026-11-23 10:05'])
    expect(rows).toContainEqual(['个人信息', '知情同意 · 签署时间', '2026-11-23 10:18'])
    expect(rows.some(row => row[1].includes('拒绝提供'))).toBe(false)
    expect(rows.filter(row => row[0] === '处理记录')).toEqual([
      ['处理记录', '2026-11-23 10:30', '入会'],
      ['处理记录', '2026-11-24 09:00', '发卡'],
      ['处理记录', '2026-11-25 09:00', '撤回营销授权'],
    ])
  })

  it('leaves out the record\'s bookkeeping: ids, device, location, file hashes, the signed marketing tick', () => {
    const app = makeIndividual({ consent: { marketing: true } })
    const text = JSON.stringify(copyOf(app))
    for (const hidden of [app.id, app.agentId, app.deviceId, app.siteId, app.receiptNo, ...app.attachments.map(a => a.sha256), ...app.attachments.map(a => a.id)])
      expect(text).not.toContain(hidden)
    expect(text).not.toContain('39.9087')
    expect(copyOf(app).filter(row => row[1] === '知情同意 · 接收营销信息' || row[1].endsWith('接收营销信息'))).toEqual([['会员资格', '接收营销信息', '否']])
  })

  it('covers a family\'s dependants and an organisation, and speaks English when asked', () => {
    const family = makeFamily()
    const rows = copyOf(family)
    expect(rows).toContainEqual(['个人信息', '家庭成员 1 · 姓名', family.dependants[0]!.name])
    const organisation = makeOrganisation()
    expect(copyOf(organisation)).toContainEqual(['个人信息', '单位信息 · 统一社会信用代码', organisation.organisation.uscc])
    expect(JSON.stringify(copyOf(organisation))).not.toContain('usccCheckConfirmed')
    const english = copyOf(makeIndividual(), 'en')
    expect(english[0]).toEqual(['Membership', 'Member number', 'FE00000007'])
    expect(english.at(-1)).toEqual(['What was done', '2026-11-25 09:00', 'Withdraw marketing consent'])
  })
})
