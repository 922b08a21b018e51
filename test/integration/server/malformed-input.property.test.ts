import type { Caller } from '../../support/fuzz/route-cases'
import type { Route } from '../../support/fuzz/routes'
import type { Segment, UrlPart } from '../../support/fuzz/url-parts'
import type { Body } from '../../support/fuzz/values'
import type { World } from '../../support/fuzz/world'
import type { TestResponse } from '../../support/test-server'
import { isErrorCode } from '#shared/errors/error-codes'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../support/databases'
import { mutate, mutationArb } from '../../support/fuzz/mutations'
import { rawArb, rawBody } from '../../support/fuzz/raw-bodies'
import { buildPath, callerFor, currentVersion, EXAMPLES, PREPARE } from '../../support/fuzz/route-cases'
import { isRead, key, readRoutes } from '../../support/fuzz/routes'
import { acceptLanguageArb, CURRENT, decodeURIComponentSafe, encodePart, ifMatchArb, queryArb, segmentArb } from '../../support/fuzz/url-parts'
import { arbitraryJsonBody } from '../../support/fuzz/values'
import { createWorld } from '../../support/fuzz/world'

/**
 * Whatever a client sends — any JSON, a valid body bent out of shape, a query string of
 * junk, a body that is not JSON at all — the server answers it as a client error in the
 * catalogue's words, never with a 5xx or a stack trace. A tablet with an old release, a
 * hand-written script or a hostile caller must not be able to tell the server's internals
 * or make it fail for everyone.
 *
 * The routes come from the app's own OpenAPI document, so a route added later is fuzzed
 * without anyone remembering to list it here. Path parameters take real ids from the
 * fixtures as well as junk: only a real id gets a request past the look-up and into the
 * handler's own checks.
 *
 * Reproduce a failure with the seed printed at the start: FUZZ_SEED=<seed> npx vitest run <this file>.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261123)

/** FUZZ_RUNS=10 searches ten times longer, for a deeper look than CI's. */
const FACTOR = Math.max(Number(process.env.FUZZ_RUNS ?? 1), 0.1)
/** Runs per route and kind of input; PostgreSQL repeats the search more briefly, for what only it refuses. */
const RUNS = {
  sqlite: { json: 32, mutation: 60, raw: 16, query: 48 },
  postgres: { json: 12, mutation: 20, raw: 8, query: 16 },
} as const

const ROUTES = await readRoutes()

// ---- Sending and judging ----------------------------------------------------------------------

/** A JS error's name and message (`TypeError: x is undefined`, `Error: …`) or a stack frame. */
const LEAKS = [/ {4}at \S/, /\b[A-Z]?[a-z]*Error: /]

interface Sent {
  route: Route
  path: string
  headers: Record<string, string>
  body?: Body
}

function describeSent(sent: Sent): string {
  const body = sent.body === undefined
    ? ''
    : sent.body.kind === 'json'
      ? ` json ${truncate(JSON.stringify(sent.body.value) ?? 'undefined')}`
      : sent.body.kind === 'text'
        ? ` ${sent.body.contentType ?? '(no type)'} ${truncate(JSON.stringify(sent.body.text))}`
        : ` ${sent.body.contentType ?? '(no type)'} ${sent.body.bytes.length} bytes`
  return `${sent.route.method} ${truncate(sent.path)} ${JSON.stringify(sent.headers)}${body}`
}

function truncate(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text
}

async function send(world: World, sent: Sent, token: string | undefined): Promise<TestResponse> {
  const headers: Record<string, string> = { ...sent.headers }
  let body: string | Uint8Array | undefined
  if (sent.body?.kind === 'json') {
    body = JSON.stringify(sent.body.value) ?? ''
    headers['Content-Type'] = 'application/json'
  }
  else if (sent.body) {
    body = sent.body.kind === 'text' ? sent.body.text : sent.body.bytes
    if (sent.body.contentType !== undefined)
      headers['Content-Type'] = sent.body.contentType
  }
  world.requests += 1
  const response = await world.server.request(sent.path, { method: sent.route.method, token, headers, body })
  const family = `${Math.floor(response.status / 100)}xx`
  world.statuses[family] = (world.statuses[family] ?? 0) + 1
  return response
}

/** The answer's contract: below 500, an error in the catalogue's words, nothing of the server's insides. */
async function judge(response: TestResponse, sent: Sent): Promise<void> {
  const text = await response.text()
  const context = `${describeSent(sent)}\n  → ${response.status} ${truncate(text, 600)}`
  if (response.status >= 500)
    throw new Error(`server error: ${context}`)
  const sentText = sent.body?.kind === 'json' ? JSON.stringify(sent.body.value) ?? '' : sent.body?.kind === 'text' ? sent.body.text : ''
  for (const leak of LEAKS) {
    if (leak.test(text) && !leak.test(sentText) && !leak.test(decodeURIComponentSafe(sent.path)))
      throw new Error(`leaks ${leak}: ${context}`)
  }
  if (response.status < 400 || sent.route.method === 'HEAD')
    return
  let parsed: { error?: { code?: unknown, message?: unknown } }
  try {
    parsed = JSON.parse(text)
  }
  catch {
    throw new Error(`error answer is not JSON: ${context}`)
  }
  const code = parsed.error?.code
  if (typeof code !== 'string' || !isErrorCode(code))
    throw new Error(`error code not in the catalogue: ${context}`)
  if (typeof parsed.error?.message !== 'string' || parsed.error.message.trim() === '')
    throw new Error(`error without a message: ${context}`)
}

