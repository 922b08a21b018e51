import type { ValidationIssue } from '#shared/errors/issue'
import type { MiddlewareHandler } from 'hono'
import { hasControlCharacters } from '#shared/text/hidden-characters'
import { ApiError } from './api-error'

/**
 * A control character in a request's path or query (\`/api/members/%00\`, \`?siteId=%00\`)
 * is refused before any route sees it, as it is in every text of a body. Ids and filters
 * reach SQL as they are, and PostgreSQL cannot take a NUL in a text parameter: it answered
 * such a request with 500 where SQLite answered 404. One check at the edge covers every
 * route, the ones written later included.
 */
export const refuseControlCharactersInUrl: MiddlewareHandler = async (c, next) => {
  const url = new URL(c.req.url)
  const issues: ValidationIssue[] = []
  if (url.pathname.split('/').some(segment => hasControlCharacters(decoded(segment))))
    issues.push({ path: 'path', code: 'text.hidden_characters' })
  for (const [key, value] of url.searchParams) {
    // A name that is itself unreadable is named as the query.
    const badKey = hasControlCharacters(key)
    if (badKey || hasControlCharacters(value))
      issues.push({ path: badKey ? 'query' : key, code: 'text.hidden_characters' })
  }
  if (issues.length)
    throw new ApiError(400, 'request.invalid', { issues })
  return next()
}

/** A segment as the router reads it; one that is not valid percent-encoding is left as it is. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment)
  }
  catch {
    return segment
  }
}
