/**
 * A list in a query string (`?status=submitted,in_review`, `?status=submitted&status=in_review`):
 * the parameter repeated, or its values separated by commas, or both; each value trimmed, blank
 * ones dropped. One reading for the server's list parameters (`listParam`) and for the issues
 * about them (`toQueryIssues`), so the item an issue's path points at (`status.1`) is the one
 * that was refused.
 */
export function queryListItems(value: string | readonly string[]): string[] {
  return (typeof value === 'string' ? [value] : value).flatMap(part => part.split(',')).map(item => item.trim()).filter(Boolean)
}
