/**
 * The page to show instead when a list was asked for a page past its end (a link kept
 * from when the list was longer, or typed): the last page. Null when the page is fine —
 * including an empty list, whose only page is the first.
 */
export function lastPageIfBeyond(page: number, pageSize: number, total: number): number | null {
  const last = Math.max(1, Math.ceil(total / pageSize))
  return page > last ? last : null
}
