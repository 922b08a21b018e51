import type { Route } from './routes'
import type { Segment, UrlPart } from './url-parts'
import type { World } from './world'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { insertSession } from '../../../server/repositories/sessions.repository'
import { hashToken, newToken } from '../../../server/security/tokens'
import { agentApplication, pushBody, submit, SYNC_SITE_ID } from '../sync-fixtures'
import { TEST_PASSWORD } from '../test-server'
import { decodeURIComponentSafe, encodePart } from './url-parts'
import { ensureInReview, ensureMember, ensureOpenDuplicate, ensureSubmitted, unlock, VICTIM_SITE } from './world'

/**
 * What each route is called with: a valid body to bend for the routes that write, the role
 * allowed past its access rule, the record that must be open before a run, and the real ids
 * its path takes.
 */

let uniqueCounter = 0
const SITE_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
function uniqueSiteCode(): string {
  uniqueCounter += 1
  let n = uniqueCounter
  let code = ''
  for (let i = 0; i < 4; i++) {
    code = SITE_CODE_ALPHABET[n % 31] + code
    n = Math.floor(n / 31)
  }
  return `Q${code}`
}

/** The body each operation asks for (member-operations.ts), so most of its leaves matter to the handler. */
const MEMBER_OPERATION_BODIES: Record<string, unknown> = {
  reissue: { fee: { amountFen: 2000, method: 'cash', receiptNo: 'R20261123' }, note: '补办' },
  renew: { fee: { amountFen: 0, method: 'waived' } },
  freeze: { reason: '会员本人申请' },
  cancel: { reason: '会员本人申请' },
  revisit: { revisit: { channel: 'phone', outcome: 'reached' }, note: '已回访' },
  update_contact: { contact: { person: { mobile: '13700001111', email: 'member@example.com', address: { regionCode: '110105', detail: '建国路1号' } } }, reason: '会员本人来电' },
  change_level: { level: 'gold', reason: '会员申请升级' },
}

export const EXAMPLES: Record<string, (world: World, params: Record<string, string>) => unknown> = {
  'POST /api/auth/login': () => ({ username: 'fuzz.login', password: TEST_PASSWORD, deviceId: 'fuzz-login-tablet', deviceLabel: '测试平板' }),
  'POST /api/me/password': world => ({ currentPassword: world.passwordOwner.password, newPassword: `new password ${++uniqueCounter}` }),
  'POST /api/sync/push': (world) => {
    world.pushSeq += 1
    return pushBody([submit(agentApplication(world.agent, world.pushSeq))])
  },
  'POST /api/review/applications/{id}/actions/approve': () => ({ note: '材料齐全，核对无误' }),
  'POST /api/review/applications/{id}/actions/reject': () => ({ reason: 'other', note: '申请人要求撤回申请' }),
  'POST /api/review/applications/{id}/actions/return': () => ({ items: [{ kind: 'field', ref: 'person.mobile', note: '请核对手机号' }, { kind: 'material', ref: 'id_front' }], comment: '请补充材料' }),
  'POST /api/review/applications/{id}/duplicates/{candidateId}/resolve': () => ({ resolution: 'different_person', note: '核对证件后确认不是同一人' }),
  'POST /api/members/{id}/actions/{operation}': (_, params) => structuredClone(Object.hasOwn(MEMBER_OPERATION_BODIES, params.operation ?? '') ? MEMBER_OPERATION_BODIES[params.operation!] : { note: '已核对身份证' }),
  'POST /api/admin/staff': () => ({ username: `fuzz.new${++uniqueCounter}`, displayName: '新员工', role: 'reviewer', siteIds: [SYNC_SITE_ID], password: 'a long enough password' }),
  'PATCH /api/admin/staff/{id}': () => ({ displayName: '改名员工', role: 'reviewer', siteIds: [VICTIM_SITE], disabled: false }),
  'POST /api/admin/staff/{id}/reset-password': () => ({ password: 'another long password' }),
  'POST /api/admin/sites': () => ({ code: uniqueSiteCode(), name: '测试网点', regionCode: '110105' }),
  'PATCH /api/admin/sites/{id}': () => ({ name: '改名网点', active: true }),
  'PUT /api/admin/programme': () => structuredClone(DEFAULT_PROGRAMME),
}

/** What keeps a route's real target open before each run (a decision can be taken only once). */
export const PREPARE: Array<[prefix: string, prepare: (world: World) => Promise<void>]> = [
  // Wrong passwords lock the account for 15 minutes, after which every run would stop at the lock.
  ['POST /api/auth/login', unlock],
  ['POST /api/me/password', unlock],
  ['POST /api/review/applications/{id}/actions/start_review', ensureSubmitted],
  ['POST /api/review/applications/{id}/actions/', ensureInReview],
  ['POST /api/review/applications/{id}/duplicates/', ensureOpenDuplicate],
  ['POST /api/members/', ensureMember],
]

// ---- Who calls each route ---------------------------------------------------------------------

export type Caller = (world: World, pick: number) => Promise<string | undefined>
export const one = (token: (world: World) => string): Caller => async world => token(world)
const anyOf = (...tokens: Array<(world: World) => string>): Caller => async (world, pick) => tokens[pick % tokens.length]!(world)
export const reviewer = (w: World) => w.reviewer
export const supervisor = (w: World) => w.supervisor

