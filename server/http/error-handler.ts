import type { Context } from 'hono'
import type { AppEnv } from '../context'
import { formatIssue, formatMessage } from '#shared/errors/format-issue'
import { DEFAULT_LOCALE, pickLocale } from '#shared/i18n/locale'
import { HTTPException } from 'hono/http-exception'
import { isStorageFull, MAX_INTEGER_COLUMN, refusedValue } from '../db/errors'
import { ApiError } from './api-error'
import { MAX_JSON_BYTES } from './limits'

/**
 * Every error leaves the server as JSON `{ error: { code, message, issues? } }`, with the
 * message in the request's language and never a stack trace. Unexpected errors are logged
 * here and answered as `server.internal`.
 */
export function toErrorResponse(error: Error, c: Context<AppEnv>): Response {
  const locale = c.get('locale') ?? pickLocale(c.req.header('Accept-Language')) ?? DEFAULT_LOCALE
  const refused = refusedValue(error)
  let apiError: ApiError
  if (error instanceof ApiError) {
    apiError = error
  }
  else if (error instanceof HTTPException && error.status === 413) {
    apiError = new ApiError(413, 'request.too_large', { params: { maxMb: MAX_JSON_BYTES / 1024 / 1024 } })
  }
  else if (error instanceof HTTPException && error.status === 415) {
    apiError = new ApiError(415, 'request.unsupported_media_type')
  }
  else if (error instanceof HTTPException && error.status < 500) {
    apiError = new ApiError(error.status === 400 ? 400 : error.status as 401, error.status === 400 ? 'request.malformed' : 'request.invalid')
  }
  else if (refused) {
    // The last line of defence: the checks at the edge and in the schemas should have caught it.
    console.warn(`Refused by the database, answered 400: ${c.req.method} ${c.req.path}: ${error.message}`)
    apiError = new ApiError(400, 'request.invalid', { issues: [refused === 'text' ? { path: '', code: 'text.hidden_characters' } : { path: '', code: 'field.too_large', params: { max: MAX_INTEGER_COLUMN } }] })
  }
  else if (isStorageFull(error)) {
    // Not a bug to trace: the operator must free space. The transaction rolled back, so
    // the client keeps its work and retries (a sync's mutation ids make the retry safe).
    console.error(`Storage full, answered 503: ${c.req.method} ${c.req.path}: ${error.message}`)
    apiError = new ApiError(503, 'server.storage_full')
  }
  else if (c.req.raw.signal.aborted) {
    // The client went away mid-request (an upload cut off on a weak link, as happens all day
    // in the field): nobody reads this answer, and it is no fault of the server's to log as one.
    console.warn(`Cut off by the client: ${c.req.method} ${c.req.path}`)
    apiError = new ApiError(400, 'request.malformed')
  }
  else {
    console.error(error)
    apiError = new ApiError(500, 'server.internal')
  }
  const { params, issues, extra, retryAfterSeconds } = apiError.options
  if (retryAfterSeconds !== undefined)
    c.header('Retry-After', String(retryAfterSeconds))
  return c.json({
    error: {
      code: apiError.code,
      message: formatMessage(apiError.code, params, locale),
      ...(params ? { params } : {}),
      ...(issues ? { issues: issues.map(issue => ({ ...issue, message: formatIssue(issue, locale) })) } : {}),
      ...extra,
    },
  }, apiError.status)
}
