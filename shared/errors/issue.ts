import type { ErrorCode } from './error-codes'

/** Values a message template may use. Kept to JSON scalars so issues cross the wire unchanged. */
export type IssueParams = Record<string, string | number>

/**
 * One problem found in an input. `path` is a dot path into the input
 * (`person.idNumber`, `dependants.1.birthDate`; '' for the whole input).
 */
export interface ValidationIssue {
  path: string
  code: ErrorCode
  params?: IssueParams
}

/** The answer of a single-value check: the normalised value, or one stable code. */
export type CheckResult<T = string>
  = | { ok: true, value: T }
    | { ok: false, code: ErrorCode, params?: IssueParams }

export function pass<T>(value: T): CheckResult<T> {
  return { ok: true, value }
}

export function fail<T = never>(code: ErrorCode, params?: IssueParams): CheckResult<T> {
  return params ? { ok: false, code, params } : { ok: false, code }
}
