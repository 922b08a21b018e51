import type { Locale, LocalisedText } from '../i18n/locale'
import { PAYMENT_METHOD_LABELS } from '../application/enums'
import { formatPrice } from '../application/payment-amount'
import { DUPLICATE_LEVEL_LABELS } from '../dedup/duplicate-levels'
import { DUPLICATE_RESOLUTION_LABELS, MEMBER_UPDATE_FIELD_LABELS } from '../dedup/resolution-vocabulary'
import { labelled, listed } from '../i18n/punctuation'
import { memberFieldLabel } from '../members/member-fields'
import { CARD_STATUS_LABELS, MEMBER_STATUS_LABELS } from '../members/member-status'
import { REVISIT_CHANNEL_LABELS, REVISIT_OUTCOME_LABELS } from '../members/revisit'
import { REJECT_REASON_LABELS } from '../status/review-decisions'
import { ROLE_LABELS } from '../status/roles'
import { STATUS_LABELS } from '../status/status-table'

/**
 * An audit entry's recorded detail in words, for an investigator: each key as the desk
 * names it (`receiptNo` → 回执编号) and each value a code stands for in words (`in_review` →
 * 审核中, `true` → 是), lists and changes spelled out. Beside, never instead of, the recorded
 * detail itself — that is what the chain hashes, and a key or a value this does not know is
 * shown as recorded. Pure.
 */

export interface WordedDetailLine {
  /** The recorded key. */
  key: string
  label: string
  value: string
}

const YES_NO = { true: { 'zh-CN': '是', 'en': 'yes' }, false: { 'zh-CN': '否', 'en': 'no' } } as const

const KEY_LABELS: Record<string, LocalisedText> = {
  receiptNo: { 'zh-CN': '回执编号', 'en': 'Receipt number' },
  memberNo: { 'zh-CN': '会员编号', 'en': 'Member number' },
  version: { 'zh-CN': '版本', 'en': 'Version' },
  previousVersion: { 'zh-CN': '原版本', 'en': 'Previous version' },
  compared: { 'zh-CN': '比较的版本', 'en': 'Versions compared' },
  cause: { 'zh-CN': '起因', 'en': 'Cause' },
  reason: { 'zh-CN': '原因', 'en': 'Reason' },
  from: { 'zh-CN': '原状态', 'en': 'From' },
  to: { 'zh-CN': '新状态', 'en': 'To' },
  format: { 'zh-CN': '格式', 'en': 'Format' },
  full: { 'zh-CN': '完整信息（未遮盖）', 'en': 'Full (unmasked) values' },
  filters: { 'zh-CN': '筛选条件', 'en': 'Filters' },
  rowCount: { 'zh-CN': '行数', 'en': 'Rows' },
  sessionsEnded: { 'zh-CN': '结束的其他会话', 'en': 'Other sessions ended' },
  sessionsRevoked: { 'zh-CN': '撤销的会话', 'en': 'Sessions revoked' },
  changed: { 'zh-CN': '变更的设置', 'en': 'Settings changed' },
  changes: { 'zh-CN': '变更', 'en': 'Changes' },
  fields: { 'zh-CN': '变更的资料项', 'en': 'Details changed' },
  applicationId: { 'zh-CN': '申请 ID', 'en': 'Application ID' },
  memberId: { 'zh-CN': '会员 ID', 'en': 'Member ID' },
  deviceId: { 'zh-CN': '设备 ID', 'en': 'Device ID' },
  staffId: { 'zh-CN': '员工 ID', 'en': 'Staff ID' },
  username: { 'zh-CN': '用户名', 'en': 'User name' },
  displayName: { 'zh-CN': '显示名称', 'en': 'Display name' },
  role: { 'zh-CN': '角色', 'en': 'Role' },
  siteIds: { 'zh-CN': '网点', 'en': 'Sites' },
  code: { 'zh-CN': '代码', 'en': 'Code' },
  name: { 'zh-CN': '名称', 'en': 'Name' },
  regionCode: { 'zh-CN': '行政区划代码', 'en': 'Region code' },
  active: { 'zh-CN': '启用', 'en': 'Active' },
  unsyncedCount: { 'zh-CN': '未同步的申请', 'en': 'Unsynced applications' },
  previous: { 'zh-CN': '原密钥指纹', 'en': 'Previous key fingerprint' },
  next: { 'zh-CN': '新密钥指纹', 'en': 'New key fingerprint' },
  records: { 'zh-CN': '记录数', 'en': 'Records' },
  resealed: { 'zh-CN': '重新加密', 'en': 'Resealed' },
  fee: { 'zh-CN': '费用', 'en': 'Fee' },
  revisit: { 'zh-CN': '回访', 'en': 'Re-visit' },
  note: { 'zh-CN': '备注', 'en': 'Note' },
  level: { 'zh-CN': '等级', 'en': 'Level' },
  // A duplicate candidate's resolution (duplicate.resolve).
  candidateId: { 'zh-CN': '疑似重复记录 ID', 'en': 'Duplicate candidate ID' },
  resolution: { 'zh-CN': '处理结论', 'en': 'Resolution' },
  otherType: { 'zh-CN': '对方记录类型', 'en': 'Other record\'s type' },
  otherId: { 'zh-CN': '对方记录 ID', 'en': 'Other record\'s ID' },
  memberFields: { 'zh-CN': '更新的会员资料', 'en': 'Member details updated' },
}

