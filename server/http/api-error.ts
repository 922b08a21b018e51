import type { ErrorCode } from '#shared/errors/error-codes'
import type { IssueParams, ValidationIssue } from '#shared/errors/issue'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * An answer other than success, with a stable code from the shared catalogue. The error
 * handler renders it as `{ error: { code, message, issues?, ...extra } }` in the caller's
 * language.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    readonly options: {
      params?: IssueParams
      issues?: ValidationIssue[]
      extra?: Record<string, unknown>
      /** Seconds until trying again can succeed, sent as `Retry-After` (a lock, a limit). */
      retryAfterSeconds?: number
    } = {},
  ) {
    super(code)
  }
}
