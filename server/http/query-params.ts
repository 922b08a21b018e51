import { queryInteger } from '#shared/schemas/query-integer'
import { queryListItems } from '#shared/schemas/query-list'
import { z } from '@hono/zod-openapi'
import { MAX_INTEGER_COLUMN } from '../db/errors'

/** Query-string building blocks shared by the list routes. */

/** `true` or `false`. */
export const flagParam = z.enum(['true', 'false']).transform(value => value === 'true')

/** One or several of `values`: the parameter repeated, or separated by commas. */
export function listParam<T extends readonly [string, ...string[]]>(values: T) {
  return z.union([z.string(), z.array(z.string())])
    .transform(queryListItems)
    .pipe(z.array(z.enum(values)).min(1))
    .openapi({ description: `One or several of: ${values.join(', ')} (repeat the parameter or separate with commas).` })
}

/** 1-based pages of at most 100, in plain decimal digits (`field.digits`: not `0x10`, `1e2`). */
export const pageParams = {
  page: queryInteger({ min: 1 }).default(1),
  pageSize: queryInteger({ min: 1, max: 100 }).default(20),
}

/**
 * A record's version in a path (`…/versions/3`). Versions are stored as 32-bit integers:
 * a larger number names no version, and PostgreSQL refuses to compare it with one.
 */
export const versionParam = queryInteger({ min: 1, max: MAX_INTEGER_COLUMN })
