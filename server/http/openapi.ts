import type { Hook } from '@hono/zod-openapi'
import type { AppEnv } from '../context'
import { toValidationIssues } from '#shared/errors/zod-issues'
import { OpenAPIHono, z } from '@hono/zod-openapi'
import { ApiError } from './api-error'

/**
 * Request validation failures answer 400 `request.invalid` with every issue in the shared
 * `{ path, code, params }` form, so a client shows them like its own offline validation.
 */
const validationHook: Hook<any, AppEnv, any, any> = async (result, c) => {
  if (result.success)
    return
  // The raw input tells "missing" (field.required) from "wrong type" (field.type).
  const input = result.target === 'json'
    ? await c.req.json().catch(() => undefined)
    : result.target === 'query' ? c.req.query() : result.target === 'param' ? c.req.param() : undefined
  throw new ApiError(400, 'request.invalid', { issues: toValidationIssues(result.error, input) })
}

export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
}

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
  }),
}).openapi('Error')

/** The response entry for an error status in a route definition. */
export function errorResponse(description: string) {
  return { content: { 'application/json': { schema: ErrorBodySchema } }, description }
}

export function jsonContent<T>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description }
}
