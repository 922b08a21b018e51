import type { Route } from '../../support/fuzz/routes'
import type { World } from '../../support/fuzz/world'
import type { JsonSchema } from '../../support/openapi-schema'
import type { TestResponse } from '../../support/test-server'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_JSON_BYTES } from '../../../server/http/limits'
import { purgeExpiredRecords } from '../../../server/services/retention.service'
import { signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { buildPath, callerFor, currentVersion, EXAMPLES, PREPARE } from '../../support/fuzz/route-cases'
import { key, readRoutes } from '../../support/fuzz/routes'
import { QUERY_EXAMPLES } from '../../support/fuzz/url-parts'
import { createWorld, ensureInReview } from '../../support/fuzz/world'
import { schemaErrors } from '../../support/openapi-schema'
import { deskApplication, pushApplication, reviewAction } from '../../support/review-fixtures'
import { agentApplication, pushBody, resubmit, submit, SYNC_SITE_ID, withdraw } from '../../support/sync-fixtures'
import { createTestServer, TEST_PASSWORD } from '../../support/test-server'

/**
 * The server answers as its OpenAPI description says. Every route in `/api/openapi.json` is
 * called in realistic states — a valid request as each role and signed out, an unknown id, a
 * body that is not what the route takes, a stale or missing If-Match — and each answer is held
 * to the document: its status is one the route declares; a JSON body validates against the
 * schema declared for that status, with no field the document does not name; a file comes in
 * a declared content type with the headers declared as required. Third parties and our own
 * clients are written against that document, not against the handlers.
 *
 * The routes come from the document itself, so a route added later is held to it too.
 */

const ROUTES = await readRoutes()

interface OpenApiResponse {
  content?: Record<string, { schema?: JsonSchema }>
  headers?: Record<string, { required?: boolean }>
}
interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, OpenApiResponse> }>>
  components: { schemas: Record<string, JsonSchema> }
}

const DOC = await (async () => {
  const server = await createTestServer('sqlite')
  try {
    return await (await server.request('/api/openapi.json')).json() as OpenApiDocument
  }
  finally {
    await server.dispose()
  }
})()

/** Routes that need another record than the fuzzing's: a returned application is the only one an agent may fetch. */
let returnedId = ''
/** Returned, then resubmitted with a change: the one version comparisons are made on. */
let resubmittedId = ''
const REAL_PARAMS: Record<string, () => Record<string, string>> = {
  'GET /api/sync/applications/{id}': () => ({ id: returnedId }),
  'GET /api/review/applications/{id}/version-changes': () => ({ id: resubmittedId }),
}

let published = 0
/** Valid bodies the fuzzing's examples do not give: the same programme again is `programme.unchanged`, never published. */
const BODIES: Record<string, () => unknown> = {
  'PUT /api/admin/programme': () => ({ ...structuredClone(DEFAULT_PROGRAMME), name: { 'zh-CN': `会员计划 ${++published}`, 'en': `Membership programme ${published}` } }),
}

const UNKNOWN_UUID = '0190f3c4-0000-7000-8000-000000000000'
const UNKNOWN_SHA256 = 'f'.repeat(64)

/** Queries each route answers in full: the fuzzing's examples, and what the others require. */
const QUERIES: Record<string, Array<Record<string, string>>> = {
  '/api/review/applications/{id}': [{}, { reveal: 'true' }],
  '/api/review/applications/{id}/versions/{version}': [{}, { reveal: 'true' }],
  '/api/review/applications/{id}/version-changes': [{ from: '1', to: '2' }, { from: '1', to: '4' }, { from: '1', to: '4', reveal: 'true' }, { from: '1', to: '3', reveal: 'true' }, { from: '2', to: '1' }, { from: '1', to: '99' }],
  '/api/members/{id}': [{}, { reveal: 'true' }],
  '/api/exports/applications': [{ format: 'csv' }, { format: 'xlsx', full: 'true' }, QUERY_EXAMPLES['/api/exports/applications']!],
  '/api/exports/members': [{ format: 'csv' }, { format: 'xlsx', full: 'true' }, QUERY_EXAMPLES['/api/exports/members']!],
  '/api/exports/members/{id}/personal-copy': [{ format: 'csv' }, { format: 'xlsx' }],
  '/api/stats/daily-report/export': [{ date: '2026-11-23', format: 'csv' }, { date: '2026-11-23', format: 'xlsx' }],
  '/api/stats/overview': [QUERY_EXAMPLES['/api/stats/overview']!, { from: '2026-11-30', to: '2026-11-01' }],
  '/api/sync/pull': [{}, QUERY_EXAMPLES['/api/sync/pull']!, { cursor: '999999' }],
  '/api/admin/audit/verify': [{}, QUERY_EXAMPLES['/api/admin/audit/verify']!],
}

