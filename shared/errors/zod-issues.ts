import type { z } from 'zod'
import type { ErrorCode } from './error-codes'
import type { IssueParams, ValidationIssue } from './issue'
import { isDecimalDigits } from '../schemas/query-integer'
import { isBlank } from '../text/normalise'
import { isErrorCode } from './error-codes'

/** A Zod path as our dot path: `['dependants', 1, 'name']` → `dependants.1.name`. */
export function toDotPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.')
}

function scalarParams(source: Record<string, unknown>): IssueParams {
  const params: IssueParams = {}
  for (const [key, value] of Object.entries(source)) {
    if (key !== 'code' && (typeof value === 'string' || typeof value === 'number'))
      params[key] = value
  }
  return params
}

function bound(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : Number(value)
}

/**
 * Codes that say why a blank value is refused better than 必填 does: a password of spaces
 * alone was typed, not left empty.
 */
const SAYS_BLANK: ReadonlySet<string> = new Set<ErrorCode>(['password.whitespace_only'])

function codeAndParams(issue: z.core.$ZodIssue, input: unknown): { code: ErrorCode, params?: IssueParams } {
  // A missing value is "required", whatever kind of value was expected: Zod reports a
  // missing enum or literal as invalid_value and a missing discriminator as invalid_union.
  if ((input === undefined || input === null) && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union'))
    return { code: 'field.required' }
  // So is a blank one: forms hold '' for "not filled in yet" (optional fields left empty are
  // dropped), and an empty name, mobile or gender is missing, not a name too short or a mobile
  // of the wrong format. Unless the rule refusing it is about the blank itself and says more.
  if (typeof input === 'string' && isBlank(input) && !(issue.code === 'custom' && SAYS_BLANK.has(String(issue.params?.code))))
    return { code: 'field.required' }
  switch (issue.code) {
    case 'custom': {
      const code = issue.params?.code
      if (typeof code === 'string' && isErrorCode(code))
        return { code, params: scalarParams(issue.params ?? {}) }
      return { code: 'field.invalid' }
    }
    case 'invalid_type':
      if (input === undefined || input === null)
        return { code: 'field.required' }
      // A count typed as something other than digits (`12人`, `1.5`, `-3`) is kept as typed
      // for this rule to refuse: say what the field takes, not that a type is wrong.
      if (issue.expected === 'number' && typeof input === 'string' && !isDecimalDigits(input))
        return { code: 'field.digits' }
      return { code: 'field.type', params: { expected: issue.expected } }
    case 'too_small': {
      const min = bound(issue.minimum)
      if (issue.origin === 'string')
        return min <= 1 ? { code: 'field.required' } : { code: 'field.too_short', params: { min } }
      if (issue.origin === 'array' || issue.origin === 'set')
        return { code: 'field.too_few', params: { min } }
      return { code: 'field.too_small', params: { min } }
    }
    case 'too_big': {
      const max = bound(issue.maximum)
      if (issue.origin === 'string')
        return { code: 'field.too_long', params: { max } }
      if (issue.origin === 'array' || issue.origin === 'set')
        return { code: 'field.too_many', params: { max } }
      return { code: 'field.too_large', params: { max } }
    }
    case 'invalid_value':
      return { code: 'field.invalid_option', params: { options: issue.values.map(String).join(', ') } }
    case 'invalid_union':
      // A discriminated union with an unknown discriminator (e.g. applicantType).
      return 'options' in issue && Array.isArray(issue.options)
        ? { code: 'field.invalid_option', params: { options: issue.options.map(String).join(', ') } }
        : { code: 'field.invalid' }
    case 'invalid_format':
      return { code: 'field.format', params: { format: issue.format } }
    default:
      return { code: 'field.invalid' }
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root
  for (const key of path) {
    // A query string's single value stands for a one-item list (`?status=x` → status.0 is x),
    // so a bad value reads as bad, not as missing.
    if (node !== null && node !== undefined && typeof node !== 'object' && (key === 0 || key === '0'))
      continue
    if (node === null || typeof node !== 'object')
      return undefined
    node = (node as Record<PropertyKey, unknown>)[key]
  }
  return node
}

/** Turns Zod's issues into ours: stable codes and scalar params, one per path and code. */
export function toValidationIssues(error: z.ZodError, input: unknown): ValidationIssue[] {
  return error.issues.flatMap((issue): ValidationIssue[] => {
    // A strict object names every key it does not know: each is an issue of its own, at its own path.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map(key => ({ path: toDotPath([...issue.path, key]), code: 'field.unknown' }))
    const { code, params: found } = codeAndParams(issue, valueAt(input, issue.path))
    // The field's own label, when its schema named it (format-issue.ts), whatever the code became.
    const label = issue.code === 'custom' ? issue.params?.label : undefined
    const params = typeof label === 'string' ? { ...found, label } : found
    const out: ValidationIssue = { path: toDotPath(issue.path), code }
    if (params && Object.keys(params).length)
      out.params = params
    return [out]
  })
}