/** In a duplicate's resolution `level` is how sure the candidate was, not a membership level. */
const DUPLICATE_LEVEL_KEY: LocalisedText = { 'zh-CN': '疑似重复程度', 'en': 'Duplicate level' }

/** What the other record of a duplicate candidate is. */
const OTHER_TYPE_WORDS: Record<string, LocalisedText> = {
  application: { 'zh-CN': '申请', 'en': 'Application' },
  member: { 'zh-CN': '会员', 'en': 'Member' },
}

/** Recorded reasons and causes that are codes, not words someone typed. */
const CODE_WORDS: Record<string, LocalisedText> = {
  'retention': { 'zh-CN': '保存期限届满', 'en': 'Retention period ended' },
  'first start': { 'zh-CN': '首次启动', 'en': 'First start' },
  'seed:demo': { 'zh-CN': '演示数据', 'en': 'Demo data' },
  'version_conflict': { 'zh-CN': '操作时版本已变，重新载入', 'en': 'Reloaded after a version conflict' },
  // A member operation its standing no longer allowed (it expired since it was loaded): the copy was sent back.
  'operation_not_allowed': { 'zh-CN': '操作时会员状态已不允许，重新载入', 'en': 'Reloaded: the member\'s standing no longer allowed the operation' },
  'conflict': { 'zh-CN': '同步冲突，服务器副本发回设备', 'en': 'Sync conflict: the server copy sent to the device' },
}

/** The member fields a member operation's `changes` names. */

function from<T extends string>(labels: Record<T, LocalisedText>, value: unknown, locale: Locale): string | null {
  return typeof value === 'string' && Object.hasOwn(labels, value) ? labels[value as T][locale] : null
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : null
}

