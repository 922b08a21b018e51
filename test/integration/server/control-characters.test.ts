import type { MutationResult } from '#shared/sync/protocol'
import type { Route } from '../../support/fuzz/routes'
import type { World } from '../../support/fuzz/world'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../support/databases'
import { buildPath, callerFor, currentVersion, EXAMPLES, PREPARE } from '../../support/fuzz/route-cases'
import { key, readRoutes } from '../../support/fuzz/routes'
import { createWorld } from '../../support/fuzz/world'

/**
 * A control character in any text a client sends is refused by the schema, at that field —
 * on SQLite as on PostgreSQL. PostgreSQL cannot store a NUL at all and SQLite stores it
 * silently, so a field no schema checked would behave differently on the two databases
 * (refused by PostgreSQL with no field named, kept by SQLite to surface later in an export or
 * on a card). Every string in every write route's valid example body is tried in turn.
 */

const ROUTES = (await readRoutes()).filter(route => Object.hasOwn(EXAMPLES, key(route)))

/** Every string leaf of a JSON value, by dot path. */
function stringLeaves(value: unknown, path: string[] = []): string[][] {
  if (typeof value === 'string')
    return [path]
  if (value === null || typeof value !== 'object')
    return []
  return Object.entries(value).flatMap(([k, child]) => stringLeaves(child, [...path, k]))
}

function withLeaf(value: unknown, path: string[], replace: (text: string) => string): unknown {
  const copy = structuredClone(value) as Record<string, unknown>
  let node = copy
  for (const segment of path.slice(0, -1))
    node = node[segment] as Record<string, unknown>
  node[path.at(-1)!] = replace(node[path.at(-1)!] as string)
  return copy
}

/** Each concrete path a route is called on: one per value of an enumerated parameter (member operations). */
function variants(route: Route): Array<Array<{ real: number }>> {
  const counts = route.pathParams.map(param => Math.max(param.enum.length, 1))
  const total = counts.reduce((a, b) => a * b, 1)
  return Array.from({ length: total }, (_, n) => counts.map((count) => {
    const real = n % count
    n = Math.floor(n / count)
    return { real }
  }))
}

/**
 * Puts the member where the operation applies (a lost card to reissue, a VIP to change level,
 * marketing consent to withdraw), so the request meets the body's checks and not a state's.
 */
async function memberReadyFor(world: World, operation: string | undefined): Promise<void> {
  const ready: Record<string, Partial<{ card_status: string, category: string, level: string, marketing: number }>> = {
    reissue: { card_status: 'lost' },
    change_level: { category: 'vip', level: 'silver' },
    withdraw_marketing: { marketing: 1 },
  }
  if (operation && Object.hasOwn(ready, operation))
    await world.server.database.db.updateTable('members').set(ready[operation]!).where('id', '=', world.memberId).execute()
}

let publications = 0

interface Answer { status: number, code?: string, issues: Array<{ path: string, code: string }> }

async function sendWith(world: World, route: Route, segments: Array<{ real: number }>, leaf: string[] | null): Promise<{ path: string, answer: Answer }> {
  await PREPARE.find(([prefix]) => key(route).startsWith(prefix))?.[1](world)
  const built = buildPath(world, route, segments)
  await memberReadyFor(world, built.params.operation)
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (route.ifMatch)
    headers['If-Match'] = `"${await currentVersion(world, route, built.params.id ?? '')}"`
  const example = EXAMPLES[key(route)]!(world, built.params)
  // Publishing the programme in force again is refused as unchanged: each publication renames it.
  if (key(route) === 'PUT /api/admin/programme')
    (example as { name: { en: string } }).name.en += ` ${++publications}`
  const body = leaf ? withLeaf(example, leaf, text => `${text.slice(0, 1)}\u0000${text.slice(1)}`) : example
  // The second choice where there is one: a supervisor, who may take every desk action.
  const token = await (await callerFor(world, route))(world, 1)
  const response = await world.server.request(built.path, { method: route.method, token, headers, body: JSON.stringify(body) })
  // A password changed here is the one the next request must name as the current one.
  if (key(route) === 'POST /api/me/password' && response.ok)
    world.passwordOwner.password = (body as { newPassword: string }).newPassword
  const json = await response.json().catch(() => ({})) as { error?: { code?: string, issues?: Answer['issues'] }, results?: MutationResult[] }
  // A push answers each mutation on its own: a refused application is a 200 naming its issues.
  const result = json.results?.[0]
  if (response.status === 200 && result?.outcome === 'rejected')
    return { path: built.path, answer: { status: 400, issues: result.issues.map(issue => ({ ...issue, path: `mutations.0.application.${issue.path}` })) } }
  return { path: built.path, answer: { status: response.status, code: json.error?.code, issues: json.error?.issues ?? [] } }
}

/** Secrets are compared or hashed, never stored or shown: a wrong one is a 401, a new one the password policy's to judge. */
const SECRETS = new Set(['password', 'currentPassword', 'newPassword'])

describe.each(DIALECTS)('control characters in request bodies, %s', (dialect) => {
  let world: World

  beforeAll(async () => {
    world = await createWorld(dialect)
  }, 60_000)
  afterAll(async () => {
    await world?.server.dispose()
  })

  it('has write routes with string fields to try', () => {
    expect(ROUTES.length).toBeGreaterThan(12)
  })

  for (const route of ROUTES) {
    it(`${key(route)}: a NUL in any text is refused at its field`, async () => {
      const wrong: string[] = []
      for (const segments of variants(route)) {
        // The example itself goes through, so a refusal below is the NUL's doing.
        const { path, answer } = await sendWith(world, route, segments, null)
        if (answer.status >= 300)
          wrong.push(`${route.method} ${path}, the example itself: ${answer.status} ${answer.code} ${JSON.stringify(answer.issues)}`)
        const example = EXAMPLES[key(route)]!(world, buildPath(world, route, segments).params)
        for (const leaf of stringLeaves(example)) {
          const { path, answer } = await sendWith(world, route, segments, leaf)
          const field = leaf.join('.')
          const named = answer.issues.some(issue => issue.path === field)
          const refusedAsSecret = SECRETS.has(leaf.at(-1)!) && answer.status >= 400 && answer.status < 500
          if (!(answer.status === 400 && named) && !refusedAsSecret)
            wrong.push(`${route.method} ${path} ${field}: ${answer.status} ${answer.code} ${JSON.stringify(answer.issues)}`)
        }
      }
      expect(wrong).toEqual([])
    }, 60_000)
  }
})
