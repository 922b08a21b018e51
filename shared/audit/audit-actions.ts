import type { Locale, LocalisedText } from '../i18n/locale'
import type { MemberOperation } from '../members/member-operations'
import type { Action } from '../status/status-table'
import { MEMBER_OPERATION_LABELS } from '../members/member-operations'
import { ACTION_LABELS } from '../status/status-table'

/**
 * What the audit log records, by name: every action the server writes is one of these (the
 * server's `appendAudit` accepts nothing else), and each has words in both languages for
 * the desk's audit screen. Status changes and member operations are named after the
 * shared vocabularies: `application.approve`, `member.freeze`.
 */
export const AUDIT_EVENT_LABELS = {
  'auth.login': { 'zh-CN': '登录', 'en': 'Signed in' },
  'auth.login_failed': { 'zh-CN': '登录失败', 'en': 'Failed sign-in' },
  'auth.logout': { 'zh-CN': '退出登录', 'en': 'Signed out' },
  'auth.password_changed': { 'zh-CN': '修改本人密码', 'en': 'Changed own password' },
  'auth.password_change_failed': { 'zh-CN': '修改密码失败（当前密码错误）', 'en': 'Password change refused (wrong current password)' },
  'staff.create': { 'zh-CN': '创建人员账号', 'en': 'Created a staff account' },
  'staff.update': { 'zh-CN': '修改人员账号', 'en': 'Changed a staff account' },
  'staff.reset_password': { 'zh-CN': '重置密码', 'en': 'Reset a password' },
  'site.create': { 'zh-CN': '新建网点', 'en': 'Created a site' },
  'site.update': { 'zh-CN': '修改网点', 'en': 'Changed a site' },
  'device.revoke': { 'zh-CN': '停用设备', 'en': 'Revoked a device' },
  'programme.update': { 'zh-CN': '发布会员计划设置', 'en': 'Published programme settings' },
  'application.view': { 'zh-CN': '查看申请（脱敏）', 'en': 'Viewed an application (masked)' },
  'application.view_full': { 'zh-CN': '查看申请完整信息', 'en': 'Viewed an application in full' },
  'application.fetch': { 'zh-CN': '下载申请到设备（外勤）', 'en': 'Fetched an application to a device (agent)' },
  'application.purge': { 'zh-CN': '到期销毁申请个人信息', 'en': 'Destroyed an application\'s personal data (retention)' },
  'member.purge': { 'zh-CN': '到期销毁会员个人信息', 'en': 'Destroyed a member\'s personal data (retention)' },
  'attachment.purge': { 'zh-CN': '到期销毁未随申请提交的材料', 'en': 'Destroyed a document no application named (retention)' },
  'backup.create': { 'zh-CN': '备份全部数据', 'en': 'Backed up all data' },
  'backup.restore': { 'zh-CN': '从备份恢复数据', 'en': 'Restored the data from a backup' },
  'data_key.rotate': { 'zh-CN': '更换数据密钥', 'en': 'Rotated the data key' },
  'attachment.view': { 'zh-CN': '查看申请材料', 'en': 'Viewed a document' },
  'duplicate.resolve': { 'zh-CN': '处理疑似重复', 'en': 'Resolved a duplicate candidate' },
  'member.view': { 'zh-CN': '查看会员（脱敏）', 'en': 'Viewed a member (masked)' },
  'member.view_full': { 'zh-CN': '查看会员完整信息', 'en': 'Viewed a member in full' },
  'export.applications': { 'zh-CN': '导出申请', 'en': 'Exported applications' },
  'export.members': { 'zh-CN': '导出会员', 'en': 'Exported members' },
  'export.daily_report': { 'zh-CN': '导出顾客信息日报表', 'en': 'Exported the daily report' },
  'export.member_copy': { 'zh-CN': '导出会员个人信息副本', 'en': 'Exported a member\'s copy of their personal information' },
} as const satisfies Record<string, LocalisedText>

export type AuditEvent = keyof typeof AUDIT_EVENT_LABELS
export type AuditAction = AuditEvent | `application.${Action}` | `member.${MemberOperation}`

const FAMILIES: Record<string, { labels: Readonly<Record<string, LocalisedText>>, of: LocalisedText }> = {
  application: { labels: ACTION_LABELS, of: { 'zh-CN': '申请', 'en': 'application' } },
  member: { labels: MEMBER_OPERATION_LABELS, of: { 'zh-CN': '会员', 'en': 'member' } },
}

/** The words for an audit action (`批准（申请）`), or the code itself when it has none (an older entry). */
export function auditActionLabel(action: string, locale: Locale): string {
  if (Object.hasOwn(AUDIT_EVENT_LABELS, action))
    return AUDIT_EVENT_LABELS[action as AuditEvent][locale]
  const [family, name] = action.split(/\.(.*)/s) as [string, string | undefined]
  const known = FAMILIES[family]
  const label = name && known && Object.hasOwn(known.labels, name) ? known.labels[name]![locale] : null
  if (!label)
    return action
  return locale === 'zh-CN' ? `${label}（${known!.of[locale]}）` : `${label} (${known!.of[locale]})`
}

/** Every action the log records, in the order the desk offers them (events, then status changes, then member operations). */
export function auditActions(): AuditAction[] {
  return [
    ...Object.keys(AUDIT_EVENT_LABELS) as AuditEvent[],
    ...(Object.keys(ACTION_LABELS) as Action[]).map(a => `application.${a}` as const),
    ...(Object.keys(MEMBER_OPERATION_LABELS) as MemberOperation[]).map(o => `member.${o}` as const),
  ]
}

/** The families actions belong to (the part before the dot), by name: the audit filter's `family.*`. */
export const AUDIT_FAMILY_LABELS = {
  auth: { 'zh-CN': '登录与密码', 'en': 'Sign-in and passwords' },
  staff: { 'zh-CN': '人员账号', 'en': 'Staff accounts' },
  site: { 'zh-CN': '网点', 'en': 'Sites' },
  device: { 'zh-CN': '设备', 'en': 'Devices' },
  programme: { 'zh-CN': '会员计划', 'en': 'Programme' },
  application: { 'zh-CN': '申请', 'en': 'Applications' },
  attachment: { 'zh-CN': '申请材料', 'en': 'Documents' },
  duplicate: { 'zh-CN': '疑似重复', 'en': 'Duplicates' },
  member: { 'zh-CN': '会员', 'en': 'Members' },
  export: { 'zh-CN': '导出', 'en': 'Exports' },
  backup: { 'zh-CN': '备份与恢复', 'en': 'Backups' },
  data_key: { 'zh-CN': '数据密钥', 'en': 'Data key' },
} as const satisfies Record<string, LocalisedText>

export type AuditFamily = keyof typeof AUDIT_FAMILY_LABELS

/** The family of an action: `staff` for `staff.update`. */
export function auditFamilyOf(action: string): string {
  return action.split('.')[0]!
}
