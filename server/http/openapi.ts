import type { Hook } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../context'
import { toQueryIssues, toValidationIssues } from '#shared/errors/zod-issues'
import { OpenAPIHono, z } from '@hono/zod-openapi'
import { ApiError } from './api-error'

/**
 * Request validation failures answer 400 `request.invalid` with every issue in the shared
 * `{ path, code, params }` form, so a client shows them like its own offline validation.
 */
const validationHook: Hook<any, AppEnv, any, any> = async (result, c) => {
  if (result.success)
    return
  throw new ApiError(400, 'request.invalid', { issues: await issuesOf(result.target, result.error, c) })
}

/**
 * The issues, read against the input as the schema was given it: whether a value was there
 * tells "missing" (field.required) from "wrong type" (field.type). A query's parameters as
 * Hono's validator hands them over (`c.req.queries()`, a parameter given once as its value),
 * not `c.req.query()`, which keeps the first of a repeated one: `?status=submitted&status=nope`
 * has its `nope` at `status.1`.
 */
async function issuesOf(target: string, error: z.ZodError, c: Context<AppEnv>) {
  if (target === 'query')
    return toQueryIssues(error, Object.fromEntries(Object.entries(c.req.queries()).map(([key, values]) => [key, values.length === 1 ? values[0]! : values])))
  const input = target === 'json' ? await c.req.json().catch(() => undefined) : target === 'param' ? c.req.param() : undefined
  return toValidationIssues(error, input)
}

export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
}

const ParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]))

const ErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  params: ParamsSchema.optional(),
  issues: z.array(z.object({ path: z.string(), code: z.string(), params: ParamsSchema.optional(), message: z.string() })).optional(),
  wipe: z.literal(true).optional().openapi({ description: 'With `auth.device_revoked`: the device must erase what it holds.' }),
})

export const ErrorBodySchema = z.object({ error: ErrorSchema }).openapi('Error')

/** The response entry for an error status in a route definition. */
export function errorResponse(description: string) {
  return { content: { 'application/json': { schema: ErrorBodySchema } }, description }
}

/**
 * An error body that may carry more than the common fields (a version conflict's record as it
 * is now), as its own component `name`. Build it once per name and pass it to `errorResponseWith`.
 */
export function errorBodyWith(name: string, extra: Record<string, z.ZodType>) {
  return z.object({ error: ErrorSchema.extend(extra) }).openapi(name)
}

export function errorResponseWith(description: string, schema: ReturnType<typeof errorBodyWith>) {
  return { content: { 'application/json': { schema } }, description }
}

export function jsonContent<T>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description }
}
