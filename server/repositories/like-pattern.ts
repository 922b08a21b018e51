import type { RawBuilder, SqlBool } from 'kysely'
import type { DialectName } from '../db/dialect'
import { sql } from 'kysely'

/**
 * `column` holds the user's text (matched literally, its wildcards escaped), at its start
 * (`prefix` '') or anywhere (`prefix` '%'), to its end (`suffix` '') or not (`suffix` '%'):
 * case-sensitive on both databases. PostgreSQL's LIKE is; SQLite's ignores ASCII case, so
 * there the pattern is a GLOB, which does not (and walks an ordinary index for a prefix).
 * Callers pass values in the case they are stored in (user names, actions, receipt numbers).
 */
export function likeLiteral(dialect: DialectName, column: string, prefix: '' | '%', text: string, suffix: '' | '%'): RawBuilder<SqlBool> {
  if (dialect === 'sqlite') {
    const escaped = text.replace(/[*?[]/g, '[$&]')
    const star = (wildcard: '' | '%') => (wildcard ? '*' : '')
    return sql<SqlBool>`${sql.ref(column)} glob ${`${star(prefix)}${escaped}${star(suffix)}`}`
  }
  const escaped = text.replace(/[\\%_]/g, '\\$&')
  return sql<SqlBool>`${sql.ref(column)} like ${`${prefix}${escaped}${suffix}`} escape '\\'`
}