function asRecorded(value: unknown): string {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** A member field's value in words where it is a code (a standing, a card state). */
function memberFieldValue(field: string, value: unknown, locale: Locale): string {
  if (value === null || value === undefined || value === '')
    return '—'
  return (field === 'status' ? from(MEMBER_STATUS_LABELS, value, locale) : field === 'cardStatus' ? from(CARD_STATUS_LABELS, value, locale) : null) ?? asRecorded(value)
}

/**
 * Names the reader's screen knows for what a detail records by id (a site: `北京朝阳网点（BJ01）`);
 * undefined for an id it does not know (a site since removed), which is then shown as recorded.
 */
export interface AuditDetailNames {
  site?: (id: string) => string | undefined
}

function wordedValue(key: string, value: unknown, locale: Locale, duplicate: boolean, names: AuditDetailNames): string {
  if (typeof value === 'boolean')
    return YES_NO[String(value) as 'true' | 'false'][locale]
  if ((key === 'from' || key === 'to') && typeof value === 'string')
    return from(STATUS_LABELS, value, locale) ?? from(MEMBER_STATUS_LABELS, value, locale) ?? value
  if (key === 'role')
    return from(ROLE_LABELS, value, locale) ?? asRecorded(value)
  if (key === 'reason' || key === 'cause')
    return from(REJECT_REASON_LABELS, value, locale) ?? from(CODE_WORDS, value, locale) ?? asRecorded(value)
  if (key === 'resolution')
    return from(DUPLICATE_RESOLUTION_LABELS, value, locale) ?? asRecorded(value)
  // A membership level (level.change) is a programme's own code, left as recorded.
  if (key === 'level' && duplicate)
    return from(DUPLICATE_LEVEL_LABELS, value, locale) ?? asRecorded(value)
  if (key === 'otherType')
    return from(OTHER_TYPE_WORDS, value, locale) ?? asRecorded(value)
  if (key === 'siteIds' && Array.isArray(value) && names.site)
    return value.length === 0 ? '—' : listed(value.map(id => (typeof id === 'string' ? names.site!(id) : undefined) ?? asRecorded(id)), locale)
  if (key === 'memberFields' && Array.isArray(value))
    return value.length === 0 ? '—' : listed(value.map(field => from(MEMBER_UPDATE_FIELD_LABELS, field, locale) ?? asRecorded(field)), locale)
  if (key === 'format' && typeof value === 'string')
    return value.toUpperCase()
  if (key === 'compared' && Array.isArray(value))
    return value.map(v => `v${String(v)}`).join(' → ')
  if (Array.isArray(value) && value.every(v => typeof v !== 'object' || v === null))
    return value.length === 0 ? '—' : listed(value.map(String), locale)
  const object = record(value)
  if (key === 'changes' && object) {
    const lines = Object.entries(object).map(([field, change]) => {
      const { from: before, to: after } = record(change) ?? {}
      return labelled(memberFieldLabel(field, locale), `${memberFieldValue(field, before, locale)} → ${memberFieldValue(field, after, locale)}`, locale)
    })
    return lines.length === 0 ? '—' : lines.join(locale === 'zh-CN' ? '；' : '; ')
  }
  if (key === 'fee' && object && typeof object.amountFen === 'number') {
    const method = from(PAYMENT_METHOD_LABELS, object.method, locale)
    return [formatPrice(object.amountFen), method, typeof object.receiptNo === 'string' ? object.receiptNo : null].filter(Boolean).join(' · ')
  }
  if (key === 'revisit' && object)
    return [from(REVISIT_CHANNEL_LABELS, object.channel, locale), from(REVISIT_OUTCOME_LABELS, object.outcome, locale)].filter(Boolean).join(' · ') || asRecorded(value)
  if (key === 'filters' && object) {
    const set = Object.entries(object).filter(([, v]) => v !== undefined && v !== null && v !== '')
    return set.length === 0 ? '—' : set.map(([k, v]) => `${k}=${asRecorded(v)}`).join(', ')
  }
  return asRecorded(value)
}

/** Each key of the detail, in the recorded order, labelled and worded. */
export function wordedAuditDetail(detail: Readonly<Record<string, unknown>>, locale: Locale, names: AuditDetailNames = {}): WordedDetailLine[] {
  const duplicate = Object.hasOwn(detail, 'candidateId')
  return Object.entries(detail).map(([key, value]) => ({
    key,
    label: (duplicate && key === 'level' ? DUPLICATE_LEVEL_KEY : KEY_LABELS[key])?.[locale] ?? key,
    value: wordedValue(key, value, locale, duplicate, names),
  }))
}