let world: World
/** Applications in other states than the one the route's calls use (resolved when the call is made). */
const STATE_IDS = {
  submitted: () => world.submittedId,
  approved: () => world.memberApplicationId,
  returned: () => returnedId,
  duplicate: () => world.duplicate.applicationId,
  resubmitted: () => resubmittedId,
}

function queriesOf(route: Route): Array<Record<string, string>> {
  return QUERIES[route.path] ?? [QUERY_EXAMPLES[route.path] ?? {}, ...(QUERY_EXAMPLES[route.path] ? [{}] : [])]
}

type Who = 'signed out' | 'revoked device' | 'agent' | 'reviewer' | 'supervisor' | 'admin' | 'allowed'
const ROLES: Who[] = ['signed out', 'revoked device', 'agent', 'reviewer', 'supervisor', 'admin']

/** An agent's session on a device the administrator revoked: every route tells it to wipe itself. */
let revokedToken = ''

function tokenOf(world: World, who: Exclude<Who, 'allowed'>): string | undefined {
  return { 'signed out': undefined, 'revoked device': revokedToken, 'agent': world.agent.token, 'reviewer': world.reviewer, 'supervisor': world.supervisor, 'admin': world.admin }[who]
}

interface Call {
  route: Route
  who: Who
  /** Path parameters replaced (`id` → an unknown one); the real ones otherwise. */
  params?: Record<string, string>
  query?: Record<string, string>
  body?: 'example' | 'empty' | 'not json' | 'none' | { json: (world: World) => unknown } | { contentType: string, bytes: Uint8Array }
  ifMatch?: 'current' | 'stale' | 'none'
  label: string
}

/** Everything wrong with the answer, in words; empty when the document describes it. */
async function differences(route: Route, response: TestResponse): Promise<string[]> {
  const operation = DOC.paths[route.path]?.[route.method.toLowerCase()]
  if (!operation)
    return ['the document has no such operation']
  const declared = operation.responses[String(response.status)]
  const text = route.method === 'HEAD' ? '' : await response.text()
  if (!declared)
    return [`status ${response.status} is not declared (declared: ${Object.keys(operation.responses).join(', ')}); body ${text.slice(0, 300)}`]
  const problems: string[] = []
  for (const [name, header] of Object.entries(declared.headers ?? {})) {
    if (header.required && !response.headers.has(name))
      problems.push(`header ${name} is declared required, not sent`)
  }
  const content = declared.content
  const contentType = response.headers.get('content-type')?.split(';')[0]?.trim()
  if (!content) {
    if (text !== '')
      problems.push(`no body declared for ${response.status}, got ${contentType}: ${text.slice(0, 200)}`)
    return problems
  }
  if (route.method === 'HEAD')
    return problems
  if (!contentType || !Object.hasOwn(content, contentType))
    return [...problems, `content type ${contentType} is not declared for ${response.status} (declared: ${Object.keys(content).join(', ')})`]
  if (contentType !== 'application/json')
    return problems
  let body: unknown
  try {
    body = JSON.parse(text)
  }
  catch {
    return [...problems, `declared JSON, got ${text.slice(0, 200)}`]
  }
  const schema = content[contentType]!.schema
  if (schema)
    problems.push(...schemaErrors(body, schema, DOC.components.schemas).slice(0, 12))
  return problems
}

