import type { Context } from 'hono'
import type { ZodType } from 'zod'
import { toValidationIssues } from '#shared/errors/zod-issues'
import { hasControlCharacters } from '#shared/text/hidden-characters'
import { z } from '@hono/zod-openapi'
import { ApiError } from './api-error'

/**
 * A search term sent in the `X-Search` header instead of `?q=`. A member is looked up by
 * their mobile or ID number, an agent's application by a mobile: in a URL those land in the
 * access log of the reverse proxy in front of the server (nginx and the like keep every
 * request line by default) and in the browser's history, where PIPL expects them not to be
 * kept; a request header is logged by neither by default. The desk and the tablet send
 * their searches this way; `?q=` still works for scripts that use it. The header holds the
 * term percent-encoded (encodeURIComponent: a header carries only Latin-1), and is checked
 * by the same schema as the query's `q` (control characters refused, as in a URL), its
 * problems reported under `q`. A blank header is no search, as a blank `?q=` is.
 */
export const SEARCH_HEADER = 'X-Search'

/** The header in a route's OpenAPI description. */
export const SearchHeaderSchema = z.object({
  'x-search': z.string().max(1024).optional().openapi({ description: 'The search term, percent-encoded, in place of `q`: kept out of URLs and so out of access logs and browser history. Takes precedence over `q`.' }),
})

export function withSearchHeader<Q extends { q?: string | undefined }>(c: Context, query: Q, qSchema: ZodType<string | undefined>): Q {
  const raw = c.req.header(SEARCH_HEADER)
  if (raw === undefined)
    return query
  let term: string
  try {
    term = decodeURIComponent(raw)
  }
  catch {
    throw new ApiError(400, 'request.invalid', { issues: [{ path: 'q', code: 'field.invalid' }] })
  }
  // Blank, as typed or once decoded (`%20`), is no search: as a blank `?q=` is (blank-query.ts).
  if (term.trim() === '')
    return query
  // As in a URL (url-characters.ts): control characters are refused, not searched for.
  if (hasControlCharacters(term))
    throw new ApiError(400, 'request.invalid', { issues: [{ path: 'q', code: 'text.hidden_characters' }] })
  const parsed = qSchema.safeParse(term)
  if (!parsed.success)
    throw new ApiError(400, 'request.invalid', { issues: toValidationIssues(parsed.error, term).map(issue => ({ ...issue, path: issue.path ? `q.${issue.path}` : 'q' })) })
  return { ...query, q: parsed.data }
}