/** A role allowed past the route's access rule (authorization-matrix.test.ts holds the rules themselves); first match wins. */
const CALLERS: Array<[method: string, prefix: string, caller: Caller]> = [
  ['POST', '/api/auth/login', async () => undefined],
  ['*', '/api/auth/logout', async (world) => {
    const token = newToken()
    const at = world.server.clock.now()
    await insertSession(world.server.database.db, { tokenHash: hashToken(token), staffId: world.leaver.staffId, deviceId: world.leaver.deviceId, createdAt: at.toISOString(), expiresAt: new Date(at.getTime() + 86_400_000).toISOString() })
    return token
  }],
  ['*', '/api/me/password', one(w => w.passwordOwner.token)],
  ['GET', '/api/me?', anyOf(w => w.agent.token, reviewer, supervisor, w => w.admin)],
  ['*', '/api/admin/', one(w => w.admin)],
  ['*', '/api/sync/', one(w => w.agent.token)],
  ['PUT', '/api/attachments/', one(w => w.agent.token)],
  ['HEAD', '/api/attachments/', one(w => w.agent.token)],
  ['GET', '/api/attachments/', anyOf(reviewer, supervisor, w => w.agent.token)],
  ['*', '/api/stats/', anyOf(reviewer, supervisor, w => w.admin)],
  ['*', '/api/directory', anyOf(reviewer, supervisor, w => w.admin)],
  ['*', '/api/', anyOf(reviewer, supervisor)],
]

/** A route none of the rules names: the first signed-in role it lets past 401/403 (a new route is fuzzed all the same). */
async function probeCaller(world: World, route: Route): Promise<Caller> {
  const tokens = [world.admin, world.supervisor, world.reviewer, world.agent.token]
  for (const token of tokens) {
    const response = await world.server.request(route.path.replace(/\{[^}]+\}/g, 'x'), { method: route.method, token })
    if (response.status !== 401 && response.status !== 403)
      return async () => token
  }
  return async () => world.admin
}

export async function callerFor(world: World, route: Route): Promise<Caller> {
  // A prefix ending in `?` names the path exactly (`/api/me` is not `/api/members`).
  const rule = CALLERS.find(([method, prefix]) => (method === '*' || method === route.method) && (prefix.endsWith('?') ? route.path === prefix.slice(0, -1) : route.path.startsWith(prefix)))
  return rule ? rule[2] : probeCaller(world, route)
}

// ---- Resolving placeholders -------------------------------------------------------------------

function realValues(world: World, route: Route, name: string): string[] {
  const param = route.pathParams.find(p => p.name === name)
  if (param && param.enum.length > 0)
    return param.enum
  const { path } = route
  switch (name) {
    case 'sha256': return world.sha256s
    case 'version': return path.startsWith('/api/admin/programme') ? ['1'] : ['1', '2', '3']
    case 'candidateId': return [world.duplicate.candidateId]
    case 'id':
      if (path.includes('/duplicates/'))
        return [world.duplicate.applicationId]
      if (path.endsWith('/start_review'))
        return [world.submittedId]
      if (path.startsWith('/api/review/applications/{id}/actions/'))
        return [world.inReviewId]
      if (path.startsWith('/api/review/') || path.startsWith('/api/sync/'))
        return [world.inReviewId, world.submittedId, world.memberApplicationId]
      if (path.startsWith('/api/members/') || path.startsWith('/api/exports/members/'))
        return [world.memberId]
      if (path.startsWith('/api/admin/staff/'))
        return [world.victim.staffId]
      if (path.startsWith('/api/admin/sites/'))
        return [world.victim.siteId]
      if (path.startsWith('/api/admin/devices/'))
        return [world.victim.deviceId]
  }
  return []
}

/** The concrete path, and each parameter's value as the server decodes it (for the If-Match look-up). */
export function buildPath(world: World, route: Route, segments: Segment[]): { path: string, params: Record<string, string> } {
  let i = 0
  const params: Record<string, string> = {}
  const path = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const segment = segments[i++] ?? { text: '' }
    const values = 'real' in segment ? realValues(world, route, name) : []
    const part: UrlPart = 'real' in segment ? { text: values.length > 0 ? values[segment.real % values.length]! : 'x' } : segment
    params[name] = 'text' in part ? part.text : decodeURIComponentSafe(part.raw)
    return encodePart(part)
  })
  return { path, params }
}

/** The version the route's record is at now, for an If-Match that gets past the version check. */
export async function currentVersion(world: World, route: Route, id: string): Promise<number> {
  // Only the fixtures' ids are looked up: a junk one would fail this test's own query (NUL on PostgreSQL).
  if (![world.inReviewId, world.submittedId, world.memberApplicationId, world.duplicate.applicationId, world.memberId, world.victim.staffId, world.victim.siteId, ''].includes(id))
    return 1
  const db = world.server.database.db
  if (route.path.startsWith('/api/admin/staff/'))
    return (await db.selectFrom('staff').select('version').where('id', '=', id).executeTakeFirst())?.version ?? 1
  if (route.path.startsWith('/api/admin/sites/'))
    return (await db.selectFrom('sites').select('version').where('id', '=', id).executeTakeFirst())?.version ?? 1
  if (route.path.startsWith('/api/review/applications/'))
    return (await db.selectFrom('applications').select('version').where('id', '=', id).executeTakeFirst())?.version ?? 1
  if (route.path.startsWith('/api/members/'))
    return (await db.selectFrom('members').select('version').where('id', '=', id).executeTakeFirst())?.version ?? 1
  if (route.path.startsWith('/api/admin/programme'))
    return Number((await db.selectFrom('programme_settings').select(eb => eb.fn.max('version').as('v')).executeTakeFirst())?.v ?? 1)
  return 1
}
