import type { z } from 'zod'
import type { NamedFieldLabel } from '../i18n/field-labels'
import type { ErrorCode } from './error-codes'
import type { IssueParams, ValidationIssue } from './issue'
import { isNamedFieldLabel } from '../i18n/field-labels'
import { isDecimalDigits } from '../schemas/query-integer'
import { queryListItems } from '../schemas/query-list'
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

/** The value at `path` in a body or a single value, or undefined where there is none. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root
  for (const key of path) {
    if (node === null || typeof node !== 'object')
      return undefined
    node = (node as Record<PropertyKey, unknown>)[key]
  }
  return node
}

function isIndex(key: PropertyKey | undefined): boolean {
  return typeof key === 'number' || (typeof key === 'string' && /^\d+$/.test(key))
}

/** A query string's parameters as its schema is given them: a value, or the values of a repeated parameter. */
export type QueryValues = Readonly<Record<string, string | readonly string[]>>

/**
 * The value at `path` in a query string's parameters. An item of a list parameter
 * (`status.1`) is counted as the list parameter counts them (`queryListItems`: repeated,
 * comma-separated, or both), and a single value is a one-item list, so a bad item reads as
 * bad, not as missing.
 */
function queryValueAt(query: QueryValues, path: readonly PropertyKey[]): unknown {
  const [key, index] = path
  const value = typeof key === 'string' && Object.hasOwn(query, key) ? query[key] : undefined
  if (path.length === 2 && isIndex(index) && value !== undefined)
    return queryListItems(value)[Number(index)]
  return valueAt(query, path)
}

function boundOf(issue: z.core.$ZodIssue): number | undefined {
  if (issue.code === 'too_big')
    return bound(issue.maximum)
  return issue.code === 'too_small' ? bound(issue.minimum) : undefined
}

/**
 * The issues that name a value's real problem. Zod goes on checking a value after finding
 * it of the wrong type — a length bound that fits any array is checked on an array sent for
 * a text (`displayName: []` would also be "at least 1 item") — and checks a number both
 * against `.int()`'s safe range and the schema's own bound (one message would say
 * JavaScript's largest integer, in 元). So at a path with a type issue, that issue alone; of
 * several bounds of one kind at one path, the tightest (the smallest max, the largest min).
 */
function relevant(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const typed = new Set(issues.filter(issue => issue.code === 'invalid_type').map(issue => toDotPath(issue.path)))
  const kept = issues.filter(issue => issue.code === 'invalid_type' || !typed.has(toDotPath(issue.path)))
  const boundKey = (issue: z.core.$ZodIssue) => `${issue.code} ${toDotPath(issue.path)}`
  const tightest = new Map<string, { issue: z.core.$ZodIssue, bound: number }>()
  for (const issue of kept) {
    const limit = boundOf(issue)
    if (limit === undefined)
      continue
    const known = tightest.get(boundKey(issue))
    if (!known || (issue.code === 'too_big' ? limit < known.bound : limit > known.bound))
      tightest.set(boundKey(issue), { issue, bound: limit })
  }
  return kept.filter(issue => boundOf(issue) === undefined || tightest.get(boundKey(issue))?.issue === issue)
}

/**
 * The label a field's schema named it by (shared/schemas/labelled-name.ts): in the params of
 * the schema's own issues, and as the message of Zod's type issue, which carries no params.
 */
function labelOf(issue: z.core.$ZodIssue): NamedFieldLabel | undefined {
  const label = issue.code === 'custom' ? issue.params?.label : issue.code === 'invalid_type' ? issue.message : undefined
  return isNamedFieldLabel(label) ? label : undefined
}

function convert(error: z.ZodError, read: (path: readonly PropertyKey[]) => unknown): ValidationIssue[] {
  return relevant(error.issues).flatMap((issue): ValidationIssue[] => {
    // A strict object names every key it does not know: each is an issue of its own, at its own path.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map(key => ({ path: toDotPath([...issue.path, key]), code: 'field.unknown' }))
    const { code, params: found } = codeAndParams(issue, read(issue.path))
    // The field's own label, when its schema named it (format-issue.ts), whatever the code became.
    const label = labelOf(issue)
    const params = label ? { ...found, label } : found
    const out: ValidationIssue = { path: toDotPath(issue.path), code }
    if (params && Object.keys(params).length)
      out.params = params
    return [out]
  })
}

/**
 * Turns Zod's issues into ours: stable codes and scalar params, one per problem of a field.
 * `input` is what was parsed: whether a value was there tells "missing" from "wrong".
 */
export function toValidationIssues(error: z.ZodError, input: unknown): ValidationIssue[] {
  return convert(error, path => valueAt(input, path))
}

/** The same for a query string's parameters (`?status=submitted,nope` → `status.1` is not an option). */
export function toQueryIssues(error: z.ZodError, query: QueryValues): ValidationIssue[] {
  return convert(error, path => queryValueAt(query, path))
}
