import type { ValidationIssue } from '../errors/issue'
import type { ProgrammeSettings } from '../programme/programme.schema'
import type { Application } from './application.schema'
import type { Rule } from './rules/rule-context'
import { todayInChina } from '../dates/calendar'
import { toValidationIssues } from '../errors/zod-issues'
import { ApplicationSchema } from './application.schema'
import { categoryRule } from './rules/category.rule'
import { consentRule } from './rules/consent.rule'
import { declinedRule } from './rules/declined.rule'
import { formVersionRule } from './rules/form-version.rule'
import { generationsRule } from './rules/generations.rule'
import { identityRule } from './rules/identity.rule'
import { materialsRule } from './rules/materials.rule'
import { organisationRule } from './rules/organisation.rule'
import { paymentRule } from './rules/payment.rule'
import { createRuleContext } from './rules/rule-context'

/**
 * The one validation of an application, run by the device as the agent types and by the
 * server on every push, under the programme settings in force. It reports every issue it
 * can find, not only the first: structure and field formats from the schema, then every
 * cross-field rule on whatever fields are individually valid.
 *
 * Warnings (e.g. a confirmed USCC that fails its check character) never block; they
 * travel with the application for the reviewer to see.
 */

export type ApplicationValidation
  = | { ok: true, value: Application, warnings: ValidationIssue[] }
    | { ok: false, issues: ValidationIssue[], warnings: ValidationIssue[] }

export interface ValidationOptions {
  /** Today's date in China (`YYYY-MM-DD`); defaults to the clock. Tests pass a fixed day. */
  today?: string
}

const RULES: readonly Rule[] = [
  formVersionRule,
  identityRule,
  generationsRule,
  categoryRule,
  materialsRule,
  consentRule,
  organisationRule,
  paymentRule,
  declinedRule,
]

export function validateApplication(input: unknown, settings: ProgrammeSettings, options: ValidationOptions = {}): ApplicationValidation {
  const today = options.today ?? todayInChina()
  const parsed = ApplicationSchema.safeParse(input)
  const structural = parsed.success ? [] : toValidationIssues(parsed.error, input)

  const { ctx, issues, warnings } = createRuleContext(parsed.success ? parsed.data : input, parsed.success, settings, today)
  for (const rule of RULES)
    rule(ctx)

  // A field's own format issue already explains it; a rule reporting the same path and
  // code again would only repeat it.
  const seen = new Set(structural.map(issue => `${issue.path}\u0000${issue.code}`))
  const all = [...structural, ...issues.filter(issue => !seen.has(`${issue.path}\u0000${issue.code}`))]

  if (parsed.success && all.length === 0)
    return { ok: true, value: parsed.data, warnings }
  return { ok: false, issues: all, warnings }
}
