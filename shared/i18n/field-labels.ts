import type { LocalisedText } from './locale'

/**
 * Labels of application fields, with the terms of DESIGN.md §3, and of the programme
 * settings' fields whose paths are the programme's alone. Keys are dot paths with
 * array indexes written as `*` (`dependants.*.name`); a path without its own entry falls
 * back to its last segment (`guardian.mobile` → `mobile`), so shared words are defined once.
 */
export const FIELD_LABELS: Record<string, LocalisedText> = {
  'applicantType': { 'zh-CN': '申请人类型', 'en': 'Applicant type' },
  'category': { 'zh-CN': '会员类别', 'en': 'Member category' },
  'level': { 'zh-CN': '会员等级', 'en': 'Membership level' },
  'receiptNo': { 'zh-CN': '回执编号', 'en': 'Receipt number' },
  'formVersion': { 'zh-CN': '表单版本', 'en': 'Form version' },
  'capturedAt': { 'zh-CN': '采集时间', 'en': 'Captured at' },
  'person': { 'zh-CN': '申请人', 'en': 'Applicant' },
  'name': { 'zh-CN': '姓名', 'en': 'Name' },
  'gender': { 'zh-CN': '性别', 'en': 'Gender' },
  'birthDate': { 'zh-CN': '出生日期', 'en': 'Date of birth' },
  'idType': { 'zh-CN': '证件类型', 'en': 'ID document type' },
  'idNumber': { 'zh-CN': '证件号码', 'en': 'ID document number' },
  'mobile': { 'zh-CN': '手机号码', 'en': 'Mobile number' },
  'email': { 'zh-CN': '电子邮箱', 'en': 'E-mail' },
  'address': { 'zh-CN': '通讯地址', 'en': 'Postal address' },
  'regionCode': { 'zh-CN': '所在地区', 'en': 'Region' },
  'detail': { 'zh-CN': '详细地址', 'en': 'Street address' },
  'occupation': { 'zh-CN': '职业', 'en': 'Occupation' },
  'employer': { 'zh-CN': '工作单位', 'en': 'Employer' },
  'interests': { 'zh-CN': '兴趣爱好', 'en': 'Interests' },
  'referrer': { 'zh-CN': '推荐人', 'en': 'Referred by' },
  'note': { 'zh-CN': '备注', 'en': 'Note' },
  'guardian': { 'zh-CN': '监护人', 'en': 'Guardian' },
  'guardian.name': { 'zh-CN': '监护人姓名', 'en': 'Guardian\'s name' },
  // Named as the guardian's wherever they are listed (the summary's issues, a return item), not as the applicant's own.
  'guardian.relation': { 'zh-CN': '监护人关系', 'en': 'Guardian\'s relationship' },
  'guardian.idType': { 'zh-CN': '监护人证件类型', 'en': 'Guardian\'s document type' },
  'guardian.idNumber': { 'zh-CN': '监护人证件号码', 'en': 'Guardian\'s document number' },
  'guardian.mobile': { 'zh-CN': '监护人手机号码', 'en': 'Guardian\'s mobile' },
  'relation': { 'zh-CN': '关系', 'en': 'Relationship' },
  'dependants': { 'zh-CN': '家庭成员', 'en': 'Dependants' },
  'dependants.*': { 'zh-CN': '家庭成员', 'en': 'Dependant' },
  'organisation': { 'zh-CN': '单位信息', 'en': 'Organisation' },
  'organisation.name': { 'zh-CN': '单位名称', 'en': 'Organisation name' },
  'uscc': { 'zh-CN': '统一社会信用代码', 'en': 'Unified social credit code' },
  'orgType': { 'zh-CN': '单位类型', 'en': 'Organisation type' },
  'industry': { 'zh-CN': '所属行业', 'en': 'Industry' },
  'legalRepresentative': { 'zh-CN': '法定代表人', 'en': 'Legal representative' },
  'registeredAddress': { 'zh-CN': '注册地址', 'en': 'Registered address' },
  'contact': { 'zh-CN': '联系人', 'en': 'Contact person' },
  'organisation.contact.name': { 'zh-CN': '联系人姓名', 'en': 'Contact person\'s name' },
  // Named as the contact's wherever it is listed (the summary under 单位信息, an issue), not as a bare 手机号码.
  'organisation.contact.mobile': { 'zh-CN': '联系人手机号码', 'en': 'Contact person\'s mobile' },
  'position': { 'zh-CN': '职务', 'en': 'Position' },
  'staffCount': { 'zh-CN': '职工人数', 'en': 'Number of staff' },
  'attachments': { 'zh-CN': '申请材料', 'en': 'Materials' },
  'consent': { 'zh-CN': '知情同意', 'en': 'Consent' },
  'noticeVersion': { 'zh-CN': '隐私告知版本', 'en': 'Privacy notice version' },
  'termsVersion': { 'zh-CN': '会员须知版本', 'en': 'Member terms version' },
  'personalInfo': { 'zh-CN': '个人信息处理同意', 'en': 'Consent to personal information processing' },
  'sensitiveInfo': { 'zh-CN': '敏感个人信息处理单独同意', 'en': 'Separate consent to sensitive information processing' },
  'memberTerms': { 'zh-CN': '会员须知/章程确认', 'en': 'Member notice and constitution' },
  'marketing': { 'zh-CN': '接收营销信息', 'en': 'Marketing messages' },
  'summaryConfirmed': { 'zh-CN': '经会员确认', 'en': 'Confirmed by the applicant' },
  'signedAt': { 'zh-CN': '签署时间', 'en': 'Signed at' },
  'signatureAttachmentId': { 'zh-CN': '申请人签名', 'en': 'Applicant\'s signature' },
  'guardianSignatureAttachmentId': { 'zh-CN': '监护人签名', 'en': 'Guardian\'s signature' },
  'payment': { 'zh-CN': '缴费记录', 'en': 'Payment' },
  'amountFen': { 'zh-CN': '金额', 'en': 'Amount' },
  'method': { 'zh-CN': '缴费方式', 'en': 'Payment method' },
  // Not the application's own 回执编号: the fee's receipt, as the payment step calls it.
  'payment.receiptNo': { 'zh-CN': '收据号', 'en': 'Payment receipt number' },
  // The programme settings (会员计划), as their screen labels them: whole paths no application
  // has, so `categories.0.name.en` is a category's name, not a person's 姓名.
  'name.zh-CN': { 'zh-CN': '计划名称（中文）', 'en': 'Programme name (Chinese)' },
  'name.en': { 'zh-CN': '计划名称（英文）', 'en': 'Programme name (English)' },
  'categories.*.code': { 'zh-CN': '类别代码', 'en': 'Category code' },
  'categories.*.name': { 'zh-CN': '类别名称', 'en': 'Category name' },
  'categories.*.name.zh-CN': { 'zh-CN': '类别名称（中文）', 'en': 'Category name (Chinese)' },
  'categories.*.name.en': { 'zh-CN': '类别名称（英文）', 'en': 'Category name (English)' },
  'categories.*.feeFen': { 'zh-CN': '费用', 'en': 'Fee' },
  'categories.*.levels.*.code': { 'zh-CN': '等级代码', 'en': 'Level code' },
  'categories.*.levels.*.name': { 'zh-CN': '等级名称', 'en': 'Level name' },
  'categories.*.levels.*.name.zh-CN': { 'zh-CN': '等级名称（中文）', 'en': 'Level name (Chinese)' },
  'categories.*.levels.*.name.en': { 'zh-CN': '等级名称（英文）', 'en': 'Level name (English)' },
  'workingCalendar.holidays.*': { 'zh-CN': '节假日', 'en': 'Holidays' },
  'workingCalendar.workdays.*': { 'zh-CN': '调休工作日', 'en': 'Make-up working days' },
  'privacyNoticeVersion': { 'zh-CN': '隐私告知版本', 'en': 'Privacy notice version' },
  'memberTermsVersion': { 'zh-CN': '会员须知版本', 'en': 'Member terms version' },
  'privacyNoticeText.zh-CN': { 'zh-CN': '隐私告知（中文）', 'en': 'Privacy notice (Chinese)' },
  'privacyNoticeText.en': { 'zh-CN': '隐私告知（英文）', 'en': 'Privacy notice (English)' },
  'memberTermsText.zh-CN': { 'zh-CN': '会员须知（中文）', 'en': 'Member terms (Chinese)' },
  'memberTermsText.en': { 'zh-CN': '会员须知（英文）', 'en': 'Member terms (English)' },
}