async function send(world: World, call: Call): Promise<{ status: number, problems: string[] }> {
  const { route } = call
  const prepare = PREPARE.find(([prefix]) => key(route).startsWith(prefix))
  await prepare?.[1](world)
  const built = buildPath(world, route, route.pathParams.map(() => ({ real: 0 })))
  let path = built.path
  const params = { ...built.params }
  for (const [name, value] of Object.entries({ ...REAL_PARAMS[key(route)]?.(), ...call.params })) {
    path = path.replace(encodeURIComponent(built.params[name]!), encodeURIComponent(value))
    params[name] = value
  }
  const query = new URLSearchParams(call.query ?? {}).toString()
  if (query)
    path += `?${query}`
  const headers: Record<string, string> = {}
  const ifMatch = call.ifMatch ?? 'current'
  if (route.ifMatch && ifMatch !== 'none')
    headers['If-Match'] = ifMatch === 'stale' ? '"1"' : `"${await currentVersion(world, route, params.id ?? '')}"`
  let body: string | Uint8Array | undefined
  const bodyKind = call.body ?? (route.method === 'GET' || route.method === 'HEAD' ? 'none' : 'example')
  if (typeof bodyKind === 'object' && 'json' in bodyKind)
    body = JSON.stringify(bodyKind.json(world))
  else if (typeof bodyKind === 'object')
    body = bodyKind.bytes
  else if (bodyKind === 'example' && Object.hasOwn(BODIES, key(route)))
    body = JSON.stringify(BODIES[key(route)]!())
  else if (bodyKind === 'example' && Object.hasOwn(EXAMPLES, key(route)))
    body = JSON.stringify(EXAMPLES[key(route)]!(world, params))
  else if (bodyKind === 'empty')
    body = '{}'
  else if (bodyKind === 'not json')
    body = '{"unfinished": '
  if (body !== undefined)
    headers['Content-Type'] = 'application/json'
  if (typeof bodyKind === 'object' && 'contentType' in bodyKind) {
    headers['Content-Type'] = bodyKind.contentType
  }
  else if (key(route) === 'PUT /api/attachments/{sha256}') {
    // The attachment route takes the file itself, not JSON: the one on disk, sent again.
    headers['Content-Type'] = 'image/jpeg'
    body = undefined
  }
  const token = call.who === 'allowed' ? await (await callerFor(world, route))(world, 0) : tokenOf(world, call.who)
  const response = await world.server.request(path, { method: route.method, token, headers, body })
  if (key(route) === 'POST /api/me/password' && response.status === 200 && typeof body === 'string')
    world.passwordOwner.password = (JSON.parse(body) as { newPassword: string }).newPassword
  return { status: response.status, problems: await differences(route, response) }
}

const wrongPassword = { json: () => ({ username: 'fuzz.login', password: 'not the password', deviceId: 'fuzz-login-tablet' }) }

/** States the calls above do not reach: other records, a lock-out, files that are not what they say, sync conflicts. */
const EXTRA_CALLS: Record<string, (route: Route) => Call[]> = {
  'POST /api/auth/login': route => [
    ...Array.from({ length: 6 }, (_, i): Call => ({ route, who: 'signed out', body: wrongPassword, label: `wrong password #${i + 1}` })),
    { route, who: 'signed out', body: { json: () => ({ username: 'nobody.here', password: 'some password', deviceId: 'fuzz-login-tablet' }) }, label: 'an unknown user' },
  ],
  'POST /api/me/password': route => [
    { route, who: 'allowed', body: { json: () => ({ currentPassword: 'not the password', newPassword: 'a new long password' }) }, label: 'a wrong current password' },
    { route, who: 'allowed', body: { json: (w: World) => ({ currentPassword: w.passwordOwner.password, newPassword: 'short' }) }, label: 'a new password too short' },
  ],
  'PUT /api/attachments/{sha256}': route => [
    { route, who: 'allowed', body: { contentType: 'text/plain', bytes: new TextEncoder().encode('not a photo') }, label: 'text as a file' },
    { route, who: 'allowed', params: { sha256: UNKNOWN_SHA256 }, body: { contentType: 'image/jpeg', bytes: new Uint8Array([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]) }, label: 'a JPEG whose hash is not its name' },
  ],
  'POST /api/sync/push': route => [
    { route, who: 'allowed', body: { json: (w: World) => pushBody([withdraw(returnedIdOf(w), 1)]) }, label: 'a withdrawal on a stale version' },
    { route, who: 'allowed', body: { json: (w: World) => pushBody([submit(agentApplication(w.agent, ++w.pushSeq, { person: { mobile: 'not a mobile' } }))]) }, label: 'an application the rules refuse' },
    { route, who: 'allowed', body: { json: () => ({ protocolVersion: 99, mutations: [] }) }, label: 'a protocol version from the future' },
  ],
}

function returnedIdOf(_world: World): string {
  return returnedId
}

