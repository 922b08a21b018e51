import type { ValidationIssue } from '#shared/errors/issue'
import { NewSiteSchema, SiteChangesSchema } from '#shared/admin/site.schema'
import { NewStaffSchema, StaffChangesSchema } from '#shared/admin/staff.schema'
import { validateApplication } from '#shared/application/validate-application'
import { firstIssueByField, formatIssue, formatMessage } from '#shared/errors/format-issue'
import { toValidationIssues } from '#shared/errors/zod-issues'
import { MemberFeeSchema } from '#shared/members/member-operations'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { ProgrammeSettingsBodySchema } from '#shared/programme/programme.schema'
import { describe, expect, it } from 'vitest'
import { makeIndividual, TODAY } from '../../fixtures/applications'

/** The messages of the issues a schema finds in `input`, as the server answers them. */
function messages(schema: { safeParse: (value: unknown) => { success: boolean, error?: unknown } }, input: unknown, locale: 'zh-CN' | 'en'): string[] {
  const result = schema.safeParse(input)
  return result.success ? [] : toValidationIssues(result.error as never, input).map(issue => formatIssue(issue, locale))
}

describe('amounts in fen are said in 元', () => {
  it.each<[ValidationIssue, string, string]>([
    [{ path: 'fee.amountFen', code: 'field.too_large', params: { max: 100_000_000 } }, '金额：不能大于1,000,000元', 'Amount: Must be at most ¥1,000,000'],
    [{ path: 'payment.amountFen', code: 'field.too_large', params: { max: 100_000_000 } }, '金额：不能大于1,000,000元', 'Amount: Must be at most ¥1,000,000'],
    [{ path: 'fee.amountFen', code: 'field.too_small', params: { min: 0 } }, '金额：不能小于0元', 'Amount: Must be at least ¥0'],
    [{ path: 'payment.amountFen', code: 'field.too_small', params: { min: 1 } }, '金额：不能小于0.01元', 'Amount: Must be at least ¥0.01'],
    [{ path: 'categories.2.feeFen', code: 'field.too_large', params: { max: 123_456_789 } }, '费用：不能大于1,234,567.89元', 'Fee: Must be at most ¥1,234,567.89'],
  ])('%j', (issue, zh, en) => {
    expect(formatIssue(issue, 'zh-CN')).toBe(zh)
    expect(formatIssue(issue, 'en')).toBe(en)
  })

  it('a member fee above the cap, as the member operation route answers it', () => {
    const fee = { amountFen: 200_000_000, method: 'cash', receiptNo: 'R-1' }
    expect(messages(MemberFeeSchema, fee, 'zh-CN')).toEqual(['金额：不能大于1,000,000元'])
    expect(messages(MemberFeeSchema, fee, 'en')).toEqual(['Amount: Must be at most ¥1,000,000'])
  })

  it('a programme fee above what a payment may record', () => {
    const input = structuredClone(DEFAULT_PROGRAMME)
    input.categories[1]!.feeFen = 200_000_000
    expect(messages(ProgrammeSettingsBodySchema, input, 'zh-CN')).toEqual(['费用：不能超过缴费金额的上限1,000,000元'])
    expect(messages(ProgrammeSettingsBodySchema, input, 'en')).toEqual(['Fee: At most ¥1,000,000, the most a payment can record'])
  })

  it('leaves other bounds and amounts already in 元 as they are', () => {
    expect(formatIssue({ path: 'maxDependants', code: 'field.too_large', params: { max: 20 } }, 'zh-CN')).toBe('不能大于20')
    expect(formatMessage('field.too_large', { max: 100_000_000 }, 'zh-CN')).toBe('不能大于100000000')
    expect(firstIssueByField([{ path: 'fee.amountFen', code: 'field.too_large', params: { max: 100_000_000 } }], 'zh-CN')).toEqual({ 'fee': '不能大于1,000,000元', 'fee.amountFen': '不能大于1,000,000元' })
  })
})