/**
 * Labels a schema names its field by when the field's key alone would be read as an
 * application's, or has no label: a site's `name` is 网点名称 and the programme's 计划名称,
 * where `name` by itself is a person's 姓名; a staff account's `displayName` is 姓名. The schema's issues carry the key in `params.label`
 * (`labelledName`, `namedBy`, shared/schemas/labelled-name.ts), and `formatIssue` names the
 * field by it — in the server's answers and wherever the issue is formatted again (the
 * desk), since the issue itself carries it.
 */
export const NAMED_FIELD_LABELS = {
  'site.name': { 'zh-CN': '网点名称', 'en': 'Site name' },
  // As the programme settings screen calls it (计划名称（中文）, 计划名称（英文）: FIELD_LABELS above).
  'programme.name': { 'zh-CN': '计划名称', 'en': 'Programme name' },
  // A staff account's `displayName`, as the staff screen labels it (its key has no label of its own).
  'staff.displayName': { 'zh-CN': '姓名', 'en': 'Name' },
} as const satisfies Record<string, LocalisedText>

export type NamedFieldLabel = keyof typeof NAMED_FIELD_LABELS

export function isNamedFieldLabel(key: unknown): key is NamedFieldLabel {
  return typeof key === 'string' && Object.hasOwn(NAMED_FIELD_LABELS, key)
}

/** The label for a dot path, or null when no segment of it has one. */
export function fieldLabelKey(path: string): string | null {
  const pattern = path.split('.').map(segment => (/^\d+$/.test(segment) ? '*' : segment)).join('.')
  if (Object.hasOwn(FIELD_LABELS, pattern))
    return pattern
  const named = pattern.split('.').filter(segment => segment !== '*')
  for (let i = named.length - 1; i >= 0; i--) {
    if (Object.hasOwn(FIELD_LABELS, named[i]!))
      return named[i]!
  }
  return null
}