// ---- The properties ---------------------------------------------------------------------------

type InputKind = 'json' | 'mutation' | 'raw' | 'query'

interface Case {
  segments: Segment[]
  ifMatch: string | typeof CURRENT | undefined
  acceptLanguage: string | undefined
  pick: number
}

function caseArb(route: Route, junk = 4): fc.Arbitrary<Case> {
  return fc.record({
    segments: fc.tuple(...route.pathParams.map(() => segmentArb(junk))),
    ifMatch: route.ifMatch ? ifMatchArb : fc.constant(undefined),
    acceptLanguage: acceptLanguageArb,
    pick: fc.nat(),
  })
}

/** What a property adds to the case: a query string, or a body (made from the route's valid example, if it has one). */
interface Extra {
  query?: Array<[UrlPart, UrlPart]>
  body?: (example: unknown) => Body
}

async function sendCase(world: World, route: Route, caller: Caller, input: Case, extra: Extra): Promise<void> {
  const prepare = PREPARE.find(([prefix]) => key(route).startsWith(prefix))
  await prepare?.[1](world)
  const built = buildPath(world, route, input.segments)
  let path = built.path
  if (extra.query?.length)
    path += `?${extra.query.map(([k, v]) => `${encodePart(k)}=${encodePart(v)}`).join('&')}`
  const headers: Record<string, string> = {}
  if (input.ifMatch !== undefined)
    headers['If-Match'] = input.ifMatch === CURRENT ? `"${await currentVersion(world, route, built.params.id ?? '')}"` : input.ifMatch
  if (input.acceptLanguage !== undefined)
    headers['Accept-Language'] = input.acceptLanguage
  const example = Object.hasOwn(EXAMPLES, key(route)) ? EXAMPLES[key(route)]!(world, built.params) : {}
  const sent: Sent = { route, path, headers, body: extra.body?.(example) }
  const response = await send(world, sent, await caller(world, input.pick))
  // A password changed by a run is the one the next run's valid example must name.
  if (key(route) === 'POST /api/me/password' && response.ok && sent.body?.kind === 'json')
    world.passwordOwner.password = (sent.body.value as { newPassword: string }).newPassword
  await judge(response, sent)
}

function kindsOf(route: Route): InputKind[] {
  if (isRead(route))
    return ['query']
  return EXAMPLES[key(route)] ? ['json', 'mutation', 'raw'] : ['json', 'raw']
}

const KIND_LABELS: Record<InputKind, string> = {
  json: 'arbitrary JSON bodies',
  mutation: 'mutations of a valid body',
  raw: 'bodies that are not JSON',
  query: 'random query strings',
}

function seedFor(label: string): number {
  let hash = SEED
  for (const char of label)
    hash = Math.imul(hash ^ char.charCodeAt(0), 16_777_619)
  return hash | 0
}

describe.each(DIALECTS)('malformed input on every route, %s', (dialect) => {
  let world: World
  let startedAt = 0

  beforeAll(async () => {
    startedAt = Date.now()
    console.info(`malformed-input fuzzing on ${dialect}: FUZZ_SEED=${SEED}`)
    world = await createWorld(dialect)
  }, 60_000)
  afterAll(async () => {
    console.info(`malformed-input fuzzing on ${dialect}: ${world?.requests ?? 0} requests ${JSON.stringify(world?.statuses ?? {})} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (FUZZ_SEED=${SEED})`)
    await world?.server.dispose()
  })

  it('finds the routes in the OpenAPI document', () => {
    expect(ROUTES.length).toBeGreaterThan(40)
    expect(ROUTES.map(key)).toEqual(expect.arrayContaining(Object.keys(EXAMPLES)))
  })

  for (const route of ROUTES) {
    for (const kind of kindsOf(route)) {
      const label = `${key(route)} · ${KIND_LABELS[kind]}`
      it(label, async () => {
        const caller = await callerFor(world, route)
        const runs = Math.ceil(RUNS[dialect][kind] * FACTOR)
        // On a machine slowed by other work the search is cut short rather than the test timed out.
        const params = { numRuns: runs, seed: seedFor(`${dialect} ${label}`), interruptAfterTimeLimit: 40_000 }
        const check = <T>(second: fc.Arbitrary<T>, extra: (value: T) => Extra, junk?: number) =>
          fc.assert(fc.asyncProperty(caseArb(route, junk), second, (input, value) => sendCase(world, route, caller, input, extra(value))), params)
        switch (kind) {
          case 'query':
            return check(queryArb(route), query => ({ query }))
          case 'json':
            return check(arbitraryJsonBody, body => ({ body: () => body }))
          case 'mutation':
            // The body is what is bent here: paths stay mostly real, so the bent body meets a real record.
            return check(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), mutations => ({ body: example => ({ kind: 'json', value: mutations.reduce<unknown>((value, m) => mutate(value, m), example) }) }), 1)
          case 'raw':
            return check(rawArb, raw => ({ body: example => rawBody(raw, JSON.stringify(example)) }))
        }
      }, 90_000)
    }
  }
})
