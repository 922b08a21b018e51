import type { MiddlewareHandler } from 'hono'

/**
 * An empty query parameter (`?status=&siteId=`) is the same as none. Forms and URLs that
 * keep their state produce them for every filter left empty; without this, each route
 * answered them its own way — ignored on one, "required" or "not an option" on another,
 * and `cursor=` read as 0. Only reads carry filters, so only GET and HEAD are rewritten.
 */
export const dropBlankQueryParams: MiddlewareHandler = async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD')
    return next()
  const url = new URL(c.req.url)
  const blank = [...url.searchParams].filter(([, value]) => value.trim() === '').map(([key]) => key)
  if (blank.length === 0)
    return next()
  // A parameter given both blank and not (`?status=&status=submitted`) keeps its values.
  const kept = [...url.searchParams].filter(([, value]) => value.trim() !== '')
  url.search = new URLSearchParams(kept).toString()
  c.req.raw = new Request(url, c.req.raw)
  return next()
}