describe('the joining fee the payment rule names is printed as money is (formatPrice)', () => {
  it.each<[ValidationIssue, string, string]>([
    [{ path: 'payment', code: 'payment.required', params: { amount: '200.00' } }, '缴费记录：该会员类别须缴纳入会费¥200.00，请登记缴费', 'Payment: This category has a joining fee of ¥200.00: record the payment'],
    [{ path: 'payment', code: 'payment.required', params: { amount: '1000.00' } }, '缴费记录：该会员类别须缴纳入会费¥1,000.00，请登记缴费', 'Payment: This category has a joining fee of ¥1,000.00: record the payment'],
    [{ path: 'payment.amountFen', code: 'payment.amount_mismatch', params: { amount: '200.00' } }, '金额：缴费金额应为¥200.00', 'Amount: The amount should be ¥200.00'],
    [{ path: 'payment.amountFen', code: 'payment.amount_mismatch', params: { amount: '0.00' } }, '金额：缴费金额应为¥0.00', 'Amount: The amount should be ¥0.00'],
    [{ path: 'payment.amountFen', code: 'payment.amount_mismatch', params: { amount: '1234567.89' } }, '金额：缴费金额应为¥1,234,567.89', 'Amount: The amount should be ¥1,234,567.89'],
  ])('%j', (issue, zh, en) => {
    expect(formatIssue(issue, 'zh-CN')).toBe(zh)
    expect(formatIssue(issue, 'en')).toBe(en)
  })

  it('words the issue the rule makes, with its params as they were', () => {
    const result = validateApplication(makeIndividual({ category: 'vip', level: 'gold', payment: { amountFen: 10_000 } }), DEFAULT_PROGRAMME, { today: TODAY })
    expect(result.ok).toBe(false)
    const issues = result.ok ? [] : result.issues
    expect(issues).toEqual([{ path: 'payment.amountFen', code: 'payment.amount_mismatch', params: { amount: '200.00' } }])
    expect(formatMessage(issues[0]!.code, issues[0]!.params, 'zh-CN', issues[0]!.path)).toBe('缴费金额应为¥200.00')
  })

  it('leaves an amount of another shape as it is', () => {
    expect(formatMessage('payment.amount_mismatch', { amount: '200' }, 'en')).toBe('The amount should be 200')
  })
})

