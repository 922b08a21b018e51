import type { ErrorCode } from '#shared/errors/error-codes'
import type { Locale } from '#shared/i18n/locale'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ERROR_MESSAGES, isErrorCode } from '#shared/errors/error-codes'
import { fieldLabel, fieldName, firstIssueByField, formatIssue, formatMessage } from '#shared/errors/format-issue'
import { toDotPath } from '#shared/errors/zod-issues'
import { fieldLabelKey } from '#shared/i18n/field-labels'
import { DEFAULT_LOCALE, interpolate, LOCALES, pickLocale } from '#shared/i18n/locale'
import { describe, expect, it } from 'vitest'

const SHARED_DIR = fileURLToPath(new URL('../../../shared', import.meta.url))
const HAN = /\p{Script=Han}/u

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map(m => m[1]!).sort()
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory())
      return sourceFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/**
 * Every code literal the shared module can emit: the code argument of `fail(...)`,
 * `ctx.error(...)`, `ctx.warn(...)`, and every `code: '…'` property (status guards,
 * zod-issue mapping). The catalogue itself is left out.
 */
function emittedCodes(): Map<string, string[]> {
  const found = new Map<string, string[]>()
  const patterns = [
    /\bfail\(\s*'([a-z_]+\.[a-z_0-9]+)'/g,
    /\bctx\.(?:error|warn)\([^,()]+,\s*'([a-z_]+\.[a-z_0-9]+)'/g,
    /\bcode:\s*'([a-z_]+\.[a-z_0-9]+)'/g,
  ]
  for (const file of sourceFiles(SHARED_DIR)) {
    if (file.endsWith(join('errors', 'error-codes.ts')))
      continue
    const text = readFileSync(file, 'utf8')
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern))
        found.set(match[1]!, [...(found.get(match[1]!) ?? []), file.slice(SHARED_DIR.length + 1)])
    }
  }
  return found
}

const CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[]

describe('the error catalogue', () => {
  it('has codes of the form area.name', () => {
    for (const code of CODES)
      expect(code).toMatch(/^[a-z_]+\.[a-z_0-9]+$/)
  })

  it.each(CODES)('%s has a zh-CN and an en message with the same placeholders', (code) => {
    const messages = ERROR_MESSAGES[code] as Record<Locale, string>
    expect(Object.keys(messages).sort()).toEqual([...LOCALES].sort())
    expect(messages['zh-CN'].trim()).not.toBe('')
    expect(messages.en.trim()).not.toBe('')
    expect(messages['zh-CN']).toMatch(HAN)
    expect(messages.en).not.toMatch(HAN)
    expect(placeholders(messages['zh-CN'])).toEqual(placeholders(messages.en))
  })

  it('contains every code the shared rules and validators emit', () => {
    const emitted = emittedCodes()
    // The scan must see the rules, or it proves nothing.
    for (const code of ['age.below_minimum', 'uscc.checksum', 'id.checksum', 'mobile.format', 'status.not_owner', 'field.invalid_option', 'receipt.checksum'])
      expect(emitted.has(code), `scan found ${code}`).toBe(true)
    const missing = [...emitted].filter(([code]) => !isErrorCode(code)).map(([code, files]) => `${code} (${files.join(', ')})`)
    expect(missing).toEqual([])
  })

  it('isErrorCode accepts catalogue keys only', () => {
    expect(isErrorCode('id.checksum')).toBe(true)
    expect(isErrorCode('id.nonexistent')).toBe(false)
    expect(isErrorCode('toString')).toBe(false)
    expect(isErrorCode('__proto__')).toBe(false)
  })
})

