import type { NamedFieldLabel } from '../i18n/field-labels'
import { z } from 'zod'
import { hasHiddenCharacters } from '../text/hidden-characters'

/**
 * Zod's own issue for a value of another type, or none (`invalid_type`: a name missing from
 * a hand-made request, a number, a list), carries no params: its message is all a schema
 * can set. A field named by its own label sets the label's key there, and
 * `toValidationIssues` reads it back into `params.label` — so a missing site name is
 * 网点名称：必填, not 姓名：必填. Given to the schema's constructor (`z.string(namedBy(…))`),
 * it changes no type and nothing in the API's documentation.
 */
export function namedBy(label: NamedFieldLabel) {
  return { error: (issue: { code: string }) => (issue.code === 'invalid_type' ? label : undefined) }
}

/**
 * A name staff keep — a site's 网点名称, a staff account's 姓名 — as they type it: trimmed, not
 * blank, at most `max` characters (UTF-16 units, as Zod counts), nothing hidden. Its key alone
 * would be labelled wrongly (a site's `name` as a person's 姓名) or not at all (`displayName`),
 * so every problem is raised here, one at a time, with the field's own label in
 * `params.label` (NAMED_FIELD_LABELS), which `formatIssue` names it by: `网点名称：最多100个字符`;
 * a value that is no string at all is named by it too (`namedBy`). The issue carries the
 * label, so the server's answer and the desk, which formats the issue again, say the same.
 * The native checks after it refuse nothing it let through: they describe the field in the
 * API's documentation (minLength, maxLength).
 */
export function labelledName(label: NamedFieldLabel, max: number) {
  return z.string(namedBy(label)).trim().superRefine((value, ctx) => {
    const problem = value === ''
      ? { code: 'field.required' }
      : value.length > max
        ? { code: 'field.too_long', max }
        : hasHiddenCharacters(value) ? { code: 'text.hidden_characters' } : null
    if (problem)
      ctx.addIssue({ code: 'custom', message: problem.code, params: { ...problem, label }, continue: false })
  }).min(1).max(max)
}
