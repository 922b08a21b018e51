import type { RawBuilder, SqlBool } from 'kysely'
import { sql } from 'kysely'

/**
 * `column LIKE pattern ESCAPE '\'` with the user's text matched literally (its `%`, `_` and
 * `\` escaped), the same on SQLite and PostgreSQL. Matching is case-sensitive on
 * PostgreSQL, so callers pass values that are stored in one case (user names, actions).
 */
export function likeLiteral(column: string, prefix: string, text: string, suffix: string): RawBuilder<SqlBool> {
  const escaped = text.replace(/[\\%_]/g, '\\$&')
  return sql<SqlBool>`${sql.ref(column)} like ${`${prefix}${escaped}${suffix}`} escape '\\'`
}