describe('a name is named by whose it is', () => {
  const long = '网'.repeat(101)

  it('a site\'s name is 网点名称, a person\'s stays 姓名', () => {
    expect(messages(SiteChangesSchema, { name: long }, 'zh-CN')).toEqual(['网点名称：最多100个字符'])
    expect(messages(SiteChangesSchema, { name: long }, 'en')).toEqual(['Site name: At most 100 characters'])
    expect(messages(SiteChangesSchema, { name: ' \u3000 ' }, 'zh-CN')).toEqual(['网点名称：必填'])
    expect(messages(NewSiteSchema, { code: 'BJ02', name: '朝阳\u200B网点', regionCode: '110105' }, 'en')).toEqual(['Site name: Contains control or invisible characters: type it again'])
    expect(formatIssue({ path: 'person.name', code: 'field.required' }, 'zh-CN')).toBe('姓名：必填')
    expect(formatIssue({ path: 'dependants.0.name', code: 'field.required' }, 'en')).toBe('Dependant 1 · Name: Required')
  })

  it('a staff account\'s displayName is 姓名, as the staff screen labels it', () => {
    const staff = { username: 'agent.zhao', role: 'field_agent', password: 'a long enough password' }
    expect(messages(StaffChangesSchema, { displayName: '赵'.repeat(51) }, 'zh-CN')).toEqual(['姓名：最多50个字符'])
    expect(messages(StaffChangesSchema, { displayName: '赵'.repeat(51) }, 'en')).toEqual(['Name: At most 50 characters'])
    expect(messages(StaffChangesSchema, { displayName: ' \u3000' }, 'zh-CN')).toEqual(['姓名：必填'])
    expect(messages(StaffChangesSchema, { displayName: '赵\u200B六' }, 'en')).toEqual(['Name: Contains control or invisible characters: type it again'])
    expect(messages(NewStaffSchema, staff, 'zh-CN')).toEqual(['姓名：必填'])
    expect(messages(NewStaffSchema, { ...staff, displayName: 5 }, 'en')).toEqual(['Name: Wrong type of value'])
    expect(StaffChangesSchema.parse({ displayName: ` ${'赵'.repeat(50)}\u3000` })).toEqual({ displayName: '赵'.repeat(50) })
  })

  it('the label travels with the issue: the desk, formatting the server\'s issue again, says 网点名称 too', () => {
    const result = SiteChangesSchema.safeParse({ name: long })
    // What the server sends, and what the desk keeps of it (desk-errors.ts: path, code, params).
    const [sent] = JSON.parse(JSON.stringify(toValidationIssues(result.error!, { name: long }))) as ValidationIssue[]
    const again = { path: sent!.path, code: sent!.code, ...(sent!.params ? { params: sent!.params } : {}) }
    expect(again).toEqual({ path: 'name', code: 'field.too_long', params: { max: 100, label: 'site.name' } })
    expect(['请求内容有误', formatIssue(again, 'zh-CN')].join('；')).toBe('请求内容有误；网点名称：最多100个字符')
    expect(formatIssue(again, 'en')).toBe('Site name: At most 100 characters')
  })

  it('the name of a site is still checked as before: trimmed, at most 100 characters', () => {
    expect(SiteChangesSchema.parse({ name: ' 朝阳网点\u3000' })).toEqual({ name: '朝阳网点' })
    expect(SiteChangesSchema.safeParse({ name: '网'.repeat(100) }).success).toBe(true)
    expect(SiteChangesSchema.safeParse({ name: '网'.repeat(101) }).success).toBe(false)
  })

  it('a site\'s name and the programme\'s are named so when they are missing or not text, in a hand-made request', () => {
    expect(messages(NewSiteSchema, { code: 'BJ02', regionCode: '110105' }, 'zh-CN')).toEqual(['网点名称：必填'])
    expect(messages(NewSiteSchema, { code: 'BJ02', name: 5, regionCode: '110105' }, 'en')).toEqual(['Site name: Wrong type of value'])
    const { name: _name, ...unnamed } = DEFAULT_PROGRAMME
    expect(messages(ProgrammeSettingsBodySchema, unnamed, 'zh-CN')).toEqual(['计划名称：必填'])
    expect(messages(ProgrammeSettingsBodySchema, unnamed, 'en')).toEqual(['Programme name: Required'])
    expect(messages(ProgrammeSettingsBodySchema, { ...DEFAULT_PROGRAMME, name: '会员计划' }, 'zh-CN')).toEqual(['计划名称：数据类型不正确'])
  })

  it('the programme\'s, a category\'s and a level\'s names as the settings screen labels them', () => {
    const input = structuredClone(DEFAULT_PROGRAMME)
    input.name['zh-CN'] = '   '
    input.categories[0]!.name.en = '\u3000'
    input.categories[1]!.levels[2]!.name['zh-CN'] = ''
    input.privacyNoticeVersion = ' '
    expect(messages(ProgrammeSettingsBodySchema, input, 'zh-CN').sort()).toEqual([
      '等级名称（中文）：必填',
      '隐私告知版本：必填',
      '类别名称（英文）：必填',
      '计划名称（中文）：必填',
    ].sort())
    expect(messages(ProgrammeSettingsBodySchema, input, 'en').sort()).toEqual([
      'Category name (English): Required',
      'Level name (Chinese): Required',
      'Privacy notice version: Required',
      'Programme name (Chinese): Required',
    ])
  })

  it('duplicate codes name the code they are about', () => {
    const input = structuredClone(DEFAULT_PROGRAMME)
    input.categories[1]!.levels.push({ code: 'gold', name: { 'zh-CN': '白金卡', 'en': 'Platinum' } })
    expect(messages(ProgrammeSettingsBodySchema, input, 'zh-CN')).toEqual(['等级代码：代码 gold 已被该类别的另一等级使用'])
    expect(messages(ProgrammeSettingsBodySchema, input, 'en')).toEqual(['Level code: Code gold is already another level\'s in this category'])
  })
})

