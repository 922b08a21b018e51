import type { LocalisedText } from '../i18n/locale'

export const ROLES = ['field_agent', 'reviewer', 'supervisor', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, LocalisedText> = {
  field_agent: { 'zh-CN': '外勤专员', 'en': 'Field agent' },
  reviewer: { 'zh-CN': '审核员', 'en': 'Reviewer' },
  supervisor: { 'zh-CN': '主管', 'en': 'Supervisor' },
  admin: { 'zh-CN': '管理员', 'en': 'Administrator' },
}
