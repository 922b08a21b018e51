import type { LocalisedText } from '../i18n/locale'

/**
 * The one catalogue of error codes. A code is a stable string that clients, logs and
 * tests rely on: never rename one, add a new one instead. Messages may use `{param}`
 * placeholders filled from the params; both languages use the same ones
 * (a unit test checks it).
 */
export const ERROR_MESSAGES = {
  // Structure (mapped from the schema)
  'field.required': { 'zh-CN': '必填', 'en': 'Required' },
  'field.type': { 'zh-CN': '数据类型不正确', 'en': 'Wrong type of value' },
  'field.too_short': { 'zh-CN': '至少{min}个字符', 'en': 'At least {min} characters' },
  'field.too_long': { 'zh-CN': '最多{max}个字符', 'en': 'At most {max} characters' },
  'field.too_few': { 'zh-CN': '至少{min}项', 'en': 'Needs at least {min}' },
  'field.too_many': { 'zh-CN': '最多{max}项', 'en': 'At most {max} items' },
  'field.too_small': { 'zh-CN': '不能小于{min}', 'en': 'Must be at least {min}' },
  'field.too_large': { 'zh-CN': '不能大于{max}', 'en': 'Must be at most {max}' },
  'field.invalid_option': { 'zh-CN': '请从可选项中选择：{options}', 'en': 'Choose one of: {options}' },
  'field.digits': { 'zh-CN': '只能填写数字0–9，不含空格、符号、小数点或其他写法', 'en': 'Digits 0–9 only: no spaces, signs, decimal points or other notations' },
  'field.format': { 'zh-CN': '格式不正确', 'en': 'Invalid format' },
  'field.invalid': { 'zh-CN': '内容无效', 'en': 'Invalid value' },
  'programme.unchanged': { 'zh-CN': '设置没有改动，无需发布新版本', 'en': 'Nothing has changed: there is no new version to publish' },
  'programme.notice_version_unchanged': { 'zh-CN': '内容已修改，请同时更新版本号，申请人需按新版本重新确认', 'en': 'The text has changed: give it a new version, which applicants confirm anew' },
  'programme.duplicate_code': { 'zh-CN': '代码 {value} 已被另一类别使用', 'en': 'Code {value} is already another category\'s' },
  'programme.duplicate_level_code': { 'zh-CN': '代码 {value} 已被该类别的另一等级使用', 'en': 'Code {value} is already another level\'s in this category' },
  'programme.duplicate_date': { 'zh-CN': '日期 {value} 已在列表中', 'en': 'The date {value} is already listed' },
  'programme.holiday_and_workday': { 'zh-CN': '日期 {value} 不能既是节假日又是调休工作日', 'en': 'The date {value} cannot be both a holiday and a working day' },
  // {max} is in fen, said in 元 (the path is a fee's: format-issue.ts).
  'programme.fee_too_large': { 'zh-CN': '不能超过缴费金额的上限{max}', 'en': 'At most {max}, the most a payment can record' },
  'field.unknown': { 'zh-CN': '此处没有这一项，或不能在此修改', 'en': 'Not a field that can be set here' },
  'audit.anchor_format': { 'zh-CN': '链尾记录应为“序号:哈希值”，哈希值至少取前16位，例如 1234:9f86d081884c7d65', 'en': 'An anchor is the entry number and hash (at least its first 16 characters), e.g. 1234:9f86d081884c7d65' },
  'text.hidden_characters': { 'zh-CN': '包含控制字符或不可见字符，请重新输入', 'en': 'Contains control or invisible characters: type it again' },
  'field.declined_but_given': { 'zh-CN': '已标记为“拒绝提供”，却又填写了内容', 'en': 'Marked as declined by the applicant, yet a value was given' },

  'form.version_unsupported': { 'zh-CN': '表单版本{version}已不再受支持，请更新应用后重新录入', 'en': 'Form version {version} is no longer supported: update the app and enter the application again' },

  // Dates
  'date.format': { 'zh-CN': '日期格式应为 YYYY-MM-DD', 'en': 'Dates are written YYYY-MM-DD' },
  'date.invalid': { 'zh-CN': '日期不存在', 'en': 'This date does not exist' },
  'date.future': { 'zh-CN': '日期不能晚于今天', 'en': 'The date cannot be in the future' },
  'date.too_early': { 'zh-CN': '日期不能早于{min}', 'en': 'The date cannot be before {min}' },

  // Identity documents
  'id.format': { 'zh-CN': '居民身份证号码应为18位（最后一位可为X）', 'en': 'A resident ID number has 18 characters (the last may be X)' },
  'id.checksum': { 'zh-CN': '身份证号码校验位不正确，请逐位核对', 'en': 'The ID number\'s check character is wrong: check each digit' },
  'id.birth_date_invalid': { 'zh-CN': '身份证号码中的出生日期不存在', 'en': 'The birth date inside the ID number does not exist' },
  'id.birth_date_future': { 'zh-CN': '身份证号码中的出生日期晚于今天', 'en': 'The birth date inside the ID number is in the future' },
  'id.region_invalid': { 'zh-CN': '身份证号码前6位不是有效的行政区划代码', 'en': 'The first six digits of the ID number are not a valid region code' },
  'id.legacy_15_digit': { 'zh-CN': '15位一代身份证已停止使用，请填写18位号码（按规则应为 {upgraded}，请与证件核对）', 'en': 'First-generation 15-digit IDs are no longer valid: enter the 18-digit number (by the rules it is {upgraded}; check it against the card)' },
  'id.hk_mo_permit_format': { 'zh-CN': '港澳居民来往内地通行证号码应为H或M开头加8位数字', 'en': 'A Hong Kong/Macau permit number is H or M followed by 8 digits' },
  'id.tw_permit_format': { 'zh-CN': '台湾居民来往大陆通行证号码应为8位数字', 'en': 'A Taiwan permit number has 8 digits' },
  'id.foreign_permanent_format': { 'zh-CN': '外国人永久居留身份证号码应为以9开头的18位，或3位字母加12位数字的旧版号码', 'en': 'A foreign permanent-residence ID has 18 digits starting with 9, or 3 letters and 12 digits (old card)' },
  'id.foreign_permanent_checksum': { 'zh-CN': '外国人永久居留身份证号码校验位不正确', 'en': 'The foreign permanent-residence ID\'s check character is wrong' },
  'id.passport_format': { 'zh-CN': '护照号码应为5至17位字母或数字', 'en': 'A passport number has 5 to 17 letters or digits' },
  'id.gender_mismatch': { 'zh-CN': '性别与身份证号码不一致（号码显示为{expected}）', 'en': 'The gender does not match the ID number (which says {expected})' },
  'id.birth_date_mismatch': { 'zh-CN': '出生日期与身份证号码不一致（号码显示为{expected}）', 'en': 'The birth date does not match the ID number (which says {expected})' },

  // Organisations
  'uscc.format': { 'zh-CN': '统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）', 'en': 'A unified social credit code has 18 digits or capitals (no I, O, Z, S or V)' },
  'uscc.checksum': { 'zh-CN': '统一社会信用代码校验位未通过（少数早期代码如此），已由外勤人员确认与营业执照一致', 'en': 'The unified social credit code fails its check character (a few early codes do); the agent confirmed it matches the licence' },
  'uscc.checksum_unconfirmed': { 'zh-CN': '统一社会信用代码校验位未通过：请与营业执照逐位核对，确认无误后勾选“已与营业执照核对，确认代码无误”', 'en': 'The unified social credit code fails its check character: compare it with the licence and tick "Checked against the business licence" if it is right' },

  // Contact
  // The example number's spaces are no-break spaces: a line never breaks inside it.
  'mobile.format': { 'zh-CN': '手机号码应为11位中国大陆手机号，港澳台手机号请加区号（如 +852\u00A09123\u00A04567）', 'en': 'A mobile number is 11 digits (mainland China); Hong Kong, Macau and Taiwan numbers with their code (e.g. +852\u00A09123\u00A04567)' },
  'email.format': { 'zh-CN': '电子邮箱格式不正确', 'en': 'Not a valid e-mail address' },
  'postal_code.format': { 'zh-CN': '邮政编码应为6位数字', 'en': 'A postal code has 6 digits' },
  'region_code.format': { 'zh-CN': '行政区划代码应为6位数字', 'en': 'A region code has 6 digits' },
  'region_code.unknown': { 'zh-CN': '行政区划代码无效', 'en': 'Unknown region code' },

  // Names
  'name.too_short': { 'zh-CN': '姓名至少{min}个字', 'en': 'A name has at least {min} characters' },
  'name.too_long': { 'zh-CN': '姓名最多{max}个字', 'en': 'A name has at most {max} characters' },
  'name.digits': { 'zh-CN': '姓名不能包含数字', 'en': 'A name cannot contain digits' },
  'name.invalid_characters': { 'zh-CN': '姓名包含不允许的字符', 'en': 'The name contains characters that are not allowed' },
  'name.mixed_scripts': { 'zh-CN': '姓名不能混用汉字和拉丁字母', 'en': 'A name cannot mix Chinese characters and Latin letters' },
  'name.misplaced_dot': { 'zh-CN': '间隔号“·”只能用在两个名字部分之间', 'en': 'The middle dot "·" may only stand between two parts of a name' },

  // Applicant, category, family
  'category.unknown': { 'zh-CN': '会员类别“{category}”不存在', 'en': 'Unknown member category "{category}"' },
  'category.applicant_type_mismatch': { 'zh-CN': '该会员类别不接受此类申请人', 'en': 'This member category does not accept this applicant type' },
  'level.required': { 'zh-CN': '请选择会员等级', 'en': 'Choose a membership level' },
  'level.unknown': { 'zh-CN': '会员等级“{level}”不存在', 'en': 'Unknown membership level "{level}"' },
  'level.not_applicable': { 'zh-CN': '该会员类别没有等级', 'en': 'This member category has no levels' },
  'age.below_minimum': { 'zh-CN': '申请人未满{minimumAge}周岁，须填写监护人信息', 'en': 'The applicant is under {minimumAge}: a guardian is required' },
  'guardian.signature_required': { 'zh-CN': '申请人未满{minimumAge}周岁，须有监护人签名', 'en': 'The applicant is under {minimumAge}: the guardian must sign' },
  'dependant.not_younger': { 'zh-CN': '按与申请人的关系应比申请人年轻，但出生日期不晚于申请人：请核对出生年份', 'en': 'By their relation to the applicant they should be younger, but were not born after the applicant: check the year of birth' },
  'dependant.not_older': { 'zh-CN': '按与申请人的关系应比申请人年长，但出生日期不早于申请人：请核对出生年份', 'en': 'By their relation to the applicant they should be older, but were not born before the applicant: check the year of birth' },
  'guardian.not_adult': { 'zh-CN': '监护人须年满18周岁（证件显示{age}周岁）', 'en': 'The guardian must be an adult (the ID says {age})' },
  'guardian.same_signature': { 'zh-CN': '监护人签名须与申请人签名分开采集', 'en': 'The guardian signs separately from the applicant' },
  'family.dependant_required': { 'zh-CN': '家庭入会至少需要填写1名家庭成员', 'en': 'A family membership needs at least one dependant' },
  'family.too_many_dependants': { 'zh-CN': '家庭成员最多{max}人', 'en': 'At most {max} dependants' },

  // Materials and attachments
  'materials.missing': { 'zh-CN': '缺少{kind}', 'en': 'Missing {kind}' },
  'attachment.too_large': { 'zh-CN': '附件不能超过{maxMb}MB', 'en': 'An attachment may be at most {maxMb} MB' },
  'attachment.hash_mismatch': { 'zh-CN': '上传内容与其SHA-256校验值不符，文件可能已损坏，请重新上传', 'en': 'The uploaded content does not match its SHA-256 hash; the file may be damaged: upload it again' },
  'attachment.media_type_unsupported': { 'zh-CN': '不支持的附件类型“{mediaType}”，仅接受JPEG、PNG、WebP图片和PDF', 'en': 'Unsupported attachment type "{mediaType}": only JPEG, PNG and WebP images and PDF are accepted' },
  'attachment.media_type_mismatch': { 'zh-CN': '文件内容不是所声明的{mediaType}格式', 'en': 'The file\'s content is not the declared {mediaType}' },
  'attachment.sha256_format': { 'zh-CN': '附件应以SHA-256值命名（64位小写十六进制字符）', 'en': 'An attachment is named by its SHA-256 hash: 64 lowercase hexadecimal characters' },
  'attachment.duplicate_id': { 'zh-CN': '附件编号重复', 'en': 'Two attachments share one id' },
  'attachment.unknown_reference': { 'zh-CN': '引用的附件不存在', 'en': 'The referenced attachment does not exist' },
  'attachment.wrong_kind': { 'zh-CN': '引用的附件类型应为{expected}', 'en': 'The referenced attachment should be a {expected}' },
  'attachment.not_on_device': { 'zh-CN': '本设备上已没有这个文件，服务器也未收到', 'en': 'This tablet no longer holds the file, and the server never received it' },

  // Consent
  'consent.personal_info_required': { 'zh-CN': '须取得申请人对个人信息处理的同意', 'en': 'The applicant\'s consent to processing personal information is required' },
  'consent.sensitive_info_required': { 'zh-CN': '须取得申请人对敏感个人信息（证件号码、照片）处理的单独同意', 'en': 'Separate consent to processing sensitive personal information (ID number, photos) is required' },
  'consent.member_terms_required': { 'zh-CN': '申请人须确认已阅读会员须知/章程', 'en': 'The applicant must acknowledge the member notice and constitution' },
  'consent.notice_version_outdated': { 'zh-CN': '隐私告知版本已更新为{current}，请让申请人重新阅读并确认', 'en': 'The privacy notice is now version {current}: the applicant must read and accept it again' },
  'consent.terms_version_outdated': { 'zh-CN': '会员须知版本已更新为{current}，请让申请人重新阅读并确认', 'en': 'The member terms are now version {current}: the applicant must read and accept them again' },
  'consent.summary_not_confirmed': { 'zh-CN': '申请人须在签名前核对并确认申请信息（经会员确认）', 'en': 'The applicant must check and confirm the summary before signing' },

  // Payment
  'payment.required': { 'zh-CN': '该会员类别须缴纳入会费{amount}，请登记缴费', 'en': 'This category has a joining fee of {amount}: record the payment' },
  'payment.amount_mismatch': { 'zh-CN': '缴费金额应为{amount}', 'en': 'The amount should be {amount}' },
  'payment.waived_not_zero': { 'zh-CN': '免费时金额应为0', 'en': 'A waived fee has an amount of 0' },

  // Status rules
  'status.action_not_allowed': { 'zh-CN': '当前状态“{status}”下不能执行此操作', 'en': 'This action is not possible while the application is {status}' },
  'status.role_not_allowed': { 'zh-CN': '您的角色无权执行此操作', 'en': 'Your role may not take this action' },
  'status.not_owner': { 'zh-CN': '只能操作本人录入的申请', 'en': 'You may only act on applications you entered' },
  'status.site_not_assigned': { 'zh-CN': '该申请不属于您负责的网点', 'en': 'This application belongs to a site you are not assigned to' },
  'status.duplicate_unresolved': { 'zh-CN': '存在未处理的疑似重复记录，请先处理', 'en': 'There are unresolved duplicate candidates: resolve them first' },
  'status.attachments_incomplete': { 'zh-CN': '申请材料尚未全部上传', 'en': 'Not every attachment has arrived yet' },
  'status.reason_required': { 'zh-CN': '请选择拒绝原因', 'en': 'Choose a reason for the rejection' },
  'status.note_required': { 'zh-CN': '选择“其他”时须填写说明', 'en': 'Explain the reason when choosing "other"' },
  'return.duplicate_item': { 'zh-CN': '同一项需修改的内容列出了不止一次', 'en': 'An item to fix is listed more than once' },
  'return.unknown_field': { 'zh-CN': '退回项中的字段不存在，或不是外勤可以修改的内容', 'en': 'A return item names a field that does not exist or that the agent cannot fix' },
  'status.items_required': { 'zh-CN': '退回补充时至少列出一项需修改的内容', 'en': 'List at least one item to fix when returning an application' },

  // Duplicates
  'duplicate.already_resolved': { 'zh-CN': '该疑似重复记录已处理', 'en': 'This duplicate candidate has already been resolved' },
  'duplicate.not_resolvable': { 'zh-CN': '当前状态“{status}”下不能处理疑似重复', 'en': 'Duplicates cannot be resolved while the application is {status}' },
  'duplicate.same_person_needs_review': { 'zh-CN': '请先开始审核，再判定为同一人', 'en': 'Start the review before closing the application as the same person' },
  'duplicate.member_fields_not_allowed': { 'zh-CN': '只有与现有会员本人匹配时才能更新会员信息', 'en': 'Member details can be updated only when the applicant matched the member themselves' },

  // Review queue
  'version.order': { 'zh-CN': '对比的版本应从较早的到较新的（第{from}版不早于第{to}版）', 'en': 'Compare an earlier version with a later one (version {from} is not before version {to})' },
  'version.unknown': { 'zh-CN': '这份申请没有第{version}版', 'en': 'This application has no version {version}' },
  'date.range_reversed': { 'zh-CN': '结束日期不能早于开始日期', 'en': 'The end date cannot be before the start date' },
  'date.range_too_long': { 'zh-CN': '日期范围最多{maxDays}天', 'en': 'The date range covers at most {maxDays} days' },

  // Members and cards
  'member.operation_not_allowed': { 'zh-CN': '会员状态“{status}”、会员卡状态“{cardStatus}”下不能执行此操作', 'en': 'This operation is not possible with member status "{status}" and card status "{cardStatus}"' },
  'member.role_not_allowed': { 'zh-CN': '您的角色无权对会员执行此操作', 'en': 'Your role may not apply this operation to a member' },
  'member.site_not_assigned': { 'zh-CN': '该会员不属于您负责的网点', 'en': 'This member belongs to a site you are not assigned to' },
  'member.fee_required': { 'zh-CN': '请登记费用（金额、方式、收据号）', 'en': 'Record the fee (amount, method, receipt number)' },
  'member.fee_amount_required': { 'zh-CN': '收费时金额须大于0；不收费请选择“免费”', 'en': 'A fee taken is more than 0; choose "waived" when nothing is taken' },
  'member.fee_receipt_required': { 'zh-CN': '请填写收据号', 'en': 'Enter the receipt number' },
  'member.reason_required': { 'zh-CN': '请填写原因', 'en': 'Give a reason' },
  'member.revisit_required': { 'zh-CN': '请选择回访方式和回访结果', 'en': 'Choose how the member was contacted and the outcome' },
  'member.contact_required': { 'zh-CN': '请填写需要变更的资料', 'en': 'Enter the details to change' },
  'member.contact_type_mismatch': { 'zh-CN': '变更内容与会员类型不符（个人会员变更个人资料，单位会员变更单位资料）', 'en': 'These details do not fit the member: a person\'s for a person, an organisation\'s for an organisation' },
  'member.nothing_changed': { 'zh-CN': '填写的资料与现有资料相同，未作变更', 'en': 'The details given are the ones the member already has: nothing changed' },
  'member.marketing_not_given': { 'zh-CN': '该会员未授权接收营销信息，无需撤回', 'en': 'The member has not agreed to marketing messages: there is nothing to withdraw' },
  'member.level_required': { 'zh-CN': '请选择变更后的会员等级', 'en': 'Choose the level to change to' },
  'member.level_unknown': { 'zh-CN': '该会员类别没有等级“{level}”', 'en': 'The member\'s category has no level "{level}"' },
  'member.category_without_levels': { 'zh-CN': '该会员类别不分等级', 'en': 'The member\'s category has no levels' },
  'member.mobile_taken': { 'zh-CN': '该手机号码已是其他会员的号码（{memberNo}）', 'en': 'This mobile is already another member\'s ({memberNo})' },
  'member.mobile_taken_elsewhere': { 'zh-CN': '该手机号码已是其他网点会员的号码', 'en': 'This mobile is already a member\'s at another site' },

  // Exports
  'export.too_many_rows': { 'zh-CN': '共 {rows} 行，超过 Excel 工作表的上限（{max} 行）：请缩小筛选范围，或导出 CSV', 'en': '{rows} rows, more than an Excel sheet holds ({max}): narrow the filters or export CSV' },
  'export.busy': { 'zh-CN': '同时进行的导出已达上限（{max} 个），请稍后再试', 'en': 'As many exports as the server runs at once ({max}) are in progress: try again shortly' },
  'export.full_forbidden': { 'zh-CN': '只有主管可以导出完整（未遮蔽）的个人信息', 'en': 'Only supervisors may export full (unmasked) personal data' },

  // Requests and sessions (server answers)
  'request.invalid': { 'zh-CN': '请求内容有误', 'en': 'The request is not valid' },
  'request.unsupported_media_type': { 'zh-CN': '请求内容类型有误，应为 application/json', 'en': 'The request body must be sent as application/json' },
  'request.malformed': { 'zh-CN': '请求格式错误（不是有效的JSON）', 'en': 'The request body is not valid JSON' },
  'request.too_large': { 'zh-CN': '请求内容过大（上限{maxMb}MB）', 'en': 'The request is too large (limit {maxMb} MB)' },
  'request.not_found': { 'zh-CN': '未找到', 'en': 'Not found' },
  'record.purged': { 'zh-CN': '该记录的个人信息已按保存期限销毁，仅保留编号、状态与处理记录', 'en': 'This record\'s personal data was destroyed at the end of its retention period; only its numbers, statuses and history remain' },
  'request.version_required': { 'zh-CN': '请附带当前版本号（If-Match）', 'en': 'Send the current version in If-Match' },
  'request.version_conflict': { 'zh-CN': '该记录已被他人修改，请刷新后重试', 'en': 'Someone else changed this record: reload and try again' },
  'server.internal': { 'zh-CN': '服务器内部错误，请稍后重试', 'en': 'Internal server error: try again later' },
  'server.storage_full': { 'zh-CN': '服务器存储空间已满，本次操作未保存：请通知管理员，稍后重试', 'en': 'The server\'s storage is full and nothing was saved: tell the administrator, and try again later' },
  'auth.required': { 'zh-CN': '请先登录', 'en': 'Sign in first' },
  'auth.invalid_credentials': { 'zh-CN': '用户名或密码错误', 'en': 'Wrong user name or password' },
  'auth.locked': { 'zh-CN': '登录失败次数过多，请{minutes}分钟后再试', 'en': 'Too many failed sign-ins: try again in {minutes} min' },
  'auth.session_expired': { 'zh-CN': '登录已过期，请重新登录', 'en': 'Your session has expired: sign in again' },
  'auth.account_disabled': { 'zh-CN': '账号已停用', 'en': 'This account is disabled' },
  'auth.device_revoked': { 'zh-CN': '此设备已被停用，本地数据将被清除', 'en': 'This device has been revoked; its local data will be wiped' },
  'auth.device_other_user': { 'zh-CN': '此设备编号已登记给其他用户', 'en': 'This device id is registered to another user' },
  'auth.forbidden': { 'zh-CN': '您的角色无权访问此功能', 'en': 'Your role may not use this function' },
  'auth.wrong_password': { 'zh-CN': '当前密码不正确', 'en': 'The current password is wrong' },
  'password.unchanged': { 'zh-CN': '新密码不能与当前密码相同', 'en': 'The new password must differ from the current one' },
  'password.whitespace_only': { 'zh-CN': '密码不能全是空格（含全角空格）', 'en': 'A password cannot be spaces alone (full-width ones included)' },

  // Administration (staff accounts and sites)
  // No-break spaces: the three characters stay together, after their word (a lone "-" on a line reads as nothing).
  'staff.username_format': { 'zh-CN': '用户名只能使用小写字母、数字和\u00A0.\u00A0_\u00A0-', 'en': 'A user name may only use lower-case letters, digits and\u00A0.\u00A0_\u00A0-' },
  'staff.username_taken': { 'zh-CN': '用户名“{username}”已被使用', 'en': 'The user name "{username}" is already taken' },
  'staff.cannot_disable_self': { 'zh-CN': '不能停用自己的账号，请由另一位管理员停用', 'en': 'You cannot disable your own account: another administrator can' },
  'staff.last_admin': { 'zh-CN': '这是最后一位在用的管理员，不能停用或改为其他角色', 'en': 'This is the last active administrator: it cannot be disabled or given another role' },
  'site.unknown': { 'zh-CN': '网点“{siteId}”不存在', 'en': 'There is no site "{siteId}"' },
  'site.code_format': { 'zh-CN': '网点代码应为2至6位数字或大写字母（不含I、O、Z、S、V）', 'en': 'A site code has 2 to 6 digits or capitals (no I, O, Z, S or V)' },
  'site.code_taken': { 'zh-CN': '网点代码“{code}”已被使用', 'en': 'The site code "{code}" is already taken' },

  // Sync
  'sync.unknown_application': { 'zh-CN': '服务器上没有这份申请', 'en': 'The server has no such application' },
  // No answer came: with no network (sync.offline), or with one and the server down or out of reach.
  'sync.offline': { 'zh-CN': '设备未联网，联网后会自动重试', 'en': 'The device has no network: it tries again once there is one' },
  'sync.unreachable': { 'zh-CN': '服务器暂时无法连接，稍后会自动重试', 'en': 'The server cannot be reached just now: it tries again shortly' },
  'sync.server_unavailable': { 'zh-CN': '服务器暂时无法处理同步，稍后会自动重试', 'en': 'The server cannot take the sync just now: it tries again shortly' },
  'sync.no_conflict': { 'zh-CN': '这份申请没有待处理的冲突', 'en': 'This application has no conflict to settle' },
  'sync.device_mismatch': { 'zh-CN': '申请记录的设备与当前登录设备不一致', 'en': 'The application names a different device from the one signed in' },
  'sync.in_flight': { 'zh-CN': '这份申请正在同步，修改会在同步结束后自动保存', 'en': 'This application is being synced: the change is saved once the sync is over' },
  'sync.busy': { 'zh-CN': '这份申请正在同步，请在同步结束后再试', 'en': 'This application is being synced: try again once the sync is over' },
  'sync.unsent_action': { 'zh-CN': '这份申请还有一项操作尚未发送（如重新提交或撤回），请先同步，再进行此操作', 'en': 'An earlier action on this application (a resubmission or a withdrawal) has not been sent yet: sync first, then try again' },
  'sync.edit_not_saved': { 'zh-CN': '这份申请已按同步时的内容提交，同步期间的修改未能保存', 'en': 'This application was sent as it stood when the sync began: the change made meanwhile could not be saved' },
  'sync.cursor_ahead': { 'zh-CN': '设备的同步位置（{cursor}）超出了服务器的变更记录（{end}），需从头重新同步', 'en': 'The device\'s sync position ({cursor}) is beyond the server\'s change feed ({end}): sync again from the start' },
  'sync.mutation_id_reused': { 'zh-CN': '同步编号已被另一份申请使用，未能上传，请联系管理员', 'en': 'The sync id was already used for another application: not uploaded, contact the administrator' },
  'receipt.duplicate': { 'zh-CN': '回执编号已被另一份申请使用', 'en': 'Another application already has this receipt number' },
  'receipt.device_mismatch': { 'zh-CN': '回执编号不是本设备签发的', 'en': 'The receipt number was not issued by this device' },

  // Receipt numbers
  'receipt.format': { 'zh-CN': '回执编号格式不正确', 'en': 'Not a receipt number' },
  'receipt.checksum': { 'zh-CN': '回执编号校验位不正确，请核对', 'en': 'The receipt number\'s check character is wrong' },
} as const satisfies Record<string, LocalisedText>

export type ErrorCode = keyof typeof ERROR_MESSAGES

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_MESSAGES, code)
}