describe('formatIssue', () => {
  it.each<[Parameters<typeof formatIssue>[0], string, string]>([
    [{ path: 'person.idNumber', code: 'id.checksum' }, '证件号码：身份证号码校验位不正确，请逐位核对', 'ID document number: The ID number\'s check character is wrong: check each digit'],
    // The guardian's fields are named as the guardian's, not as the applicant's own.
    [{ path: 'guardian.mobile', code: 'mobile.format' }, '监护人手机号码：手机号码应为11位中国大陆手机号，港澳台手机号请加区号（如 +852\u00A09123\u00A04567）', 'Guardian\'s mobile: A mobile number is 11 digits (mainland China); Hong Kong, Macau and Taiwan numbers with their code (e.g. +852\u00A09123\u00A04567)'],
    [{ path: 'guardian.relation', code: 'field.required' }, '监护人关系：必填', 'Guardian\'s relationship: Required'],
    [{ path: 'guardian.name', code: 'field.required' }, '监护人姓名：必填', 'Guardian\'s name: Required'],
    [{ path: 'dependants.2.birthDate', code: 'date.future' }, '家庭成员 3 · 出生日期：日期不能晚于今天', 'Dependant 3 · Date of birth: The date cannot be in the future'],
    [{ path: 'dependants.0', code: 'field.required' }, '家庭成员 1：必填', 'Dependant 1: Required'],
    [{ path: 'attachments', code: 'materials.missing', params: { kind: 'id_front' } }, '申请材料：缺少证件正面照片', 'Materials: Missing ID document, front'],
    [{ path: 'person.gender', code: 'id.gender_mismatch', params: { expected: 'male' } }, '性别：性别与身份证号码不一致（号码显示为男）', 'Gender: The gender does not match the ID number (which says male)'],
    [{ path: 'consent.signatureAttachmentId', code: 'attachment.wrong_kind', params: { expected: 'signature' } }, '申请人签名：引用的附件类型应为签名', 'Applicant\'s signature: The referenced attachment should be a Signature'],
    [{ path: 'payment', code: 'payment.required', params: { amount: '200.00' } }, '缴费记录：该会员类别须缴纳入会费¥200.00，请登记缴费', 'Payment: This category has a joining fee of ¥200.00: record the payment'],
    [{ path: 'person.birthDate', code: 'id.birth_date_mismatch', params: { expected: '1988-03-15' } }, '出生日期：出生日期与身份证号码不一致（号码显示为1988-03-15）', 'Date of birth: The birth date does not match the ID number (which says 1988-03-15)'],
    [{ path: '', code: 'status.action_not_allowed', params: { status: 'in_review', action: 'approve' } }, '当前状态“审核中”下不能执行此操作', 'This action is not possible while the application is In review'],
  ])('%j', (issue, zh, en) => {
    expect(formatIssue(issue, 'zh-CN')).toBe(zh)
    expect(formatIssue(issue, 'en')).toBe(en)
  })

  it('shows a param that names no vocabulary entry as it is', () => {
    expect(formatMessage('materials.missing', { kind: 'x_ray' }, 'zh-CN')).toBe('缺少x_ray')
    expect(formatMessage('family.too_many_dependants', { max: 6 }, 'en')).toBe('At most 6 dependants')
  })

  it('lists a refused choice\'s options by their labels, from the field\'s own vocabulary', () => {
    const gender = { path: 'dependants.0.gender', code: 'field.invalid_option', params: { options: 'male, female' } } as const
    expect(formatIssue(gender, 'zh-CN')).toBe('家庭成员 1 · 性别：请从可选项中选择：男、女')
    expect(formatIssue(gender, 'en')).toBe('Dependant 1 · Gender: Choose one of: Male, Female')
    // `other` is 其他材料 among attachment kinds and 其他 among relations: the path decides.
    expect(formatIssue({ path: 'attachments.2.kind', code: 'field.invalid_option', params: { options: 'signature, other' } }, 'zh-CN')).toBe('申请材料：请从可选项中选择：签名、其他材料')
    expect(formatIssue({ path: 'guardian.relation', code: 'field.invalid_option', params: { options: 'father, mother' } }, 'zh-CN')).toContain('父亲、母亲')
    expect(formatIssue({ path: 'dependants.1.relation', code: 'field.invalid_option', params: { options: 'spouse, other' } }, 'zh-CN')).toContain('配偶、其他')
    expect(formatIssue({ path: 'status.0', code: 'field.invalid_option', params: { options: 'submitted, in_review' } }, 'en')).toContain('Choose one of: Submitted, In review')
    expect(formatMessage('field.invalid_option', { options: 'male, female' }, 'zh-CN', 'person.gender')).toBe('请从可选项中选择：男、女')
  })

  it('keeps a choice\'s codes when the field has no vocabulary or one of them is unknown to it', () => {
    expect(formatIssue({ path: 'overdue', code: 'field.invalid_option', params: { options: 'true, false' } }, 'zh-CN')).toBe('请从可选项中选择：true, false')
    expect(formatIssue({ path: 'person.gender', code: 'field.invalid_option', params: { options: 'male, female, x' } }, 'zh-CN')).toBe('性别：请从可选项中选择：male, female, x')
    expect(formatMessage('field.invalid_option', { options: 'male, female' }, 'zh-CN')).toBe('请从可选项中选择：male, female')
    expect(formatMessage('field.invalid_option', { options: 'name, length' }, 'en', 'x.constructor')).toBe('Choose one of: name, length')
  })

  it('names a field with whose it is, as a return item on the device reads', () => {
    expect(fieldName('dependants.1.name', 'zh-CN')).toBe('家庭成员 2 · 姓名')
    expect(fieldName('dependants.1.name', 'en')).toBe('Dependant 2 · Name')
    // An entry of a list field says which one: the form shows them all in one input.
    expect(fieldName('person.interests.1', 'zh-CN')).toBe('兴趣爱好 · 第2项')
    expect(fieldName('person.interests.0', 'en')).toBe('Interests · item 1')
    expect(fieldName('dependants.1', 'zh-CN')).toBe('家庭成员 2')
    expect(fieldName('person.address.detail', 'zh-CN')).toBe('详细地址')
    expect(fieldName('', 'zh-CN')).toBeNull()
    // A region by the name its picker has on the form.
    expect(fieldName('person.address.regionCode', 'zh-CN')).toBe('通讯地址')
    expect(fieldName('organisation.registeredAddress.regionCode', 'en')).toBe('Registered address')
    expect(fieldName('contact.person.address.regionCode', 'zh-CN')).toBe('通讯地址')
    // Not under an address (a site's region): its own name.
    expect(fieldName('regionCode', 'zh-CN')).toBe('所在地区')
    expect(fieldName('site.regionCode', 'zh-CN')).toBe('所在地区')
  })

  it('gives the message alone for a path without a label', () => {
    expect(fieldLabel('', 'zh-CN')).toBeNull()
    expect(formatIssue({ path: '', code: 'receipt.format' }, 'zh-CN')).toBe('回执编号格式不正确')
  })

  it('finds labels by the most specific key, with array indexes as *', () => {
    expect(fieldLabelKey('organisation.name')).toBe('organisation.name')
    expect(fieldLabelKey('organisation.contact.name')).toBe('organisation.contact.name')
    expect(fieldLabelKey('dependants.0.name')).toBe('name')
    expect(fieldLabelKey('attachments.3.size')).toBe('attachments')
    expect(fieldLabelKey('nothing.here')).toBeNull()
    expect(fieldLabelKey('constructor')).toBeNull()
    expect(fieldLabelKey('person.__proto__')).toBe('person')
    // The contact's mobile is named as the contact's, as the contact's name is (not a bare 手机号码 under 单位信息).
    expect(fieldLabelKey('organisation.contact.mobile')).toBe('organisation.contact.mobile')
    expect(fieldLabel('organisation.contact.mobile', 'zh-CN')).toBe('联系人手机号码')
    expect(fieldLabel('organisation.contact.mobile', 'en')).toBe('Contact person\'s mobile')
    expect(fieldLabel('organisation.uscc', 'en')).toBe('Unified social credit code')
    // The fee's receipt is not the application's receipt number.
    expect(fieldLabel('payment.receiptNo', 'zh-CN')).toBe('收据号')
    expect(fieldLabel('receiptNo', 'zh-CN')).toBe('回执编号')
  })

  it('toDotPath writes zod paths as dot paths', () => {
    expect(toDotPath(['dependants', 1, 'name'])).toBe('dependants.1.name')
    expect(toDotPath([])).toBe('')
  })
})