describe('member and card statuses by their labels', () => {
  it.each<[string, string, string, string]>([
    ['cancelled', 'pending', '会员状态“已注销”、会员卡状态“待发卡”下不能执行此操作', 'This operation is not possible with member status "Cancelled" and card status "Card pending"'],
    ['active', 'issued', '会员状态“正常”、会员卡状态“已发卡”下不能执行此操作', 'This operation is not possible with member status "Active" and card status "Card issued"'],
    ['frozen', 'lost', '会员状态“冻结”、会员卡状态“已挂失”下不能执行此操作', 'This operation is not possible with member status "Frozen" and card status "Card reported lost"'],
    ['expired', 'reissued', '会员状态“已过期”、会员卡状态“已补办”下不能执行此操作', 'This operation is not possible with member status "Expired" and card status "Card reissued"'],
  ])('%s, card %s', (status, cardStatus, zh, en) => {
    const params = { status, cardStatus, operation: 'renew' }
    expect(formatMessage('member.operation_not_allowed', params, 'zh-CN')).toBe(zh)
    expect(formatMessage('member.operation_not_allowed', params, 'en')).toBe(en)
  })

  it('an application\'s status is still an application\'s', () => {
    expect(formatMessage('status.action_not_allowed', { status: 'in_review' }, 'zh-CN')).toBe('当前状态“审核中”下不能执行此操作')
    expect(formatMessage('duplicate.not_resolvable', { status: 'approved' }, 'en')).toBe('Duplicates cannot be resolved while the application is Approved')
  })
})

describe('a refused choice lists the choices by their labels', () => {
  const refused = (path: string, options: readonly string[]): ValidationIssue => ({ path, code: 'field.invalid_option', params: { options: options.join(', ') } })

  it.each<[string, string[], string, string]>([
    // A filter's `status` is an application's or a member's: whichever vocabulary knows every option names them.
    ['status.1', ['submitted', 'in_review'], '请从可选项中选择：已提交、审核中', 'Choose one of: Submitted, In review'],
    ['status.1', ['active', 'frozen', 'expired', 'cancelled'], '请从可选项中选择：正常、冻结、已过期、已注销', 'Choose one of: Active, Frozen, Expired, Cancelled'],
    ['reason', ['ineligible', 'other'], '请从可选项中选择：不符合入会条件、其他', 'Choose one of: Not eligible, Other'],
    ['revisit.channel', ['phone', 'visit', 'message'], '请从可选项中选择：电话回访、上门回访、短信/微信', 'Choose one of: Phone call, Visit, Text message'],
    ['revisit.outcome', ['reached', 'unreachable', 'declined'], '请从可选项中选择：已回访、未接通、拒绝回访', 'Choose one of: Reached, Not reached, Declined re-visits'],
    ['resolution', ['same_person', 'different_person'], '请从可选项中选择：同一人（按重复申请关闭）、不同人（不再提示）', 'Choose one of: Same person (closed as a duplicate), Different person (never raised again)'],
    ['role', ['reviewer', 'supervisor'], '请从可选项中选择：审核员、主管', 'Choose one of: Reviewer, Supervisor'],
    ['payment.method', ['cash', 'waived'], '缴费方式：请从可选项中选择：现金、免费', 'Payment method: Choose one of: Cash, Waived'],
    // A member operation (a path parameter) and a member detail a same-person verdict may carry, as the desk names them.
    ['operation', ['issue_card', 'renew', 'withdraw_marketing'], '请从可选项中选择：发卡、续期、撤回营销授权', 'Choose one of: Issue card, Renew, Withdraw marketing consent'],
    ['memberFields.1', ['mobile', 'address', 'contact', 'registeredAddress'], '请从可选项中选择：手机号码、通讯地址、联系人、注册地址', 'Choose one of: Mobile number, Postal address, Contact person, Registered address'],
  ])('%s: %j', (path, options, zh, en) => {
    expect(formatIssue(refused(path, options), 'zh-CN')).toBe(zh)
    expect(formatIssue(refused(path, options), 'en')).toBe(en)
  })

  it('keeps the codes when no vocabulary of the field knows them all', () => {
    expect(formatIssue(refused('status', ['active', 'submitted']), 'zh-CN')).toBe('请从可选项中选择：active, submitted')
    expect(formatIssue(refused('sort', ['submittedAt', 'receiptNo']), 'en')).toBe('Choose one of: submittedAt, receiptNo')
  })
})
