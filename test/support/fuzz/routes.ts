import { createTestServer } from '../test-server'

/** The API's routes, read from the app's own OpenAPI document: a route added later is fuzzed without being listed anywhere. */

interface OpenApiParameter {
  in: 'path' | 'query' | 'header' | 'cookie'
  name: string
  schema?: { enum?: unknown[] }
}

export interface Route {
  method: string
  path: string
  pathParams: Array<{ name: string, enum: string[] }>
  query: Array<{ name: string, enum: string[] }>
  ifMatch: boolean
}

export const key = (route: { method: string, path: string }) => `${route.method} ${route.path}`

/** Routes whose success changes what every other route relies on (the programme in force): fuzzed last. */
const LAST = new Set(['PUT /api/admin/programme'])

export async function readRoutes(): Promise<Route[]> {
  const server = await createTestServer('sqlite')
  try {
    const doc = await (await server.request('/api/openapi.json')).json() as { paths: Record<string, Record<string, { parameters?: OpenApiParameter[] }>> }
    const routes = Object.entries(doc.paths).flatMap(([path, operations]) => Object.entries(operations).map(([method, operation]): Route => {
      const parameters = operation.parameters ?? []
      const of = (where: OpenApiParameter['in']) => parameters.filter(p => p.in === where).map(p => ({ name: p.name, enum: (p.schema?.enum ?? []).map(String) }))
      return {
        method: method.toUpperCase(),
        path,
        pathParams: of('path'),
        query: of('query'),
        ifMatch: parameters.some(p => p.in === 'header' && p.name.toLowerCase() === 'if-match'),
      }
    }))
    return [...routes.filter(r => !LAST.has(key(r))), ...routes.filter(r => LAST.has(key(r)))]
  }
  finally {
    await server.dispose()
  }
}

export const isRead = (route: Route) => route.method === 'GET' || route.method === 'HEAD'