describe('pickLocale', () => {
  it.each<[string | null | undefined, Locale]>([
    ['en-US,en;q=0.9', 'en'],
    ['en', 'en'],
    ['EN-gb', 'en'],
    ['zh-TW', 'zh-CN'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh-Hant-HK', 'zh-CN'],
    ['fr-FR,fr;q=0.9,en;q=0.8', 'en'],
    ['fr-FR', 'zh-CN'],
    ['*', 'zh-CN'],
    ['en;q=0.5,zh;q=0.9', 'zh-CN'],
    ['zh;q=0,en', 'en'],
    ['  en-US ; q=1 ', 'en'],
    ['', 'zh-CN'],
    [null, 'zh-CN'],
    [undefined, 'zh-CN'],
  ])('%j → %s', (header, locale) => {
    expect(pickLocale(header)).toBe(locale)
  })

  it('defaults to zh-CN', () => {
    expect(DEFAULT_LOCALE).toBe('zh-CN')
  })
})

describe('interpolate', () => {
  it('fills placeholders from params, numbers included', () => {
    expect(interpolate('至少{min}个字符', { min: 2 })).toBe('至少2个字符')
    expect(interpolate('{a} and {a} and {b}', { a: 'x', b: 0 })).toBe('x and x and 0')
  })

  it('leaves unknown placeholders visible', () => {
    expect(interpolate('最多{max}项', {})).toBe('最多{max}项')
    expect(interpolate('最多{max}项')).toBe('最多{max}项')
  })

  it('does not treat inherited properties as params', () => {
    expect(interpolate('{toString}', {})).toBe('{toString}')
  })

  it('does not re-expand placeholders inside param values', () => {
    expect(interpolate('{a}{b}', { a: '{b}', b: 'x' })).toBe('{b}x')
  })
})

describe('firstIssueByField', () => {
  it('keeps the first issue of each field, by the first segment of its path, without the label', () => {
    expect(firstIssueByField([
      { path: 'newPassword', code: 'field.too_short', params: { min: 10 } },
      { path: 'newPassword', code: 'password.unchanged' },
      { path: 'person.idNumber', code: 'field.required' },
    ], 'zh-CN')).toEqual({ 'newPassword': '至少10个字符', 'person': '必填', 'person.idNumber': '必填' })
    // Each part of a nested field under its own path, the first issue of the field under its first segment.
    expect(firstIssueByField([
      { path: 'contact.mobile', code: 'mobile.format' },
      { path: 'contact.name', code: 'field.required' },
    ], 'zh-CN')).toMatchObject({ 'contact': expect.stringContaining('手机号码'), 'contact.mobile': expect.stringContaining('手机号码'), 'contact.name': '必填' })
    expect(firstIssueByField([{ path: 'code', code: 'site.code_format' }], 'en')).toEqual({ code: 'A site code has 2 to 6 digits or capitals (no I, O, Z, S or V)' })
    expect(firstIssueByField([], 'en')).toEqual({})
  })
})