/** The calls made on a route: each role with a valid request, then the allowed role's ways of going wrong. */
function callsOf(route: Route): Call[] {
  const calls: Call[] = []
  const k = key(route)
  // Logout ends the session it is sent with: only sessions minted for it (route-cases) are used up.
  // Every role changes its own password: only the account kept for it does, so the others still sign in.
  const roles: Who[] = k === 'POST /api/auth/logout' || k === 'POST /api/me/password' ? ['signed out', 'revoked device', 'allowed'] : k === 'POST /api/auth/login' ? ['signed out'] : [...ROLES, 'allowed']
  const queries = queriesOf(route)
  for (const who of roles) {
    for (const query of who === 'allowed' || who === 'reviewer' || who === 'supervisor' ? queries : queries.slice(0, 1))
      calls.push({ route, who, query, label: `as ${who}${Object.keys(query).length ? ` ?${new URLSearchParams(query)}` : ''}` })
  }
  const query = queries[0]
  if (route.method === 'GET' && route.path.startsWith('/api/review/applications/{id}')) {
    for (const state of ['submitted', 'approved', 'returned', 'duplicate', 'resubmitted'] as const)
      calls.push({ route, who: 'allowed', query, params: { id: STATE_IDS[state]() }, label: `an application ${state}` })
  }
  for (const param of route.pathParams) {
    const unknown = param.name === 'sha256' ? UNKNOWN_SHA256 : param.name === 'version' ? '99' : param.name === 'operation' ? undefined : UNKNOWN_UUID
    if (unknown !== undefined)
      calls.push({ route, who: 'allowed', query, params: { [param.name]: unknown }, label: `an unknown ${param.name}` })
    for (const value of param.enum) {
      for (const who of ['reviewer', 'supervisor'] as const)
        calls.push({ route, who, query, params: { [param.name]: value }, label: `${param.name} ${value} as ${who}` })
    }
  }
  if (route.method !== 'GET' && route.method !== 'HEAD' && k !== 'PUT /api/attachments/{sha256}') {
    calls.push({ route, who: 'allowed', query, body: 'empty', label: 'an empty object for a body' })
    calls.push({ route, who: 'allowed', query, body: 'not json', label: 'a body that is not JSON' })
    calls.push({ route, who: 'allowed', query, body: 'none', label: 'no body' })
  }
  if (route.ifMatch) {
    calls.push({ route, who: 'allowed', query, ifMatch: 'none', label: 'no If-Match' })
    calls.push({ route, who: 'allowed', query, ifMatch: 'stale', label: 'a stale If-Match' })
  }
  // Refused before any route sees them, so every route can answer them.
  calls.push({ route, who: 'allowed', query: { ...query, note: 'a\u0000b' }, label: 'a control character in the query' })
  if (route.method !== 'GET' && route.method !== 'HEAD' && k !== 'PUT /api/attachments/{sha256}')
    calls.push({ route, who: 'allowed', query, body: { json: () => ({ padding: 'x'.repeat(MAX_JSON_BYTES) }) }, label: 'a body over the JSON limit' })
  calls.push(...(EXTRA_CALLS[k]?.(route) ?? []))
  return calls
}

describe('the checker', () => {
  const components = { Item: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, note: { type: ['string', 'null'] } }, required: ['id'] } }
  const item = { $ref: '#/components/schemas/Item' }

  it('accepts what the document describes', () => {
    expect(schemaErrors({ id: UNKNOWN_UUID, note: null }, item, components)).toEqual([])
    expect(schemaErrors(null, { anyOf: [item, { type: 'null' }] }, components)).toEqual([])
    expect(schemaErrors({ id: UNKNOWN_UUID, extra: 1 }, { allOf: [item, { type: 'object', properties: { extra: { type: 'integer' } } }] }, components)).toEqual([])
  })

  it('reports a field the document does not name, a missing one, a wrong type or null, and a keyword it does not know', () => {
    expect(schemaErrors({ id: UNKNOWN_UUID, purgedAt: null }, item, components)).toEqual(['$.purgedAt: not in the document'])
    expect(schemaErrors({ note: 'x' }, item, components)).toEqual(['$.id: required by the document, missing'])
    expect(schemaErrors({ id: 'x', note: 3 }, item, components)).toHaveLength(2)
    expect(schemaErrors(null, { allOf: [item, { type: ['object', 'null'] }] }, components)).not.toEqual([])
    expect(schemaErrors('x', { type: 'string', contentMediaType: 'text/plain' }, components)).toEqual(['$: the checker does not know the keyword "contentMediaType"'])
  })
})

