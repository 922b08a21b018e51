import type { Locale } from '#shared/i18n/locale'
import { AUDIT_FAMILY_LABELS, auditActionLabel, auditActions, auditFamilyOf } from '#shared/audit/audit-actions'

/** One family of the audit filter's action list: "all of it" (`staff.*`) first, then each action. */
export interface AuditActionGroup {
  family: string
  label: string
  options: Array<{ value: string, label: string }>
}

/**
 * The audit filter's actions, grouped by family in the shared vocabulary's order, each
 * group led by its prefix (`staff.*`) worded by `allOf` — so an administrator picks
 * 重置密码 or 人员账号 (all) instead of typing `staff.reset_password`.
 */
export function auditActionGroups(locale: Locale, allOf: (family: string) => string): AuditActionGroup[] {
  const groups = new Map<string, AuditActionGroup>()
  for (const action of auditActions()) {
    const family = auditFamilyOf(action)
    let group = groups.get(family)
    if (!group) {
      const label = Object.hasOwn(AUDIT_FAMILY_LABELS, family) ? AUDIT_FAMILY_LABELS[family as keyof typeof AUDIT_FAMILY_LABELS][locale] : family
      group = { family, label, options: [{ value: `${family}.*`, label: allOf(label) }] }
      groups.set(family, group)
    }
    group.options.push({ value: action, label: auditActionLabel(action, locale) })
  }
  return [...groups.values()]
}
