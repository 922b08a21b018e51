import type { OpenAPIHono } from '@hono/zod-openapi'
import { MAX_JSON_BYTES } from './limits'

/**
 * What the middleware in front of every route can answer (server/app.ts), added to each
 * operation of the OpenAPI document that does not declare it already — the routes written
 * later included, as the checks themselves cover them:
 * - 400 `request.invalid`: a control character in the path or query (`text.hidden_characters`,
 *   url-characters.ts), refused before any route's own validation;
 * - 413 `request.too_large`: a request body over the JSON limit (`params.maxMb`), on every
 *   route that takes one, the attachments excepted (they have the programme's own limit).
 */

type OpenAPIObject = ReturnType<OpenAPIHono['getOpenAPI31Document']>

const ERROR_REF = { $ref: '#/components/schemas/Error' }
const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete'])

export function withEdgeResponses(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (!path.startsWith('/api/'))
      continue
    for (const [method, operation] of Object.entries(item)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation))
        continue
      const responses = operation.responses as Record<string, unknown>
      responses['400'] ??= method === 'head'
        ? { description: 'A control character in the path or query' }
        : { description: 'A control character in the path or query (`request.invalid`, `text.hidden_characters`)', content: { 'application/json': { schema: ERROR_REF } } }
      if (BODY_METHODS.has(method) && !path.startsWith('/api/attachments/'))
        responses['413'] ??= { description: `A body over ${MAX_JSON_BYTES / 1024 / 1024} MB (\`request.too_large\`)`, content: { 'application/json': { schema: ERROR_REF } } }
    }
  }
  return document
}
