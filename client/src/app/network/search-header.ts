/**
 * A search term travels in the `X-Search` header, never in the URL (server/http/search-header.ts):
 * a mobile or an ID number in a request line is kept by the reverse proxy's access log and
 * the browser's history. Percent-encoded, since a header carries only Latin-1.
 */
export const SEARCH_HEADER = 'X-Search'

/** The header for a search term; none for a blank one. */
export function searchHeaders(q: string | undefined): Record<string, string> {
  const term = q?.trim()
  return term ? { [SEARCH_HEADER]: encodeURIComponent(term) } : {}
}