describe.each(DIALECTS)('the OpenAPI description against the answers, %s', (dialect) => {
  beforeAll(async () => {
    world = await createWorld(dialect)
    // A returned application, for the agent's fetch of one; then another in review for the decisions.
    returnedId = world.inReviewId
    const returned = await reviewAction(world.server, world.supervisor, returnedId, 'return', 2, EXAMPLES['POST /api/review/applications/{id}/actions/return']!(world, {}))
    expect(returned.status).toBe(200)
    await ensureInReview(world)
    // One resubmitted with a new mobile, so version comparisons have changes to show (v1 → v4).
    const fixed = deskApplication(world.agent, 900, SYNC_SITE_ID)
    await pushApplication(world.server, world.agent, fixed)
    expect((await reviewAction(world.server, world.supervisor, fixed.id, 'start_review', 1)).status).toBe(200)
    expect((await reviewAction(world.server, world.supervisor, fixed.id, 'return', 2, EXAMPLES['POST /api/review/applications/{id}/actions/return']!(world, {}))).status).toBe(200)
    const resubmitted = await world.server.request('/api/sync/push', { method: 'POST', token: world.agent.token, json: pushBody([resubmit({ ...fixed, person: { ...fixed.person, mobile: '13912345678' } }, 3)]) })
    expect((await resubmitted.json()).results[0].outcome).toBe('applied')
    resubmittedId = fixed.id
    await world.server.createStaff('contract.revoked', 'field_agent', [SYNC_SITE_ID])
    const revoked = await world.server.signIn('contract.revoked')
    revokedToken = revoked.token
    expect((await world.server.request(`/api/admin/devices/${revoked.deviceId}/revoke`, { method: 'POST', token: world.admin })).status).toBe(200)
  }, 60_000)
  afterAll(() => world?.server.dispose())

  it('finds the routes in the document', () => {
    expect(ROUTES.length).toBeGreaterThan(40)
  })

  for (const route of ROUTES) {
    it(`${key(route)} answers as documented`, async () => {
      const mismatches: string[] = []
      const statuses = new Set<number>()
      for (const call of callsOf(route)) {
        const { status, problems } = await send(world, call)
        statuses.add(status)
        for (const problem of problems)
          mismatches.push(`${call.label} → ${status}: ${problem}`)
      }
      expect(mismatches).toEqual([])
      // A route whose every answer is an error proves little about its success schema.
      expect([...statuses].some(status => status < 300), `statuses ${[...statuses].join(', ')}`).toBe(true)
    }, 60_000)
  }

  it('answers as documented about records whose personal data was purged', async () => {
    // Thirty years on, every decided record is past its retention period.
    world.server.clock.advance(30 * 366 * 86_400_000)
    const report = await purgeExpiredRecords(world.server.deps)
    expect(report.purged.members).toBeGreaterThan(0)
    expect(report.purged.applications).toBeGreaterThan(0)
    // The sessions ran out meanwhile.
    world.agent = { ...world.agent, token: (await world.server.signIn('fuzz.agent', TEST_PASSWORD, world.agent.deviceId)).token }
    world.reviewer = (await world.server.signIn('fuzz.reviewer')).token
    world.supervisor = (await world.server.signIn('fuzz.supervisor')).token
    world.admin = (await signInAdmin(world.server)).token
    const db = world.server.database.db
    const purgedApplication = (await db.selectFrom('applications').select('id').where('purged_at', 'is not', null).executeTakeFirstOrThrow()).id
    const purgedMember = (await db.selectFrom('members').select('id').where('purged_at', 'is not', null).executeTakeFirstOrThrow()).id
    const purgedCalls = (route: Route): Call[] => {
      if (!route.pathParams.some(p => p.name === 'id'))
        return []
      const id = route.path.includes('/members/') ? purgedMember : purgedApplication
      return (['allowed', 'reviewer', 'supervisor'] as const).map(who => ({ route, who, query: queriesOf(route)[0], params: { id }, label: `a purged record as ${who}` }))
    }
    const mismatches: string[] = []
    const statuses = new Set<number>()
    for (const route of ROUTES.filter(r => r.method === 'GET')) {
      for (const call of [...callsOf(route).filter(c => c.who !== 'revoked device' && c.who !== 'signed out'), ...purgedCalls(route)]) {
        const { status, problems } = await send(world, call)
        statuses.add(status)
        mismatches.push(...problems.map(problem => `${key(route)} ${call.label} → ${status}: ${problem}`))
      }
    }
    expect(mismatches).toEqual([])
    expect([...statuses]).toContain(410)
  }, 120_000)
})
