import type { z } from 'zod'
import type { ErrorCode } from '../../errors/error-codes'
import type { IssueParams, ValidationIssue } from '../../errors/issue'
import type { ProgrammeSettings } from '../../programme/programme.schema'

/**
 * What a cross-field rule sees. Rules run even when the structure check failed, so that
 * the agent sees every problem at once: they read each field they need through `read`,
 * which yields the field's normalised value only if that field on its own is valid, and
 * undefined otherwise (its own issue is already reported). A rule skips a comparison
 * when a field it needs is missing.
 */
export interface RuleContext {
  settings: ProgrammeSettings
  today: string
  read: <S extends z.ZodType>(path: string, schema: S) => z.output<S> | undefined
  /** The raw value at a path, for lengths and presence only. */
  raw: (path: string) => unknown
  error: (path: string, code: ErrorCode, params?: IssueParams) => void
  warn: (path: string, code: ErrorCode, params?: IssueParams) => void
}

export type Rule = (ctx: RuleContext) => void

// Rules read the same few dozen paths on every validation: split each once.
const splitPaths = new Map<string, readonly string[]>()

function segments(path: string): readonly string[] {
  let keys = splitPaths.get(path)
  if (!keys) {
    keys = path.split('.')
    if (splitPaths.size < 10_000)
      splitPaths.set(path, keys)
  }
  return keys
}

export function valueAtPath(root: unknown, path: string): unknown {
  if (path === '')
    return root
  let node = root
  for (const key of segments(path)) {
    if (node === null || typeof node !== 'object')
      return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

export function createRuleContext(input: unknown, trusted: boolean, settings: ProgrammeSettings, today: string): {
  ctx: RuleContext
  issues: ValidationIssue[]
  warnings: ValidationIssue[]
} {
  const issues: ValidationIssue[] = []
  const warnings: ValidationIssue[] = []
  const push = (list: ValidationIssue[]) => (path: string, code: ErrorCode, params?: IssueParams) => {
    list.push(params ? { path, code, params } : { path, code })
  }
  const ctx: RuleContext = {
    settings,
    today,
    raw: path => valueAtPath(input, path),
    read: (path, schema) => {
      const value = valueAtPath(input, path)
      if (trusted)
        return value as never
      if (value === undefined)
        return undefined
      const parsed = schema.safeParse(value)
      return parsed.success ? parsed.data : undefined
    },
    error: push(issues),
    warn: push(warnings),
  }
  return { ctx, issues, warnings }
}

/** Indexes of an array at `path` in the raw input (empty when it is not an array). */
export function indexesAt(ctx: RuleContext, path: string): number[] {
  const value = ctx.raw(path)
  return Array.isArray(value) ? value.map((_, i) => i) : []
}
